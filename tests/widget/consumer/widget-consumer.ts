// A strict TypeScript page script using the widget through the package's
// "./widget" export: element, attribute properties and events are typed.
import { define, debugStats, type TokenlensScreenerElement, type TokenlensSelectDetail } from 'tokenlens-wasm/widget';

define();
const el = document.createElement('tokenlens-screener');
const typed: TokenlensScreenerElement = el;
typed.coins = 'bitcoin,ethereum';
typed.columns = 'price,trader_grade,signal';
typed.compact = true;
typed.theme = 'dark';
el.addEventListener('tokenlens-select', (event) => {
  const detail: TokenlensSelectDetail = event.detail;
  console.log(detail.id.toUpperCase(), detail.symbol);
});
el.addEventListener('tokenlens-error', (event) => console.warn(event.detail.code, event.detail.message));
el.addEventListener('tokenlens-ready', (event) => console.log(event.detail.rows, event.detail.asOf));
const found: TokenlensScreenerElement | null = document.querySelector('tokenlens-screener');
found?.reload();
void debugStats().then((s) => s.liveWidgets + s.timers);
// @ts-expect-error compact is a boolean property
typed.compact = 'yes';
document.body.append(el);

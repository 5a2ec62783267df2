// A bundled consumer of the widget: the bare import is all a site writes. The
// bundler must keep it (the package declares it a side effect) and emit the
// widget's wasm and data files (found with `new URL(…, import.meta.url)`).
import 'tokenlens-wasm/widget';

const log = [];
window.widgetLog = log;
for (const type of ['tokenlens-ready', 'tokenlens-error']) {
  document.addEventListener(type, (event) => log.push({ type, detail: { ...event.detail } }));
}

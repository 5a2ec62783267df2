// The /embed page: one <tokenlens-screener> alone, for sites that embed
// tokenlens in an iframe instead of loading the widget script themselves.
// Only this file and the widget load (no app).
//
// - The query parameters named like the widget's attributes become its
//   attributes (the widget validates them and shows any mistake).
// - The page tells its parent how tall it is, and which row was chosen:
//   { type: "tokenlens:resize", height } (CSS pixels, an integer, sent
//   whenever it changes) and { type: "tokenlens:select", id, symbol }.
// - When live prices cannot be had (the provider unreachable, failing,
//   slow or limiting), a widget that can show the bundled data does, with
//   one line saying so; the parent still gets no error, only the rows.
import '../widget/widget.js';

/** Failures of live data after which the bundled data is shown instead. */
const UNAVAILABLE = new Set(['UNREACHABLE', 'TIMEOUT', 'PROVIDER_ERROR', 'RATE_LIMITED']);

const main = document.getElementById('main');
const params = new URLSearchParams(location.search);

/** Posts `message` to the parent frame, when there is one (nothing in it is private). */
function post(message) {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

function postHeight() {
  post({ type: 'tokenlens:resize', height: Math.ceil(main.getBoundingClientRect().bottom + window.scrollY) });
}

async function mount() {
  await customElements.whenDefined('tokenlens-screener');
  const Screener = customElements.get('tokenlens-screener');
  const names = new Set(Screener.observedAttributes ?? []);
  const widget = document.createElement('tokenlens-screener');
  for (const [name, value] of params) if (names.has(name)) widget.setAttribute(name, value);

  widget.addEventListener('tokenlens-select', (event) => {
    const { id = '', symbol = '' } = event.detail ?? {};
    post({ type: 'tokenlens:select', id: String(id), symbol: String(symbol) });
  });
  // The bundled data holds usd prices of named coins: a category or another
  // currency cannot fall back to it.
  const canFallBack = () =>
    widget.getAttribute('source') !== 'snapshot' && !widget.hasAttribute('category') && (widget.getAttribute('currency') ?? 'usd').toLowerCase() === 'usd';
  widget.addEventListener('tokenlens-error', (event) => {
    if (!UNAVAILABLE.has(event.detail?.code) || !canFallBack()) return;
    const note = document.createElement('p');
    note.className = 'embed-note';
    note.setAttribute('role', 'status');
    note.dataset.testid = 'embed-fallback';
    note.textContent = 'Live prices are unavailable right now; showing the bundled data.';
    main.prepend(note);
    widget.setAttribute('source', 'snapshot');
  });
  main.append(widget);
  new ResizeObserver(postHeight).observe(main);
}

mount().catch((e) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `The screener could not start: ${e?.message ?? e}`;
  main.append(p);
});

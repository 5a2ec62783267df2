// <tokenlens-screener>: a crypto screener computed in the visitor's browser.
//
//   <script type="module" src="…/widget.js"></script>
//   <tokenlens-screener coins="bitcoin,ethereum" columns="price,trader_grade,signal"></tokenlens-screener>
//
// This file only registers the element and forwards its lifecycle to the
// Rust side (tokenlens_widget.js + tokenlens_widget_bg.wasm, loaded from
// beside this file). The wasm module is instantiated once per page, on the
// first connected element, and shared by every widget.
//
// Importing this module defines the element (a side effect, declared in the
// package's `sideEffects`, so bundlers keep a bare `import 'tokenlens/widget'`).
import init, { Widget, setDataUrls, debugStats as wasmDebugStats } from './tokenlens_widget.js';

export const TAG = 'tokenlens-screener';

/** Attributes, all reflected as properties of the same name. */
export const ATTRIBUTES = Object.freeze([
  'coins',
  'category',
  'columns',
  'limit',
  'sort',
  'theme',
  'currency',
  'refresh',
  'source',
  'compact',
  'locale',
]);

/** Attributes reflected as booleans: `true` when present. */
const BOOLEAN_ATTRIBUTES = Object.freeze(['compact']);

// The files beside this one. Each `new URL('./…', import.meta.url)` is
// written out literally: that is the form bundlers (Vite, webpack 5, Parcel)
// recognise, copy into their output and rewrite; unbundled, it is the file
// beside widget.js.
const WASM_URL = new URL('./tokenlens_widget_bg.wasm', import.meta.url);
const SNAPSHOT_URL = new URL('./data/snapshot.json', import.meta.url);
const HISTORY_URL = new URL('./data/history.json', import.meta.url);

let started = null;

/** Instantiates the wasm module once (the same promise for every caller). */
function start() {
  started ??= init({ module_or_path: WASM_URL }).then(() => setDataUrls(SNAPSHOT_URL.href, HISTORY_URL.href));
  return started;
}

class TokenlensScreenerElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  // Open: the table stays reachable to assistive tools, page tests and
  // ::part() styling; the host page's CSS still cannot reach inside.
  #root = this.attachShadow({ mode: 'open' });
  #widget = null;
  #queued = false;

  connectedCallback() {
    start().then(
      () => {
        if (this.isConnected && this.#widget === null) {
          this.#widget = new Widget(this, this.#root);
          this.#widget.update();
        }
      },
      (error) => this.#unavailable(error),
    );
  }

  disconnectedCallback() {
    const widget = this.#widget;
    this.#widget = null;
    // Aborts its load, stops its timer, removes its listeners.
    widget?.free();
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue === newValue || this.#widget === null || this.#queued) return;
    // Several attributes set in the same turn of the event loop make one update.
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#widget?.update();
    });
  }

  /** Loads the data again now. */
  reload() {
    this.#widget?.reload();
  }

  #unavailable(error) {
    const message = 'The screener could not start in this browser (WebAssembly unavailable or blocked).';
    console.warn(`<${TAG}> ${message}`, error);
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.setAttribute('part', 'message');
    p.textContent = message;
    this.#root.replaceChildren(p);
    this.dispatchEvent(
      new CustomEvent('tokenlens-error', { bubbles: true, composed: true, detail: { code: 'WASM_UNAVAILABLE', message } }),
    );
  }
}

for (const name of ATTRIBUTES) {
  const descriptor =
    BOOLEAN_ATTRIBUTES.includes(name)
      ? {
          get() {
            return this.hasAttribute(name);
          },
          set(value) {
            this.toggleAttribute(name, Boolean(value));
          },
        }
      : {
          get() {
            return this.getAttribute(name);
          },
          set(value) {
            if (value === null || value === undefined) this.removeAttribute(name);
            else this.setAttribute(name, String(value));
          },
        };
  Object.defineProperty(TokenlensScreenerElement.prototype, name, { ...descriptor, enumerable: true, configurable: true });
}

/**
 * Registers <tokenlens-screener>. Safe to call any number of times, and
 * from several copies of this module: the first registration wins.
 */
export function define() {
  if (!customElements.get(TAG)) customElements.define(TAG, TokenlensScreenerElement);
  return customElements.get(TAG);
}

/** Live widgets, running refresh timers, loads in flight and wasm memory bytes. */
export async function debugStats() {
  await start();
  return wasmDebugStats();
}

define();

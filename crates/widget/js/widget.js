// <tokenlens-screener>: a crypto screener computed in the visitor's browser.
//
//   <script type="module" src="…/widget.js"></script>
//   <tokenlens-screener coins="bitcoin,ethereum" columns="price,trader_grade,signal"></tokenlens-screener>
//
// This file only registers the element and forwards its lifecycle to the
// Rust side (the wasm-bindgen glue tokenlens_widget.js, which the build
// inlines here, and tokenlens_widget_bg.wasm, loaded from beside this file
// and checked against its digest: see integrity.js). The wasm module is
// instantiated once per page, on the first connected element, and shared by
// every widget: the instance is the one of the copy of this module that
// defined the element.
//
// Importing this module defines the element (a side effect, declared in the
// package's `sideEffects`, so bundlers keep a bare `import 'tokenlens-wasm/widget'`).
import init, { Widget, setDataUrls, onCrash, debugStats as wasmDebugStats } from './tokenlens_widget.js';

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
// When a site serves this copy with the data it publishes on a schedule: how
// often it publishes again, in minutes. While the bundled market list is
// younger than that, a live widget shows it instead of asking CoinGecko.
const PUBLISHED_MINUTES = 0; // the build writes the site's interval here

let started = null;

/** Instantiates the wasm module once (the same promise for every caller). */
function start() {
  started ??= init({ module_or_path: WASM_URL }).then(() => {
    setDataUrls(SNAPSHOT_URL.href, HISTORY_URL.href, PUBLISHED_MINUTES);
    onCrash(crash);
  });
  return started;
}

// A panic (a bug) stops the page's one wasm instance halfway: every widget
// of the page then shows its error state and sends `tokenlens-error` with
// code INTERNAL, and none calls into the instance again (a reload of the
// page starts afresh).
const CRASHED = 'The screener stopped because of an internal error. Reload the page to try again.';
/** What the panic hook throws: caught here, and kept from the page's error reporting. */
const STOPPED = new Error(`<${TAG}> stopped after an internal error`);
let crashed = false;
/** Connected elements, so that a crash reaches each. */
const elements = new Set();
/** The elements' method that shows the crash (not part of their API). */
const STOP = Symbol('stop');

/** Called by the Rust panic hook (inside the failing call): returns what it throws. */
function crash(description) {
  if (!crashed) {
    crashed = true;
    console.warn(`<${TAG}> internal error: ${description}`);
    // Out of the failing call first: host listeners then run on a settled page.
    queueMicrotask(() => {
      for (const element of elements) element[STOP]();
    });
  }
  return STOPPED;
}

/** Runs `f` (a call into wasm); a crash inside it is reported by `crash`, never thrown. */
function guarded(f) {
  if (crashed) return undefined;
  try {
    return f();
  } catch (error) {
    if (error !== STOPPED) crash(error);
    return undefined;
  }
}

for (const type of ['error', 'unhandledrejection']) {
  // A crash inside a task, timer or listener of the module reaches the page's
  // error reporting as STOPPED: already reported, as a warning and an event.
  globalThis.addEventListener?.(type, (event) => {
    if ((event.error ?? event.reason) === STOPPED) event.preventDefault();
  });
}

class TokenlensScreenerElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  /** `debugStats` of the copy of this module that defined the element. */
  static [Symbol.for('tokenlens-screener.debugStats')]() {
    return debugStats();
  }

  // Open: the table stays reachable to assistive tools, page tests and
  // ::part() styling; the host page's CSS still cannot reach inside.
  #root = this.attachShadow({ mode: 'open' });
  #widget = null;
  #queued = false;
  #stopped = false;

  connectedCallback() {
    elements.add(this);
    start().then(
      () => {
        if (crashed) this[STOP]();
        else if (this.isConnected && this.#widget === null) {
          guarded(() => {
            this.#widget = new Widget(this, this.#root);
            this.#widget.update();
          });
        }
      },
      (error) => this.#unavailable(error),
    );
  }

  disconnectedCallback() {
    elements.delete(this);
    const widget = this.#widget;
    this.#widget = null;
    // Aborts its load, stops its timer, removes its listeners.
    if (widget) guarded(() => widget.free());
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue === newValue || this.#widget === null || this.#queued) return;
    // Several attributes set in the same turn of the event loop make one update.
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      guarded(() => this.#widget?.update());
    });
  }

  /** Loads the data again now. */
  reload() {
    guarded(() => this.#widget?.reload());
  }

  /**
   * After a crash (see `crash`): the error state and `tokenlens-error`
   * (INTERNAL), once. The Rust side is dropped without a call into it.
   */
  [STOP]() {
    if (!this.isConnected || this.#stopped) return;
    this.#stopped = true;
    this.#widget = null;
    this.#show(CRASHED, 'INTERNAL');
  }

  #unavailable(error) {
    const message = 'The screener could not start in this browser (WebAssembly unavailable or blocked).';
    console.warn(`<${TAG}> ${message}`, error);
    this.#show(message, 'WASM_UNAVAILABLE');
  }

  /**
   * The widget's error state (as the Rust side draws it: a message in place
   * of the table) and `tokenlens-error`.
   */
  #show(message, code) {
    const theme = ['light', 'dark'].includes(this.getAttribute('theme')) ? this.getAttribute('theme') : 'auto';
    const box = document.createElement('div');
    box.className = `tl theme-${theme}`;
    box.setAttribute('part', 'container');
    const p = document.createElement('div');
    p.className = 'message error';
    p.setAttribute('role', 'alert');
    p.setAttribute('part', 'message');
    p.append(document.createElement('strong'));
    p.firstChild.textContent = message;
    box.append(p);
    this.#root.replaceChildren(box);
    this.dispatchEvent(new CustomEvent('tokenlens-error', { bubbles: true, composed: true, detail: { code, message } }));
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
  const defined = customElements.get(TAG);
  if (defined && defined !== TokenlensScreenerElement) return defined[Symbol.for('tokenlens-screener.debugStats')]();
  await start();
  return wasmDebugStats();
}

define();

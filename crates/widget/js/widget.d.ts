// Types of widget.js: the <tokenlens-screener> element.

/** Detail of `tokenlens-select`: the row chosen (click, Enter or Space). */
export interface TokenlensSelectDetail {
  /** CoinGecko id, e.g. "bitcoin". */
  id: string;
  /** Ticker, upper case, e.g. "BTC". */
  symbol: string;
}

/** Detail of `tokenlens-error`. */
export interface TokenlensErrorDetail {
  code:
    | 'INVALID_ATTRIBUTE'
    | 'RATE_LIMITED'
    | 'PROVIDER_ERROR'
    | 'UNREACHABLE'
    | 'TIMEOUT'
    | 'BAD_DATA'
    | 'REQUEST_REFUSED'
    | 'SNAPSHOT_UNAVAILABLE'
    | 'NO_ROWS'
    | 'WASM_UNAVAILABLE'
    /** An internal error (a bug) stopped every widget of the page; a reload starts afresh. */
    | 'INTERNAL';
  /** The sentence shown inside the widget. */
  message: string;
}

/** Detail of `tokenlens-ready`, sent after each successful load. */
export interface TokenlensReadyDetail {
  /**
   * Rows the table shows after that load: at most `limit` (a `coins` list may
   * name more). A change that loads nothing new (`sort`, `columns`, `theme`,
   * `compact`, `locale`, or `limit` with a `coins` list) re-renders without a
   * new event.
   */
  rows: number;
  source: 'live' | 'snapshot';
  /**
   * UTC date (YYYY-MM-DD) every figure shown describes, as in the footer. A
   * figure the data does not have for that date shows "—" (in snapshot mode
   * today: rank, market cap, volume and class).
   */
  asOf: string;
}

export type TokenlensColumn =
  | 'rank'
  | 'price'
  | 'change_24h'
  | 'change_7d'
  | 'market_cap'
  | 'volume'
  | 'trader_grade'
  | 'investor_grade'
  | 'signal'
  | 'rating'
  | 'class';

/** The element. Every property reflects the attribute of the same name. */
export interface TokenlensScreenerElement extends HTMLElement {
  /** Comma-separated CoinGecko ids (at most 50). */
  coins: string | null;
  /** A CoinGecko category id (live mode only). */
  category: string | null;
  /** Comma-separated column names ({@link TokenlensColumn}). */
  columns: string | null;
  /** Rows shown, 1–100 (default 10). */
  limit: string | null;
  /** A column or "symbol", optionally ":asc" or ":desc". */
  sort: string | null;
  theme: 'light' | 'dark' | 'auto' | string | null;
  /** A currency CoinGecko quotes (default "usd"; live mode only for others). */
  currency: string | null;
  /** Seconds between live refreshes, 60–86400, or "0" for never (default 300). */
  refresh: string | null;
  source: 'live' | 'snapshot' | string | null;
  compact: boolean;
  /** A BCP 47 language tag for numbers (default: the visitor's). */
  locale: string | null;
  /** Loads the data again now. */
  reload(): void;
  addEventListener<K extends keyof TokenlensScreenerEventMap>(
    type: K,
    listener: (this: TokenlensScreenerElement, ev: TokenlensScreenerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

export interface TokenlensScreenerEventMap extends HTMLElementEventMap {
  'tokenlens-select': CustomEvent<TokenlensSelectDetail>;
  'tokenlens-error': CustomEvent<TokenlensErrorDetail>;
  'tokenlens-ready': CustomEvent<TokenlensReadyDetail>;
}

export interface TokenlensWidgetStats {
  liveWidgets: number;
  timers: number;
  loads: number;
  memoryBytes: number;
}

export declare const TAG: 'tokenlens-screener';
export declare const ATTRIBUTES: readonly string[];
/** Registers the element; safe to call more than once. */
export declare function define(): CustomElementConstructor;
/** Counters for leak checks: live widgets, timers, loads in flight, wasm memory. */
export declare function debugStats(): Promise<TokenlensWidgetStats>;

declare global {
  interface HTMLElementTagNameMap {
    'tokenlens-screener': TokenlensScreenerElement;
  }
}

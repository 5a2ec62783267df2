// BEGIN generated from the indicator catalog: do not edit by hand.
/** An indicator at its default parameters, or one whose first parameter is the period with another period (e.g. "rsi7", "bb50"). */
export type IndicatorName =
  | "macd" | "stoch" | "stochrsi" | "ao" | "uo" | "psar" | "bb" | "kc" | "dc" | "obv" | "ad" | "ichimoku" | "supertrend"
  | `${"sma" | "ema" | "wma" | "dema" | "tema" | "hma" | "vwma" | "rsi" | "cci" | "willr" | "mom" | "roc" | "trix" | "adx" | "aroon" | "bb" | "atr" | "natr" | "kc" | "dc" | "mfi" | "stddev" | "elderray" | "vwap" | "volume_z"}${number}`;

/** An indicator with explicit parameters; omitted ones take their defaults. */
export type IndicatorSpec =
  | IndicatorName
  | { indicator: "sma" | "ema" | "wma" | "dema" | "tema" | "hma" | "vwma" | "rsi" | "cci" | "willr" | "mom" | "roc" | "trix" | "adx" | "aroon" | "atr" | "natr" | "dc" | "mfi" | "elderray" | "vwap" | "volume_z"; period?: number }
  | { indicator: "macd"; fast?: number; slow?: number; signal?: number }
  | { indicator: "stoch"; k_period?: number; k_slowing?: number; d_period?: number }
  | { indicator: "stochrsi"; rsi_period?: number; k_period?: number; d_period?: number }
  | { indicator: "ao"; fast?: number; slow?: number }
  | { indicator: "uo"; short?: number; mid?: number; long?: number }
  | { indicator: "psar"; acceleration?: number; maximum?: number }
  | { indicator: "bb"; period?: number; multiplier?: number }
  | { indicator: "kc"; period?: number; atr_period?: number; multiplier?: number }
  | { indicator: "obv" | "ad" }
  | { indicator: "stddev"; period?: number; deviations?: number }
  | { indicator: "ichimoku"; conversion?: number; base?: number; span_b?: number }
  | { indicator: "supertrend"; atr_period?: number; multiplier?: number };
// END generated from the indicator catalog.

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
  | { indicator: "stoch"; kPeriod?: number; kSlowing?: number; dPeriod?: number; /** @deprecated Write `kPeriod`. */ k_period?: number; /** @deprecated Write `kSlowing`. */ k_slowing?: number; /** @deprecated Write `dPeriod`. */ d_period?: number }
  | { indicator: "stochrsi"; rsiPeriod?: number; kPeriod?: number; dPeriod?: number; /** @deprecated Write `rsiPeriod`. */ rsi_period?: number; /** @deprecated Write `kPeriod`. */ k_period?: number; /** @deprecated Write `dPeriod`. */ d_period?: number }
  | { indicator: "ao"; fast?: number; slow?: number }
  | { indicator: "uo"; short?: number; mid?: number; long?: number }
  | { indicator: "psar"; acceleration?: number; maximum?: number }
  | { indicator: "bb"; period?: number; multiplier?: number }
  | { indicator: "kc"; period?: number; atrPeriod?: number; multiplier?: number; /** @deprecated Write `atrPeriod`. */ atr_period?: number }
  | { indicator: "obv" | "ad" }
  | { indicator: "stddev"; period?: number; deviations?: number }
  | { indicator: "ichimoku"; conversion?: number; base?: number; spanB?: number; /** @deprecated Write `spanB`. */ span_b?: number }
  | { indicator: "supertrend"; atrPeriod?: number; multiplier?: number; /** @deprecated Write `atrPeriod`. */ atr_period?: number };
// END generated from the indicator catalog.

// Types of the package entry (see entry.js): the module's declarations and
// the streaming indicator classes with their inputs, options and outputs.
import { StreamingIndicator } from './tokenlens.js';

export * from './tokenlens.js';
export { default } from './tokenlens.js';

/** What went wrong, as a stable code (see the README's error table). */
export type TokenlensErrorCode =
  | "INVALID_PARAMETER"
  | "INVALID_INPUT"
  | "LENGTH_MISMATCH"
  | "MISSING_COLUMN"
  | "MISSING_MARKET_CAP"
  | "TOO_SHORT"
  | "FREED"
  | "INTERNAL";
/** The error every tokenlens function throws: an `Error` with a stable `code`. */
export declare class TokenlensError extends Error {
  constructor(code: TokenlensErrorCode, message: string);
  readonly name: "TokenlensError";
  readonly code: TokenlensErrorCode;
}

/** One candle for a streaming indicator. `open` defaults to `close`. */
export interface CandleInput { open?: number; high: number; low: number; close: number; volume?: number }
/** Candles as equal-length columns (`updateMany` of a candle indicator). `open` defaults to `close`. */
export interface CandleColumns {
  open?: Float64Array | number[]; high: Float64Array | number[]; low: Float64Array | number[];
  close: Float64Array | number[]; volume?: Float64Array | number[];
}
/** Options of a streaming indicator; omitted fields take their defaults. Keys are camelCase; the snake_case keys of earlier releases still work, with a deprecation warning. */
export interface PeriodOptions { period?: number }
/** Options of an exponential moving average (seeded with the mean of the first `period` values, as TA-Lib does). */
export type EmaOptions = PeriodOptions;
export type NoOptions = Record<string, never>;
/** @deprecated Renamed `BollingerBandsOptions`. */
export type BollingerOptions = BollingerBandsOptions;
/** @deprecated Renamed `UltimateOscillatorOptions`. */
export type UltOscOptions = UltimateOscillatorOptions;
/** @deprecated Renamed `ParabolicSarOptions`. */
export type SarOptions = ParabolicSarOptions;
/** @deprecated Renamed `KeltnerChannelOptions`. */
export type KeltnerOptions = KeltnerChannelOptions;
export interface MacdOutput { macd: number; signal: number; histogram: number }
export interface BandsOutput { upper: number; middle: number; lower: number }
export interface BollingerOutput extends BandsOutput { percentB: number; bandwidth: number }
export interface StochOutput { k: number; d: number }
export interface AdxOutput { adx: number; plusDi: number; minusDi: number }
export interface DmiOutput { plusDi: number; minusDi: number }
export interface AroonOutput { up: number; down: number; oscillator: number }
export interface ElderRayOutput { bullPower: number; bearPower: number }
export interface IchimokuOutput { conversion: number; base: number; spanA: number; spanB: number }
export interface SupertrendOutput { value: number; direction: "up" | "down" }

/** A streaming indicator: `update(x)` per input, `replace(x)` for the live candle; `undefined` until warmed up. */
declare class Streaming<Options, Input, Output> extends StreamingIndicator {
  /** Throws `TokenlensError` (`INVALID_PARAMETER`, `INVALID_INPUT`) for bad options. */
  constructor(options?: Options);
  /** Feeds the next input; `undefined` until warmed up. */
  update(input: Input): Output | undefined;
  /** Replaces the last input (the live, still-forming candle). */
  replace(input: Input): Output | undefined;
  /**
   * Feeds a whole history in one call (prices as a Float64Array or numbers; candles as
   * columns) and returns the output after its last input, as `update` would.
   */
  updateMany(inputs: Input extends number ? Float64Array | number[] : CandleColumns): Output | undefined;
}

/** Streaming `Dmi` (core `trend::Dmi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Dmi extends Streaming<PeriodOptions, CandleInput, DmiOutput> {}

// BEGIN generated from the indicator catalog: do not edit by hand.
export interface MacdOptions { fast?: number; slow?: number; signal?: number }
export interface StochOptions { kPeriod?: number; kSlowing?: number; dPeriod?: number }
export interface StochRsiOptions { rsiPeriod?: number; kPeriod?: number; dPeriod?: number }
export interface AoOptions { fast?: number; slow?: number }
export interface UltimateOscillatorOptions { short?: number; mid?: number; long?: number }
export interface ParabolicSarOptions { acceleration?: number; maximum?: number }
export interface BollingerBandsOptions { period?: number; multiplier?: number }
export interface KeltnerChannelOptions { period?: number; atrPeriod?: number; multiplier?: number }
export interface StdDevOptions { period?: number; deviations?: number }
export interface IchimokuOptions { conversion?: number; base?: number; spanB?: number }
export interface SupertrendOptions { atrPeriod?: number; multiplier?: number }
/** Streaming Simple moving average (`sma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Sma extends Streaming<PeriodOptions, number, number> {}
/** Streaming Exponential moving average (`ema`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ema extends Streaming<PeriodOptions, number, number> {}
/** Streaming Weighted moving average (`wma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Wma extends Streaming<PeriodOptions, number, number> {}
/** Streaming Double exponential moving average (`dema`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Dema extends Streaming<PeriodOptions, number, number> {}
/** Streaming Triple exponential moving average (`tema`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Tema extends Streaming<PeriodOptions, number, number> {}
/** Streaming Hull moving average (`hma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Hma extends Streaming<PeriodOptions, number, number> {}
/** Streaming Volume-weighted moving average (`vwma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Vwma extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Relative strength index (`rsi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Rsi extends Streaming<PeriodOptions, number, number> {}
/** Streaming Moving average convergence/divergence (`macd`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Macd extends Streaming<MacdOptions, number, MacdOutput> {}
/** Streaming Stochastic oscillator (`stoch`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Stoch extends Streaming<StochOptions, CandleInput, StochOutput> {}
/** Streaming Stochastic RSI (`stochrsi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class StochRsi extends Streaming<StochRsiOptions, number, StochOutput> {}
/** Streaming Commodity channel index (`cci`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Cci extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Williams %R (`willr`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class WillR extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Momentum (`mom`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Mom extends Streaming<PeriodOptions, number, number> {}
/** Streaming Rate of change (`roc`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Roc extends Streaming<PeriodOptions, number, number> {}
/** Streaming Triple-smoothed EMA rate of change (TRIX) (`trix`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Trix extends Streaming<PeriodOptions, number, number> {}
/** Streaming Awesome oscillator (`ao`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ao extends Streaming<AoOptions, CandleInput, number> {}
/** Streaming Ultimate oscillator (`uo`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class UltimateOscillator extends Streaming<UltimateOscillatorOptions, CandleInput, number> {}
/** Streaming Average directional index, with +DI and −DI (`adx`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Adx extends Streaming<PeriodOptions, CandleInput, AdxOutput> {}
/** Streaming Aroon up, down and oscillator (`aroon`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Aroon extends Streaming<PeriodOptions, CandleInput, AroonOutput> {}
/** Streaming Parabolic SAR (`psar`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class ParabolicSar extends Streaming<ParabolicSarOptions, CandleInput, number> {}
/** Streaming Bollinger Bands (`bb`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class BollingerBands extends Streaming<BollingerBandsOptions, number, BollingerOutput> {}
/** Streaming Average true range (`atr`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Atr extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Normalized average true range (`natr`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Natr extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Keltner channel (`kc`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class KeltnerChannel extends Streaming<KeltnerChannelOptions, CandleInput, BandsOutput> {}
/** Streaming Donchian channel (`dc`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class DonchianChannel extends Streaming<PeriodOptions, CandleInput, BandsOutput> {}
/** Streaming On-balance volume (`obv`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Obv extends Streaming<NoOptions, CandleInput, number> {}
/** Streaming Money flow index (`mfi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Mfi extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Accumulation/distribution line (`ad`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ad extends Streaming<NoOptions, CandleInput, number> {}
/** Streaming Standard deviation (`stddev`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class StdDev extends Streaming<StdDevOptions, number, number> {}
/** Streaming Elder-ray bull and bear power (`elderray`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class ElderRay extends Streaming<PeriodOptions, CandleInput, ElderRayOutput> {}
/** Streaming Rolling volume-weighted average price (`vwap`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Vwap extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Volume z-score (`volume_z`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class VolumeZ extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming Ichimoku cloud (`ichimoku`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ichimoku extends Streaming<IchimokuOptions, CandleInput, IchimokuOutput> {}
/** Streaming Supertrend (`supertrend`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Supertrend extends Streaming<SupertrendOptions, CandleInput, SupertrendOutput> {}
/** @deprecated Renamed `UltimateOscillator`; this name goes in the next major release. */
export declare const UltOsc: typeof UltimateOscillator;
/** @deprecated Renamed `UltimateOscillator`. */
export type UltOsc = UltimateOscillator;
/** @deprecated Renamed `ParabolicSar`; this name goes in the next major release. */
export declare const Sar: typeof ParabolicSar;
/** @deprecated Renamed `ParabolicSar`. */
export type Sar = ParabolicSar;
/** @deprecated Renamed `BollingerBands`; this name goes in the next major release. */
export declare const BBands: typeof BollingerBands;
/** @deprecated Renamed `BollingerBands`. */
export type BBands = BollingerBands;
/** @deprecated Renamed `KeltnerChannel`; this name goes in the next major release. */
export declare const Keltner: typeof KeltnerChannel;
/** @deprecated Renamed `KeltnerChannel`. */
export type Keltner = KeltnerChannel;
/** @deprecated Renamed `DonchianChannel`; this name goes in the next major release. */
export declare const Donchian: typeof DonchianChannel;
/** @deprecated Renamed `DonchianChannel`. */
export type Donchian = DonchianChannel;
// END generated from the indicator catalog.

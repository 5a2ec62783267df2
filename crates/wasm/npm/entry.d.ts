// Types of the package entry (see entry.js): the module's declarations and
// the streaming indicator classes with their inputs, options and outputs.
import { StreamingIndicator } from './tokenlens.js';

export * from './tokenlens.js';
export { default } from './tokenlens.js';

/** One candle for a streaming indicator. `open` defaults to `close`. */
export interface CandleInput { open?: number; high: number; low: number; close: number; volume?: number }
/** Options of a streaming indicator; omitted fields take their defaults. Keys may be camelCase or snake_case. */
export interface PeriodOptions { period?: number }
/** Options of an exponential moving average (seeded with the mean of the first `period` values, as TA-Lib does). */
export type EmaOptions = PeriodOptions;
export type NoOptions = Record<string, never>;
export interface MacdOptions { fast?: number; slow?: number; signal?: number }
export interface BollingerOptions { period?: number; multiplier?: number }
export interface StdDevOptions { period?: number; deviations?: number }
export interface StochOptions { kPeriod?: number; kSlowing?: number; dPeriod?: number }
export interface StochRsiOptions { rsiPeriod?: number; kPeriod?: number; dPeriod?: number }
export interface AoOptions { fast?: number; slow?: number }
export interface UltOscOptions { short?: number; mid?: number; long?: number }
export interface SarOptions { acceleration?: number; maximum?: number }
export interface KeltnerOptions { period?: number; atrPeriod?: number; multiplier?: number }
export interface IchimokuOptions { conversion?: number; base?: number; spanB?: number }
export interface SupertrendOptions { atrPeriod?: number; multiplier?: number }
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
}

/** Streaming `Ema` (core `trend::Ema`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ema extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Sma` (core `trend::Sma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Sma extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Wma` (core `trend::Wma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Wma extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Dema` (core `trend::Dema`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Dema extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Tema` (core `trend::Tema`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Tema extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Hma` (core `trend::Hma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Hma extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Vwma` (core `trend::Vwma`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Vwma extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `Macd` (core `trend::Macd`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Macd extends Streaming<MacdOptions, number, MacdOutput> {}
/** Streaming `Adx` (core `trend::Adx`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Adx extends Streaming<PeriodOptions, CandleInput, AdxOutput> {}
/** Streaming `Dmi` (core `trend::Dmi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Dmi extends Streaming<PeriodOptions, CandleInput, DmiOutput> {}
/** Streaming `Aroon` (core `trend::Aroon`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Aroon extends Streaming<PeriodOptions, CandleInput, AroonOutput> {}
/** Streaming `Sar` (core `trend::Sar`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Sar extends Streaming<SarOptions, CandleInput, number> {}
/** Streaming `Ichimoku` (core `trend::Ichimoku`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ichimoku extends Streaming<IchimokuOptions, CandleInput, IchimokuOutput> {}
/** Streaming `Supertrend` (core `trend::Supertrend`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Supertrend extends Streaming<SupertrendOptions, CandleInput, SupertrendOutput> {}
/** Streaming `Rsi` (core `momentum::Rsi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Rsi extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Stoch` (core `momentum::Stoch`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Stoch extends Streaming<StochOptions, CandleInput, StochOutput> {}
/** Streaming `StochRsi` (core `momentum::StochRsi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class StochRsi extends Streaming<StochRsiOptions, number, StochOutput> {}
/** Streaming `Cci` (core `momentum::Cci`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Cci extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `WillR` (core `momentum::WillR`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class WillR extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `Mom` (core `momentum::Mom`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Mom extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Roc` (core `momentum::Roc`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Roc extends Streaming<PeriodOptions, number, number> {}
/** Streaming `Ao` (core `momentum::Ao`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ao extends Streaming<AoOptions, CandleInput, number> {}
/** Streaming `UltOsc` (core `momentum::UltOsc`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class UltOsc extends Streaming<UltOscOptions, CandleInput, number> {}
/** Streaming `ElderRay` (core `momentum::ElderRay`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class ElderRay extends Streaming<PeriodOptions, CandleInput, ElderRayOutput> {}
/** Streaming `BBands` (core `volatility::BBands`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class BBands extends Streaming<BollingerOptions, number, BollingerOutput> {}
/** Streaming `StdDev` (core `volatility::StdDev`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class StdDev extends Streaming<StdDevOptions, number, number> {}
/** Streaming `Atr` (core `volatility::Atr`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Atr extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `Natr` (core `volatility::Natr`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Natr extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `Keltner` (core `volatility::Keltner`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Keltner extends Streaming<KeltnerOptions, CandleInput, BandsOutput> {}
/** Streaming `Donchian` (core `volatility::Donchian`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Donchian extends Streaming<PeriodOptions, CandleInput, BandsOutput> {}
/** Streaming `Obv` (core `volume::Obv`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Obv extends Streaming<NoOptions, CandleInput, number> {}
/** Streaming `Mfi` (core `volume::Mfi`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Mfi extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `Ad` (core `volume::Ad`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Ad extends Streaming<NoOptions, CandleInput, number> {}
/** Streaming `Vwap` (core `volume::Vwap`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class Vwap extends Streaming<PeriodOptions, CandleInput, number> {}
/** Streaming `VolumeZ` (core `volume::VolumeZ`); see docs/METHODOLOGY.md for its formula and warm-up. */
export declare class VolumeZ extends Streaming<PeriodOptions, CandleInput, number> {}

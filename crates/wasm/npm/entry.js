// The package entry: everything the wasm module exports, and the streaming
// indicator classes, each a thin subclass of the module's `StreamingIndicator`
// naming its kind (one set of bindings in the module for all of them).
// scripts/build-pkg.sh writes it out twice: `index.js` over the whole module
// and `indicators.js` over the indicators-only one. The classes are marked pure
// so that bundlers drop those an app does not import.
import { IndicatorPass, IndicatorWorkspace, StreamingIndicator } from './tokenlens.js';
// The module's error class (scripts/build-pkg.sh writes the snippet's real folder).
import { TokenlensError } from './snippets/tokenlens-wasm/js/errors.js';

export * from './tokenlens.js';
export { default } from './tokenlens.js';
export { TokenlensError };

/**
 * Every method and getter of a freed object (after `free()` or a `using`
 * block) throws `TokenlensError` `FREED`, here, instead of handing the module
 * a null pointer (which fails deep inside it, and leaks its stack each time).
 */
const guard = (Class) => {
  const proto = Class.prototype;
  // The fast steps check the pointer themselves (see `fast` below).
  const skip = new Set(['constructor', 'free', '__destroy_into_raw', '__stepPrice', '__stepCandle', Symbol.dispose]);
  for (const key of Reflect.ownKeys(proto)) {
    if (skip.has(key)) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    const name = `${Class.name}.${String(key)}`;
    const check = (self) => {
      if (!self.__wbg_ptr) throw new TokenlensError('FREED', `${name}: the object was freed and cannot be used`);
    };
    if (typeof d.value === 'function') {
      const method = d.value;
      d.value = function (...args) {
        check(this);
        return method.apply(this, args);
      };
    } else if (d.get) {
      const get = d.get;
      d.get = function () {
        check(this);
        return get.call(this);
      };
    } else continue;
    Object.defineProperty(proto, key, d);
  }
};
guard(IndicatorPass);
guard(IndicatorWorkspace);
guard(StreamingIndicator);

/**
 * `update` and `replace` of an indicator whose output is one number: a number
 * or a well-formed candle goes straight to the module (numbers in, a number
 * out, nothing allocated); anything else takes the general path, which reads
 * any input and throws the precise `TokenlensError`.
 */
const fast = (general, replace) =>
  function (x) {
    const path = this.__path;
    if (path === 1 && typeof x === 'number' && this.__wbg_ptr) {
      const out = this.__stepPrice(x, replace);
      return out === out ? out : undefined;
    }
    if (path >= 2 && typeof x === 'object' && x !== null && this.__wbg_ptr) {
      const { open, high, low, close, volume } = x;
      if (
        typeof high === 'number' &&
        typeof low === 'number' &&
        typeof close === 'number' &&
        (open === undefined || typeof open === 'number') &&
        (typeof volume === 'number' || (volume === undefined && path === 2))
      ) {
        const out = this.__stepCandle(open ?? close, high, low, close, volume ?? 0, replace);
        return out === out ? out : undefined;
      }
    }
    return general.call(this, x);
  };
const streaming = StreamingIndicator.prototype;
streaming.update = fast(streaming.update, false);
streaming.replace = fast(streaming.replace, true);

const make = (kind) =>
  ({
    [kind]: class extends StreamingIndicator {
      constructor(options) {
        super(kind, options);
        /** Which fast path `update` takes: 0 none, 1 prices, 2 candles, 3 candles with a volume. */
        this.__path = this.__fastPath;
      }
    },
  })[kind];

// The ADX's +DI and −DI alone (a class of the ADX row, with its options).
export const Dmi = /* @__PURE__ */ make('Dmi');

// BEGIN generated from the indicator catalog: do not edit by hand.
export const Sma = /* @__PURE__ */ make('Sma');
export const Ema = /* @__PURE__ */ make('Ema');
export const Wma = /* @__PURE__ */ make('Wma');
export const Dema = /* @__PURE__ */ make('Dema');
export const Tema = /* @__PURE__ */ make('Tema');
export const Hma = /* @__PURE__ */ make('Hma');
export const Vwma = /* @__PURE__ */ make('Vwma');
export const Rsi = /* @__PURE__ */ make('Rsi');
export const Macd = /* @__PURE__ */ make('Macd');
export const Stoch = /* @__PURE__ */ make('Stoch');
export const StochRsi = /* @__PURE__ */ make('StochRsi');
export const Cci = /* @__PURE__ */ make('Cci');
export const WillR = /* @__PURE__ */ make('WillR');
export const Mom = /* @__PURE__ */ make('Mom');
export const Roc = /* @__PURE__ */ make('Roc');
export const Trix = /* @__PURE__ */ make('Trix');
export const Ao = /* @__PURE__ */ make('Ao');
export const UltimateOscillator = /* @__PURE__ */ make('UltimateOscillator');
export const Adx = /* @__PURE__ */ make('Adx');
export const Aroon = /* @__PURE__ */ make('Aroon');
export const ParabolicSar = /* @__PURE__ */ make('ParabolicSar');
export const BollingerBands = /* @__PURE__ */ make('BollingerBands');
export const Atr = /* @__PURE__ */ make('Atr');
export const Natr = /* @__PURE__ */ make('Natr');
export const KeltnerChannel = /* @__PURE__ */ make('KeltnerChannel');
export const DonchianChannel = /* @__PURE__ */ make('DonchianChannel');
export const Obv = /* @__PURE__ */ make('Obv');
export const Mfi = /* @__PURE__ */ make('Mfi');
export const Ad = /* @__PURE__ */ make('Ad');
export const StdDev = /* @__PURE__ */ make('StdDev');
export const ElderRay = /* @__PURE__ */ make('ElderRay');
export const Vwap = /* @__PURE__ */ make('Vwap');
export const VolumeZ = /* @__PURE__ */ make('VolumeZ');
export const Ichimoku = /* @__PURE__ */ make('Ichimoku');
export const Supertrend = /* @__PURE__ */ make('Supertrend');
/** @deprecated Renamed `UltimateOscillator`; this name goes in the next major release. */
export const UltOsc = UltimateOscillator;
/** @deprecated Renamed `ParabolicSar`; this name goes in the next major release. */
export const Sar = ParabolicSar;
/** @deprecated Renamed `BollingerBands`; this name goes in the next major release. */
export const BBands = BollingerBands;
/** @deprecated Renamed `KeltnerChannel`; this name goes in the next major release. */
export const Keltner = KeltnerChannel;
/** @deprecated Renamed `DonchianChannel`; this name goes in the next major release. */
export const Donchian = DonchianChannel;
// END generated from the indicator catalog.

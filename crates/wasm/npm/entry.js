// The package entry: everything the wasm module exports, and the streaming
// indicator classes, each a thin subclass of the module's `StreamingIndicator`
// naming its kind (one set of bindings in the module for all of them).
// scripts/build-pkg.sh writes it out twice: `index.js` over the whole module
// and `indicators.js` over the indicators-only one.
import { StreamingIndicator } from './tokenlens.js';

export * from './tokenlens.js';
export { default } from './tokenlens.js';

const make = (kind) =>
  ({
    [kind]: class extends StreamingIndicator {
      constructor(options) {
        super(kind, options);
      }
    },
  })[kind];

export const Ema = make('Ema');
export const Sma = make('Sma');
export const Wma = make('Wma');
export const Dema = make('Dema');
export const Tema = make('Tema');
export const Hma = make('Hma');
export const Vwma = make('Vwma');
export const Macd = make('Macd');
export const Adx = make('Adx');
export const Dmi = make('Dmi');
export const Aroon = make('Aroon');
export const Sar = make('Sar');
export const Ichimoku = make('Ichimoku');
export const Supertrend = make('Supertrend');
export const Rsi = make('Rsi');
export const Stoch = make('Stoch');
export const StochRsi = make('StochRsi');
export const Cci = make('Cci');
export const WillR = make('WillR');
export const Mom = make('Mom');
export const Roc = make('Roc');
export const Ao = make('Ao');
export const UltOsc = make('UltOsc');
export const ElderRay = make('ElderRay');
export const BBands = make('BBands');
export const StdDev = make('StdDev');
export const Atr = make('Atr');
export const Natr = make('Natr');
export const Keltner = make('Keltner');
export const Donchian = make('Donchian');
export const Obv = make('Obv');
export const Mfi = make('Mfi');
export const Ad = make('Ad');
export const Vwap = make('Vwap');
export const VolumeZ = make('VolumeZ');

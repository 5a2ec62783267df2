// A consumer of the installed package, as a Node user writes it: bare import,
// wasm bytes passed to init (Node cannot fetch file:// URLs). Prints its
// results as JSON for the test to check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, { classifyMarketCap, resolveMarketCap, Ema, ema, version } from 'tokenlens';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('tokenlens/tokenlens_bg.wasm');
await init({ module_or_path: await readFile(wasmPath) });

const caught = (f) => {
  try {
    f();
    return null;
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message, isError: e instanceof Error };
  }
};

const stream = new Ema({ period: 3 });
const streamed = [1, 2, 3, 6, 8].map((x) => stream.update(x) ?? null);
const replaced = stream.replace(2);
const label = stream.toString();
stream.free();

const batch = ema(new Float64Array([1, 2, 3, 6, 8]), 3);

console.log(
  JSON.stringify({
    version: version(),
    classes: [2e10, 1e10, 5e9, 1e9, 3e8, 5e7, 1e7].map(classifyMarketCap),
    implied: resolveMarketCap({ price: 0.5, circulatingSupply: 40e6 }),
    reported: resolveMarketCap({ marketCap: 569778313238, price: 29309 }),
    streamed,
    replaced,
    label,
    batch: Array.from(batch, (v) => (Number.isNaN(v) ? null : v)),
    batchIsFloat64Array: batch instanceof Float64Array,
    defaultWarmup: (() => {
      const d = new Ema();
      const w = d.warmup;
      d.free();
      return w;
    })(),
    errors: {
      negativeCap: caught(() => classifyMarketCap(-1)),
      nanCap: caught(() => classifyMarketCap(NaN)),
      missing: caught(() => resolveMarketCap({})),
      unknownField: caught(() => resolveMarketCap({ marketcap: 5 })),
      misspeltOption: caught(() => new Ema({ peroid: 3 })),
      notAnObject: caught(() => resolveMarketCap(42)),
      zeroPeriod: caught(() => new Ema({ period: 0 })),
      negativePeriod: caught(() => ema(new Float64Array([1, 2]), -1)),
      fractionalPeriod: caught(() => ema(new Float64Array([1, 2]), 2.5)),
      nanInput: caught(() => ema(new Float64Array([1, NaN, 3]), 2)),
    },
  }),
);

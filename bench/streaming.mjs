// Streaming speed: nanoseconds per update() of the package's streaming
// indicators, against trading-signals (a pure-JS streaming library) in the
// same run, and updateMany() for catching up on a history. Not a test.
// Usage: node bench/streaming.mjs   (after scripts/build-pkg.sh and
// `npm ci --prefix bench`); prints one line per row and the ratios.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RSI, ATR } from 'trading-signals';

const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));
const tl = await import(`${pkg}indicators.js`);
await tl.default({ module_or_path: await readFile(`${pkg}indicators/tokenlens_bg.wasm`) });

const n = 1_000_000;
const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 50) + (i % 7) * 0.1);
const high = close.map((c) => c + 1);
const low = close.map((c) => c - 1);
const candles = Array.from({ length: n }, (_, i) => ({ high: high[i], low: low[i], close: close[i] }));

/** Best of `runs` timings of `f`, in ns per input. */
function time(f, runs = 5) {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / n);
  }
  return best;
}

let sink = 0;
const rows = {
  'tokenlens Rsi.update(number)': time(() => {
    const s = new tl.Rsi({ period: 14 });
    for (let i = 0; i < n; i++) sink += s.update(close[i]) ?? 0;
    s.free();
  }),
  'trading-signals RSI.update(number)': time(() => {
    const s = new RSI(14);
    for (let i = 0; i < n; i++) sink += s.update(close[i]) ?? 0;
  }),
  'tokenlens Atr.update(candle)': time(() => {
    const s = new tl.Atr({ period: 14 });
    for (let i = 0; i < n; i++) sink += s.update(candles[i]) ?? 0;
    s.free();
  }),
  'trading-signals ATR.update(candle)': time(() => {
    const s = new ATR(14);
    for (let i = 0; i < n; i++) sink += s.update(candles[i]) ?? 0;
  }),
  'tokenlens Macd.update(number) (object out)': time(() => {
    const s = new tl.Macd();
    for (let i = 0; i < n; i++) sink += s.update(close[i])?.macd ?? 0;
    s.free();
  }),
  'tokenlens Rsi.updateMany(Float64Array)': time(() => {
    const s = new tl.Rsi({ period: 14 });
    sink += s.updateMany(close) ?? 0;
    s.free();
  }),
};
for (const [name, ns] of Object.entries(rows)) console.log(`${name.padEnd(44)} ${ns.toFixed(1).padStart(7)} ns per input`);
const ratio = (a, b) => (rows[b] / rows[a]).toFixed(2);
console.log(`Rsi: trading-signals takes ${ratio('tokenlens Rsi.update(number)', 'trading-signals RSI.update(number)')}x tokenlens' time per update`);
console.log(`Atr: trading-signals takes ${ratio('tokenlens Atr.update(candle)', 'trading-signals ATR.update(candle)')}x tokenlens' time per update`);
if (!Number.isFinite(sink)) console.log('(sink)', sink);

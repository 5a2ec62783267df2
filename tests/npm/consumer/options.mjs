// Option names in one case: camelCase in batch specs and streaming options
// alike; the snake_case names of earlier releases still give the same
// result, with one console warning per spelling. Prints a JSON report.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as tl from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
await tl.default({ module_or_path: await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm')) });

const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));

const n = 80;
const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 5) + i * 0.2);
const high = close.map((c) => c + 1);
const low = close.map((c) => c - 1);
const columns = { close, high, low };
const last = (out) => Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.at(-1)]));

const camel = [
  { indicator: 'stoch', kPeriod: 9, kSlowing: 2, dPeriod: 4 },
  { indicator: 'kc', period: 10, atrPeriod: 7, multiplier: 1.5 },
  { indicator: 'ichimoku', spanB: 40 },
];
const snake = [
  { indicator: 'stoch', k_period: 9, k_slowing: 2, d_period: 4 },
  { indicator: 'kc', period: 10, atr_period: 7, multiplier: 1.5 },
  { indicator: 'ichimoku', span_b: 40 },
];
const report = {};
report.camel = last(tl.indicators(columns, camel));
report.warningsAfterCamel = warnings.length;
report.snake = last(tl.indicators(columns, snake));
// The same deprecated spellings again, in a loop: no new warning.
for (let i = 0; i < 100; i++) tl.indicators(columns, snake);
const stream = (options) => {
  const s = new tl.Stoch(options);
  let out;
  for (let i = 0; i < n; i++) out = s.update({ high: high[i], low: low[i], close: close[i] });
  s.free();
  return out;
};
report.streamCamel = stream({ kPeriod: 9 });
report.streamSnake = stream({ k_period: 9 });
report.warnings = warnings;
// A default-parameter spec differs from the ones above, so "same" is not vacuous.
report.defaults = last(tl.indicators(columns, ['stoch']));
console.log(JSON.stringify(report));

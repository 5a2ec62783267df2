// Times `screen()` of the npm package (WebAssembly, in Node) on the synthetic
// universe of the universe report: 1,000 tokens × 365 daily closes, each a
// geometric random walk drawn by the same SplitMix generator and seed as
// `tokenlens universe-report` (crates/cli/src/universe_report.rs). Prints the
// median of the timed runs and writes docs/universe/timing-wasm.txt. With
// `--tokens N` (the scale table of ARCHITECTURE.md) it times N tokens and only prints,
// with the size of their closes as the site's history file would carry them.
// Not a test. Usage: bash scripts/build-pkg.sh && node bench/screen.mjs [--runs 5] [--tokens N]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { default: init, screen } = await import(join(root, 'pkg', 'tokenlens.js'));
await init({ module_or_path: readFileSync(join(root, 'pkg', 'tokenlens_bg.wasm')) });

const argTokens = process.argv.indexOf('--tokens');
const TOKENS = argTokens > 0 ? Number(process.argv[argTokens + 1]) : 1000;
const DAYS = 365;
const SEED = 20250612n;
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 5;

const MASK = (1n << 64n) - 1n;
function splitMix(seed) {
  let state = seed;
  const next = () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
  const unit = () => (Number(next() >> 11n) + 0.5) / 2 ** 53;
  const normal = () => {
    const u = unit();
    const v = unit();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { unit, normal };
}

function universe() {
  const rng = splitMix(SEED);
  const start = 1704067200; // 2024-01-01T00:00:00Z
  const timestamps = Float64Array.from({ length: DAYS }, (_, d) => start + d * 86400);
  const members = [];
  for (let i = 0; i < TOKENS; i++) {
    const drift = (rng.unit() - 0.5) * 0.004;
    const vol = 0.02 + 0.06 * rng.unit();
    let price = 0.01 + 100 * rng.unit();
    const close = new Float64Array(DAYS);
    for (let d = 0; d < DAYS; d++) {
      close[d] = price;
      price *= Math.exp(drift + vol * rng.normal());
    }
    members.push({ symbol: `SYN${String(i).padStart(4, '0')}`, series: { interval: 'daily', timestamps, close } });
  }
  return members;
}

const members = universe();
const benchmark = members[0].series;
const result = screen(members, benchmark); // warm-up, and the counts
const times = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  screen(members, benchmark);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const line =
  `screen of ${TOKENS} synthetic tokens x ${DAYS} daily closes (seed ${SEED}): ${median.toFixed(1)} ms, ` +
  `wasm (npm package in Node ${process.versions.node}), median of ${RUNS} after 1 warm-up, ` +
  `${result.rows.length} graded, ${result.errors.length} errors`;
console.log(line);
if (argTokens > 0) {
  // The closes as the site's history file holds them (one column per token, 8
  // significant digits as the providers quote them), raw and gzip -9.
  const closes = members.map((m) => Array.from(m.series.close, (c) => Number(c.toPrecision(8))));
  const json = Buffer.from(JSON.stringify({ daily: { symbols: members.map((m) => m.symbol), closes } }));
  console.log(`history of ${TOKENS} tokens x ${DAYS} days: ${(json.length / 1e6).toFixed(2)} MB raw, ${(gzipSync(json, { level: 9 }).length / 1e6).toFixed(2)} MB gzip`);
  process.exit(0);
}
writeFileSync(
  join(root, 'docs', 'universe', 'timing-wasm.txt'),
  `${line}\nreproduce: bash scripts/build-pkg.sh && node bench/screen.mjs\n` +
    '(the time includes reading the JS arrays into wasm and writing the rows back; the native figure is in timing.txt)\n',
);

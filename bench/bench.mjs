// The speed benchmark: one pass of 8 indicators over 2,000 seeded random-walk
// series of 365 daily candles, per library, in one Node process. Prints
// ms per pass (median after warm-up) and our ratio to each peer, checks
// that the outputs agree, and writes bench/results/latest.json.
//
// Usage: node --expose-gc bench/bench.mjs [--runs 7] [--warmup 2] [--series 2000] [--only name,name]
//        [--native bench/results/native.json]  (native rows, written by bench/run.sh)
// (bash bench/run.sh builds pkg/ and installs the peers first.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, SERIES, LENGTH, SEED } from './lib/data.mjs';
import * as peers from './lib/peers.mjs';
import { checkAgreement } from './lib/check.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const runs = Number(args.runs ?? 7);
const warmup = Number(args.warmup ?? 2);
const count = Number(args.series ?? SERIES);
const only = args.only;

const all = generate(count, LENGTH, SEED);
const tl = await peers.loadTokenlens(resolve(here, '..', 'pkg', 'indicators'));
let libs = [
  ...peers.tokenlensAdapters(tl),
  await peers.talibWeb(),
  await peers.talibWeb({ outputs: 'into' }),
  await peers.talibWeb({ outputs: 'views' }),
  peers.ixjb94(),
  peers.ixjb94({ keep: false }),
  await peers.indicatorts(),
  await peers.tradingSignals(),
  peers.technicalindicators(),
];
if (only) libs = libs.filter((l) => l.ours || only.split(',').some((o) => l.name.includes(o)));

const checks = checkAgreement(libs, all);
// The native rows (timed just before by bench/run.sh, in their own processes).
const native = args.native && existsSync(args.native) ? JSON.parse(readFileSync(args.native, 'utf8')) : [];
const talibC = native.find((r) => r.via === 'c');
// The TA-Lib passes read the same seeded data (bench/gen.mjs): their RSI14 must be ours.
const rsi0 = tl.indicators({ close: all[0].close }, ['rsi14']).rsi14;
const mine = rsi0[rsi0.length - 1];
for (const t of count === SERIES ? native.filter((r) => r.via) : []) {
  const diff = Math.abs(mine - t.rsi14_series0_last) / Math.abs(mine);
  checks.push({
    name: `${t.name} RSI14`,
    ok: diff <= 1e-9,
    detail: `last value of series 0: ${t.rsi14_series0_last} vs ours ${mine} (relative diff ${diff.toExponential(2)}, tolerance 1e-9)`,
  });
}
for (const c of checks) console.log(`check ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);

// Library by library (ours before and after the peers, to bracket machine
// drift): each one's inputs are built just before its runs and dropped after,
// so that no library pays for the heap of another's inputs at GC time.
const gc = globalThis.gc ?? (() => {});
let sink = 0;
const times = libs.map(() => []);
const ours = libs.filter((l) => l.ours);
const order = [...ours, ...libs.filter((l) => !l.ours), ...ours];
for (const lib of order) {
  const i = libs.indexOf(lib);
  const twice = lib.ours;
  const myRuns = twice ? Math.ceil(runs / 2) : runs;
  let inputs = lib.prepare(all);
  gc();
  for (let round = 0; round < warmup + myRuns; round++) {
    gc();
    const t0 = performance.now();
    const out = lib.pass(inputs);
    const ms = performance.now() - t0;
    sink += out.length;
    if (round >= warmup) times[i].push(ms);
  }
  lib.release?.(inputs);
  inputs = null;
  gc();
  process.stderr.write(`${lib.name}: ${times[i].map((t) => t.toFixed(0)).join(' ')} ms\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rows = libs.map((lib, i) => ({ name: lib.name, note: lib.note, ours: !!lib.ours, ms: median(times[i]), runs_ms: times[i] }));
const best = Math.min(...rows.filter((r) => r.ours).map((r) => r.ms));
for (const r of rows) r.ratio = r.ms / best;

const candles = count * LENGTH;
console.log(`\n${count} series x ${LENGTH} candles = ${(candles / 1e6).toFixed(2)} M candles; ms per pass: median of ${runs} runs after ${warmup} warm-up (ours: two blocks of ${Math.ceil(runs / 2)}, before and after the peers)`);
console.log(`${'library'.padEnd(44)} ${'ms/pass'.padStart(9)} ${'ns/candle'.padStart(10)} ${'vs ours'.padStart(8)}`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(44)} ${r.ms.toFixed(1).padStart(9)} ${((r.ms * 1e6) / candles).toFixed(1).padStart(10)} ${(r.ratio.toFixed(2) + 'x').padStart(8)}`,
  );
}
if (native.length) {
  console.log('native, timed just before in their own processes (criterion; TA-Lib C called from C and through Python):');
  for (const r of native) {
    r.ratio = r.ms / best;
    console.log(`${r.name.padEnd(58)} ${r.ms.toFixed(1).padStart(9)} ${(r.ratio.toFixed(2) + 'x').padStart(8)}`);
  }
  const fastest = Math.min(...native.filter((r) => r.ours).map((r) => r.ms));
  if (talibC && Number.isFinite(fastest)) console.log(`native: our fastest native pass is ${(talibC.ms / fastest).toFixed(2)}x as fast as TA-Lib C`);
  if (talibC) console.log(`wasm: our fastest wasm API is ${(talibC.ms / best).toFixed(2)}x as fast as TA-Lib C natively`);
}
console.log("(vs ours: the library's time over our fastest wasm API's time; higher means we are faster)");

const result = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), note: 'shared with other work: numbers are noisy, compare ratios within one run' },
  data: { series: count, length: LENGTH, seed: SEED, generator: 'bench/lib/data.mjs (mulberry32 random walk)' },
  indicators: ['SMA20', 'EMA20', 'RSI14', 'MACD(12,26,9)', 'Bollinger(20,2)', 'ATR14', 'ADX14', 'Stochastic(14,3,3)'],
  warmup,
  runs,
  results: rows,
  native,
  checks,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
if (sink < 0) console.log(sink); // keeps the outputs alive
console.log('wrote bench/results/latest.json');
if (checks.some((c) => !c.ok)) {
  console.error('bench: some outputs disagree (see the checks above)');
  process.exitCode = 1;
}

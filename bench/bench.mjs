// The speed benchmark: one pass of 8 indicators over 2,000 seeded random-walk
// series of 365 daily candles, per library, in one Node process. Prints
// ms per pass (median after warm-up; libraries interleaved round by round so
// that machine noise hits all of them alike) and our ratio to each peer, checks
// that the outputs agree, and writes bench/results/latest.json.
//
// Usage: node --expose-gc bench/bench.mjs [--runs 7] [--warmup 2] [--series 2000] [--only name,name]
// (bash bench/run.sh builds pkg/ and installs the peers first.)
import { mkdirSync, writeFileSync } from 'node:fs';
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
const tl = await peers.loadTokenlens(resolve(here, '..', 'pkg'));
let libs = [
  ...peers.tokenlensAdapters(tl),
  await peers.talibWeb(),
  peers.ixjb94(),
  await peers.indicatorts(),
  await peers.tradingSignals(),
  peers.technicalindicators(),
];
if (only) libs = libs.filter((l) => l.ours || only.split(',').some((o) => l.name.includes(o)));

const checks = checkAgreement(libs, all);
for (const c of checks) console.log(`check ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);

const inputs = libs.map((l) => l.prepare(all));
const gc = globalThis.gc ?? (() => {});
let sink = 0;
const times = libs.map(() => []);
for (let round = 0; round < warmup + runs; round++) {
  libs.forEach((lib, i) => {
    gc();
    const t0 = performance.now();
    const out = lib.pass(inputs[i]);
    const ms = performance.now() - t0;
    sink += out.length;
    if (round >= warmup) times[i].push(ms);
  });
  process.stderr.write(`round ${round + 1}/${warmup + runs}${round < warmup ? ' (warm-up)' : ''}\n`);
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
console.log(`\n${count} series x ${LENGTH} candles = ${(candles / 1e6).toFixed(2)} M candles; median of ${runs} after ${warmup} warm-up`);
console.log(`${'library'.padEnd(44)} ${'ms/pass'.padStart(9)} ${'ns/candle'.padStart(10)} ${'vs ours'.padStart(8)}`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(44)} ${r.ms.toFixed(1).padStart(9)} ${((r.ms * 1e6) / candles).toFixed(1).padStart(10)} ${(r.ratio.toFixed(2) + 'x').padStart(8)}`,
  );
}
console.log('(vs ours: the peer\'s time over our fastest API\'s time; higher means we are faster)');

const result = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), note: 'shared with other work: numbers are noisy, compare ratios within one run' },
  data: { series: count, length: LENGTH, seed: SEED, generator: 'bench/lib/data.mjs (mulberry32 random walk)' },
  indicators: ['SMA20', 'EMA20', 'RSI14', 'MACD(12,26,9)', 'Bollinger(20,2)', 'ATR14', 'ADX14', 'Stochastic(14,3,3)'],
  warmup,
  runs,
  results: rows,
  checks,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`wrote bench/results/latest.json${sink < 0 ? '' : ''}`);
if (checks.some((c) => !c.ok)) {
  console.error('bench: some outputs disagree (see the checks above)');
  process.exitCode = 1;
}

// evaluate() from the installed package's `tokenlens-wasm/evaluation` entry over
// the bundled 401-pair daily closes (every candidate input, as `tokenlens
// evaluate` does); prints the evaluation and how bad calls fail, for the
// test to compare with the CLI.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, { evaluate, TokenlensError } from 'tokenlens-wasm/evaluation';
import { TokenlensError as MainError } from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
await init({ module_or_path: await readFile(require.resolve('tokenlens-wasm/evaluation/tokenlens_bg.wasm')) });

const [header, ...lines] = (await readFile(process.argv[2], 'utf8')).trim().split('\n');
const rows = lines.map((l) => l.split(','));
const times = rows.map((r) => Date.parse(`${r[0]}T00:00:00Z`) / 1000);
const universe = header.split(',').slice(1).map((pair, k) => {
  const kept = rows.map((r, i) => [times[i], r[k + 1]]).filter(([, v]) => v !== '');
  return { symbol: pair.replace(/USDT$/, ''), series: { timestamps: kept.map(([t]) => t), close: kept.map(([, v]) => Number(v)) } };
});

const evaluation = evaluate(universe, { candidates: true });

/** How `call` failed: the error's class, code and message. */
function failure(call) {
  try {
    call();
    return null;
  } catch (e) {
    return { evaluationClass: e instanceof TokenlensError, mainClass: e instanceof MainError, code: e.code, message: e.message };
  }
}
// One unreadable member is an error of its own; the others are evaluated.
const broken = [...universe.slice(0, 40), { symbol: 'BAD', series: { timestamps: [1, 2], close: [1] } }];
const withBroken = evaluate(broken, { horizons: [7], from: '2024-01-01' });
console.log(
  JSON.stringify({
    evaluation,
    withBroken: { tokens: withBroken.tokens, errors: withBroken.errors, horizons: withBroken.horizons, firstDate: withBroken.firstDate, measures: withBroken.measures.map((m) => m.name) },
    failures: {
      unknownOption: failure(() => evaluate(universe, { horizon: [7] })),
      zeroHorizon: failure(() => evaluate(universe, { horizons: [0] })),
      badDate: failure(() => evaluate(universe, { from: '1 May 2024' })),
      notArray: failure(() => evaluate({ symbol: 'BTC' })),
      badFlag: failure(() => evaluate(universe, { candidates: 'yes' })),
    },
  }),
);

// The npm package as a consumer gets it: `npm pack` the built pkg/, install the
// tarball into a fresh project, run a Node consumer and type-check a strict
// TypeScript consumer against it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { cpSync, existsSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAndInstall, root } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let project;

before(() => {
  project = packAndInstall();
  cpSync(join(here, 'consumer'), project, { recursive: true });
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball holds only the declared files', () => {
  const installed = readdirSync(join(project, 'node_modules', 'tokenlens-wasm')).sort();
  assert.deepEqual(installed, [
    'LICENSE',
    'README.md',
    'evaluation',
    'evaluation.d.ts',
    'evaluation.js',
    'index.d.ts',
    'index.js',
    'indicators',
    'indicators.d.ts',
    'indicators.js',
    'package.json',
    'snippets',
    'tokenlens.d.ts',
    'tokenlens.js',
    'tokenlens_bg.wasm',
  ]);
  // The sub-entries' modules share the package's one copy of the JS snippets.
  for (const entry of ['indicators', 'evaluation']) {
    const own = readdirSync(join(project, 'node_modules', 'tokenlens-wasm', entry)).sort();
    assert.deepEqual(own, ['tokenlens.d.ts', 'tokenlens.js', 'tokenlens_bg.wasm'], entry);
  }
});

/** Every `.d.ts` file under `dir`. */
function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? declarationFiles(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

test('no shipped declaration uses `any`', () => {
  const files = declarationFiles(join(project, 'node_modules', 'tokenlens-wasm'));
  assert.deepEqual(files.map((f) => f.split('node_modules/tokenlens-wasm/')[1]).sort(), [
    'evaluation.d.ts',
    'evaluation/tokenlens.d.ts',
    'index.d.ts',
    'indicators.d.ts',
    'indicators/tokenlens.d.ts',
    'tokenlens.d.ts',
  ]);
  for (const file of files) {
    // Comments are prose ("any field may be missing"); types are what count.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const lines = code.split('\n').filter((l) => /\bany\b/.test(l));
    assert.deepEqual(lines, [], `${file} declares \`any\``);
  }
});

test('tokenlens-wasm/indicators has its own small wasm and gives what the whole package gives', () => {
  const out = JSON.parse(execFileSync('node', ['indicators.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.deepEqual(out.small, out.full);
  assert.deepEqual(out.growth, { grew: true, kept: [null, null, 2, 4], flatIntact: true, ownBuffers: true });
  assert.deepEqual(out.smallHasAnalysis, []);
  assert.deepEqual(out.fullHasAnalysis, ['analyze', 'screen', 'breadth', 'narratives', 'moonshots']);
  assert.deepEqual(Object.keys(out.small.bands), ['upper', 'middle', 'lower', 'percentB', 'bandwidth']);
  assert.equal(out.small.label.startsWith('BB'), true, out.small.label);
  assert.equal(out.small.isStreamingIndicator, true);
  assert.deepEqual(out.small.cap, { value: 5e9, source: 'reported', class: 'mid' });
  assert.equal(out.small.error.code, 'INVALID_INPUT');
  assert.equal(out.small.error.name, 'TokenlensError');
  assert.match(out.small.error.message, /peroid/);
  const pkg = join(project, 'node_modules', 'tokenlens-wasm');
  // What a browser loads for each entry, each file gzipped: the small entry is much
  // smaller. (The budgets, 100 KB and 200 KB by `gzip -9`, are checked by
  // scripts/pkg-sizes.sh, which fails the package build; zlib's level 9 here comes
  // out about 1 % larger than GNU gzip's, so the two are not compared.)
  const gzipped = (files) => files.reduce((n, f) => n + gzipSync(readFileSync(join(pkg, f)), { level: 9 }).length, 0);
  const snippets = readdirSync(join(pkg, 'snippets'), { recursive: true })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join('snippets', f));
  const small = gzipped(['indicators.js', 'indicators/tokenlens.js', 'indicators/tokenlens_bg.wasm', ...snippets]);
  const whole = gzipped(['index.js', 'tokenlens.js', 'tokenlens_bg.wasm', ...snippets]);
  assert.ok(small < whole * 0.6, `tokenlens-wasm/indicators (${small} B gzip) is not much smaller than tokenlens (${whole} B)`);
});

test('a Node consumer computes classes, market caps and EMAs', () => {
  const out = JSON.parse(execFileSync('node', ['consumer.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.match(out.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(out.classes, ['large', 'mid', 'mid', 'mid', 'small', 'small', 'micro']);
  assert.deepEqual(out.implied, { value: 20e6, source: 'implied', class: 'micro' });
  assert.deepEqual(out.reported, { value: 569778313238, source: 'reported', class: 'large' });
  // EMA(3): seed = mean(1,2,3) = 2; then 2 + 0.5·(6−2) = 4; 4 + 0.5·(8−4) = 6.
  assert.deepEqual(out.streamed, [null, null, 2, 4, 6]);
  assert.equal(out.replaced, 3); // 4 + 0.5·(2−4)
  assert.equal(out.label, 'EMA(3)');
  assert.deepEqual(out.batch, [null, null, 2, 4, 6]);
  assert.equal(out.batchIsFloat64Array, true);
  assert.equal(out.defaultWarmup, 20);
});

test('indicators() computes named Float64Array outputs matching published values', () => {
  const out = JSON.parse(execFileSync('node', ['consumer.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.deepEqual(out.indicatorKeys, ['rsi14', 'macd_3_6_2', 'macd_3_6_2_signal', 'macd_3_6_2_hist', 'atr14']);
  // StockCharts' published Wilder RSI(14): null during warm-up, then 70.53 …
  assert.deepEqual(out.rsi14, [null, 70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38]);
  assert.equal(out.rsiIsFloat64Array, true);
  assert.equal(out.atrLength, 33);
  assert.deepEqual(out.passNames, out.indicatorKeys);
  assert.equal(out.passLength, 5 * 33);
  assert.equal(out.passMatches, true);
  assert.equal(out.passMissingColumn, 'MISSING_COLUMN');
});

test('bad input throws TokenlensError with a stable code and the bad value', () => {
  const { errors } = JSON.parse(execFileSync('node', ['consumer.mjs'], { cwd: project, encoding: 'utf8' }));
  const expect = {
    negativeCap: ['INVALID_INPUT', '-1'],
    nanCap: ['INVALID_INPUT', 'NaN'],
    missing: ['MISSING_MARKET_CAP', 'market cap unknown'],
    unknownField: ['INVALID_INPUT', 'marketcap'],
    misspeltOption: ['INVALID_INPUT', 'peroid'],
    notAnObject: ['INVALID_INPUT', 'the number 42'],
    unknownIndicator: ['INVALID_PARAMETER', 'rsx14'],
    missingColumn: ['MISSING_COLUMN', 'high'],
    lengthMismatch: ['LENGTH_MISMATCH', 'high'],
    misspeltSpec: ['INVALID_INPUT', 'peroid'],
    zeroPeriod: ['INVALID_PARAMETER', 'period'],
    negativePeriod: ['INVALID_PARAMETER', '-1'],
    fractionalPeriod: ['INVALID_PARAMETER', '2.5'],
    nanInput: ['INVALID_INPUT', 'index 1'],
  };
  for (const [key, [code, fragment]] of Object.entries(expect)) {
    const e = errors[key];
    assert.ok(e, `${key} did not throw`);
    assert.equal(e.name, 'TokenlensError', key);
    assert.equal(e.isError, true, key);
    assert.equal(e.code, code, key);
    assert.ok(e.message.includes(fragment), `${key}: ${e.message}`);
  }
});

test('every streaming class matches the batch indicators bar by bar, live-candle replace included', () => {
  const { report, errors, aliases, manyErrors } = JSON.parse(
    execFileSync('node', ['streaming.mjs'], { cwd: project, encoding: 'utf8' }),
  );
  assert.equal(Object.keys(report).length, 34);
  for (const [name, r] of Object.entries(report)) {
    assert.equal(r.mismatch, null, `${name}: ${r.mismatch}`);
    assert.ok(r.worst <= 1e-9, `${name}: relative difference ${r.worst}`);
    assert.equal(r.ready, true, `${name} never warmed up`);
    assert.equal(r.manyMatches, true, `${name}: updateMany then update differs from update bar by bar`);
  }
  // One-number outputs take the fast path (numbers in, a number out): prices,
  // candles, candles with a volume; multi-part outputs the general one.
  assert.deepEqual(
    [report.Rsi.path, report.Atr.path, report.Obv.path, report.Macd.path, report.Stoch.path],
    [1, 2, 3, 0, 0],
  );
  assert.deepEqual(manyErrors, {
    notAnArray: 'INVALID_INPUT',
    missingLow: 'INVALID_INPUT',
    unequal: 'LENGTH_MISMATCH',
    noVolume: 'INVALID_INPUT',
    emptyIsUndefined: true,
  });
  assert.equal(report.Rsi.label, 'RSI(14)');
  assert.equal(errors.typo.code, 'INVALID_INPUT');
  assert.match(errors.typo.message, /peroid/);
  assert.equal(errors.zero.code, 'INVALID_PARAMETER');
  assert.match(errors.noVolume.message, /volume/);
  assert.equal(errors.notACandle.code, 'INVALID_INPUT');
  assert.equal(errors.notANumber.code, 'INVALID_INPUT');
  assert.deepEqual(aliases, { Sar: true, BBands: true, Keltner: true, UltOsc: true, Donchian: true });
});

test('options are camelCase everywhere; the old snake_case names give the same result with one warning each', () => {
  const r = JSON.parse(execFileSync('node', ['options.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.equal(r.warningsAfterCamel, 0, 'camelCase options are not deprecated');
  assert.deepEqual(r.snake, r.camel);
  assert.notEqual(r.defaults.stoch_k, r.camel.stoch_9_2_4_k, 'the options were applied');
  assert.deepEqual(r.streamSnake, r.streamCamel);
  assert.ok(Number.isFinite(r.streamCamel.k), JSON.stringify(r.streamCamel));
  // One warning per deprecated spelling: k_period, k_slowing, d_period, atr_period, span_b.
  assert.equal(r.warnings.length, 5, r.warnings.join('\n'));
  for (const [old, now] of [['k_period', 'kPeriod'], ['k_slowing', 'kSlowing'], ['d_period', 'dPeriod'], ['atr_period', 'atrPeriod'], ['span_b', 'spanB']]) {
    assert.ok(r.warnings.some((w) => w.includes(`\`${old}\``) && w.includes(`\`${now}\``)), `a warning for ${old}`);
  }
});

test('no input breaks the module: 10,000 failing calls of every kind, random options, then ordinary calls', () => {
  const report = JSON.parse(execFileSync('node', ['abuse.mjs'], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 24 }));
  assert.deepEqual(report.notTokenlensErrors, []);
  assert.ok(report.classes >= 36, `${report.classes} streaming classes`);
  assert.equal(report.periodic, report.classes - 3, 'all but Obv, Ad and ParabolicSar take a count');
  const expected = {
    'huge streaming period': 'INVALID_PARAMETER',
    'huge batch period': 'INVALID_PARAMETER',
    'huge ema period': 'INVALID_PARAMETER',
    'huge pass period': 'INVALID_PARAMETER',
    'update after free': 'FREED',
    'getter after free': 'FREED',
    'compute after free': 'FREED',
    'ema(null)': 'INVALID_INPUT',
    'ema({})': 'INVALID_INPUT',
    'compute(null)': 'INVALID_INPUT',
    'computeManyInto(null out)': 'INVALID_INPUT',
    'screen([null])': 'INVALID_INPUT',
    'classifyMarketCap(null)': 'INVALID_INPUT',
    'empty benchmark': 'TOO_SHORT',
  };
  for (const [kind, code] of Object.entries(expected)) {
    assert.deepEqual(report.codes[kind], { [code]: 10_000 }, kind);
    assert.equal(report.returned[kind], undefined, `${kind} returned instead of throwing`);
  }
  // Random options: some are accepted, the rest refused with a code.
  for (const kind of ['random streaming options', 'random batch options']) {
    assert.ok(report.returned[kind] > 0 && Object.keys(report.codes[kind]).length > 0, kind);
  }
  assert.deepEqual(report.after, { sma: 3, rsi: report.after.rsi, grade: true });
  assert.ok(Number.isFinite(report.after.rsi[0]));
});

/** The CLI's snake_case JSON as the package gives it: every key in camelCase (written here independently of the package). */
function camelCased(value) {
  if (Array.isArray(value)) return value.map(camelCased);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.split('_').map((w, i) => (i ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(''), camelCased(v)]),
  );
}

/** The paths of keys holding an underscore, at any depth. */
function snakeKeys(value, path = '') {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k.includes('_') ? [`${path}.${k}`] : []), ...snakeKeys(v, `${path}.${k}`)]);
}

/** Equal as JSON, numbers within 1e-9 relative (native and wasm maths may differ in the last bit). */
function near(a, b, path = '') {
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${path}: ${a} vs ${b}`);
  } else if (a && b && typeof a === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${path}: keys`);
    for (const k of Object.keys(a)) near(a[k], b[k], `${path}.${k}`);
  } else {
    assert.deepEqual(a, b, path);
  }
}

test('analyze() in wasm gives what the CLI gives for the same file; screen() keeps good rows beside bad ones', () => {
  const btc = join(root, 'data/sources/binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv');
  const eth = join(root, 'data/sources/binance_spot_ETHUSDT_1d_2023-06-01_2025-07-31.csv');
  const cli = join(root, 'target/debug/tokenlens');
  assert.ok(existsSync(cli), 'the CLI is not built: run cargo build -p tokenlens-cli');
  const native = JSON.parse(execFileSync(cli, ['analyze', '--csv', btc, '--from', '2024-11-01'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const out = JSON.parse(execFileSync('node', ['analysis.mjs', btc, eth], { cwd: project, encoding: 'utf8', maxBuffer: 64 << 20 }));
  near(out.analysis, camelCased(native), 'analysis');
  assert.ok(out.analysis.traderGrade.total >= 0 && out.analysis.traderGrade.total <= 100);
  assert.deepEqual(snakeKeys(out), [], 'no snake_case key in any result');

  const symbols = out.screen.rows.map((r) => r.symbol);
  assert.deepEqual(symbols, ['BTC', 'ETH']);
  assert.deepEqual(out.screen.errors.map((e) => [e.symbol, e.code]), [
    ['BAD', 'INVALID_INPUT'],
    ['SHORT', 'TOO_SHORT'],
  ]);
  assert.equal(out.breadthLast.date, '2025-07-31');
  assert.equal(out.breadthLast.eligible, 2);

  const e = out.errors;
  assert.equal(e.tooShort.code, 'TOO_SHORT');
  assert.equal(e.badDate.code, 'INVALID_PARAMETER');
  assert.match(e.badDate.message, /2024-13-01/);
  assert.match(e.unknownOption.message, /form/);
  assert.match(e.badInterval.message, /weekly/);
  assert.match(e.millis.message, /Unix time in seconds/);
});

test('narratives() and moonshots() in wasm agree with the CLI on the bundled universe', () => {
  const wide = join(root, 'data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv');
  const cli = join(root, 'target/debug/tokenlens');
  const native = JSON.parse(execFileSync(cli, ['narratives', '--daily-close', wide], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const out = JSON.parse(execFileSync('node', ['universe.mjs', wide], { cwd: project, encoding: 'utf8', maxBuffer: 64 << 20 }));
  near(out.narratives, camelCased(native.narratives), 'narratives');
  assert.ok(out.narratives.length >= 9);
  for (const [k, c] of [['total_return', 'totalReturn'], ['btc_return', 'btcReturn'], ['max_drawdown', 'maxDrawdown']]) {
    near(out.rotation[c], native.rotation[k], `rotation.${c}`);
  }
  assert.deepEqual(out.errors.map((e) => e.symbol).sort(), native.errors.map((e) => e.symbol).sort());
  const nativeMoon = JSON.parse(execFileSync(cli, ['moonshots', '--daily-close', wide], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  assert.deepEqual(out.excluded.sort(), nativeMoon.excluded_stablecoins.sort());
  assert.equal(out.current, nativeMoon.current.length);
  for (const k of ['current', 'ledger', 'excludedStablecoins', 'errors']) assert.ok(out.moonshotKeys.includes(k), k);
  assert.deepEqual(snakeKeys(out), [], 'no snake_case key in any result');
  // Category lists replace the bundled table: DOGE is listed twice and is a meme.
  assert.deepEqual(out.liveMembers.l1, ['ETH', 'SOL']);
  assert.deepEqual(out.liveMembers.meme, ['DOGE', 'PEPE']);
  assert.deepEqual(out.liveMembers.ai ?? [], []);
  assert.equal(out.badCategories.code, 'INVALID_INPUT');
  assert.match(out.badCategories.message, /"layer-1" is not an array of symbols/);
});

test('evaluate() from tokenlens-wasm/evaluation gives what tokenlens evaluate gives on the bundled universe', () => {
  const wide = join(root, 'data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv');
  const cli = join(root, 'target/debug/tokenlens');
  const native = JSON.parse(execFileSync(cli, ['evaluate', '--daily-close', wide], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const out = JSON.parse(execFileSync('node', ['evaluation.mjs', wide], { cwd: project, encoding: 'utf8', maxBuffer: 256 << 20 }));
  // Every figure: both grades and every candidate at both horizons and periods, the
  // signal, the random timings (drawn alike natively and in wasm), the flips.
  near(out.evaluation, camelCased(native), 'evaluation');
  assert.equal(out.evaluation.tokens, 401);
  assert.equal(out.evaluation.measures.length, native.measures.length);
  assert.ok(out.evaluation.measures.length > 10, 'the candidates were evaluated');
  assert.deepEqual(snakeKeys(out.evaluation), [], 'no snake_case key');
  // A member that cannot be read is an error of its own; the rest are evaluated.
  assert.equal(out.withBroken.tokens, 40);
  assert.deepEqual(out.withBroken.errors.map((e) => [e.symbol, e.code]), [['BAD', 'LENGTH_MISMATCH']]);
  assert.deepEqual(out.withBroken.horizons, [7]);
  assert.deepEqual(out.withBroken.measures, ['trader_grade', 'investor_grade']);
  assert.ok(out.withBroken.firstDate >= '2024-01-01', out.withBroken.firstDate);
  const f = out.failures;
  for (const [name, code, message] of [
    ['unknownOption', 'INVALID_INPUT', /unknown option `horizon`/],
    ['zeroHorizon', 'INVALID_INPUT', /`horizons` must be a whole number of at least 1/],
    ['badDate', 'INVALID_INPUT', /`from` must be a YYYY-MM-DD date/],
    ['notArray', 'INVALID_INPUT', /expected an array/],
    ['badFlag', 'INVALID_INPUT', /`candidates` must be true or false/],
  ]) {
    assert.equal(f[name]?.code, code, name);
    assert.match(f[name].message, message, name);
    // One error class for the whole package, whichever entry threw.
    assert.equal(f[name].evaluationClass && f[name].mainClass, true, name);
  }
});

test('the declared types match what the module returns: a strict type test compiled, then run on real data', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync('node', [tsc, '-p', join(project, 'tsconfig.shapes.json')], { cwd: project, encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc found type errors:\n${e.stdout}${e.stderr}`);
  }
  const btc = join(root, 'data/sources/binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv');
  const wide = join(root, 'data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv');
  const r = JSON.parse(execFileSync('node', ['shapes-run.mjs', btc, wide], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 24 }));
  assert.deepEqual(r.problems, []);
  // Shapes were checked on real records, not on empty lists.
  assert.equal(r.counts.rows, 120);
  assert.ok(r.counts.points > 300 && r.counts.ledger > 0 && r.counts.current > 0, JSON.stringify(r.counts));
  assert.ok(r.counts.evaluated > 100, JSON.stringify(r.counts));
  assert.deepEqual(r.seen, ['INVALID_PARAMETER', 'INVALID_PARAMETER', 'TOO_SHORT', 'FREED']);
});

test('a strict TypeScript consumer type-checks', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync('node', [tsc, '-p', join(project, 'tsconfig.json')], { cwd: project, encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc found type errors:\n${e.stdout}${e.stderr}`);
  }
});

// The npm package as a consumer gets it: `npm pack` the built pkg/, install the
// tarball into a fresh project, run a Node consumer and type-check a strict
// TypeScript consumer against it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pkgDir = join(root, 'pkg');
let project;

before(() => {
  assert.ok(existsSync(join(pkgDir, 'package.json')), 'pkg/ is not built: run scripts/build-pkg.sh');
  project = mkdtempSync(join(tmpdir(), 'tokenlens-consumer-'));
  const packed = execFileSync('npm', ['pack', pkgDir, '--pack-destination', project, '--silent'], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(project, packed)], {
    cwd: project,
    stdio: 'pipe',
  });
  cpSync(join(here, 'consumer'), project, { recursive: true });
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball holds only the declared files', () => {
  const installed = readdirSync(join(project, 'node_modules', 'tokenlens')).sort();
  assert.deepEqual(installed, [
    'LICENSE',
    'README.md',
    'package.json',
    'snippets',
    'tokenlens.d.ts',
    'tokenlens.js',
    'tokenlens_bg.wasm',
    'tokenlens_bg.wasm.d.ts',
  ]);
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

test('a strict TypeScript consumer type-checks', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync('node', [tsc, '-p', join(project, 'tsconfig.json')], { cwd: project, stdio: 'pipe' });
});

// A panic in the module (a bug; release builds abort on one) fails only the
// call it happened in, with `TokenlensError` `INTERNAL`: the next call runs in
// a new instance of the module and works, in each of the package's three
// entries. Objects made before the panic lived in the stopped instance: their
// methods throw `FREED`, and their `free()` frees nothing of the new one. The
// panic is deliberate, `panicForTest()` of a test build (feature
// `crash-test`, `scripts/build-pkg.sh --crash-test`) made by this file into
// target/pkg-crash; the package has no such function.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launch, openPage } from '../support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'target', 'pkg-crash');
const ENTRIES = [
  ['tokenlens-wasm', 'index.js', 'tokenlens_bg.wasm'],
  ['tokenlens-wasm/indicators', 'indicators.js', 'indicators/tokenlens_bg.wasm'],
  ['tokenlens-wasm/evaluation', 'evaluation.js', 'evaluation/tokenlens_bg.wasm'],
];

before(() => {
  const run = spawnSync('bash', ['scripts/build-pkg.sh', '--crash-test', out], { cwd: root, stdio: 'inherit' });
  assert.equal(run.status, 0, 'the crash-test build of the package failed');
});

test('the package itself has no deliberate panic', async () => {
  assert.ok(existsSync(join(root, 'pkg/index.js')), 'pkg/ is not built: run scripts/build-pkg.sh');
  for (const dir of ['', 'indicators/', 'evaluation/']) {
    for (const file of ['tokenlens.js', 'tokenlens_bg.wasm']) {
      assert.ok(!(await readFile(join(root, 'pkg', dir, file))).includes('panicForTest'), `pkg/${dir}${file}`);
    }
  }
});

/** Loads an entry of the test build. */
async function load(file, wasm) {
  const m = await import(pathToFileURL(join(out, file)).href);
  await m.default({ module_or_path: await readFile(join(out, wasm)) });
  return m;
}

const internal = (m) => (e) => {
  assert.ok(e instanceof m.TokenlensError, `a TokenlensError, not ${e?.constructor?.name}: ${e?.message}`);
  assert.equal(e.code, 'INTERNAL');
  assert.match(e.message, /internal error, the module was restarted: panicked at .*deliberate panic \(test build\)/s);
  return true;
};

for (const [entry, file, wasm] of ENTRIES) {
  test(`${entry}: a panic throws INTERNAL for its call; the next call works`, async () => {
    const m = await load(file, wasm);
    assert.throws(() => m.panicForTest(), internal(m));
    assert.equal(m.version(), JSON.parse(await readFile(join(out, 'package.json'), 'utf8')).version);
    // Again and again: each panic costs one call.
    for (let i = 0; i < 100; i++) assert.throws(() => m.panicForTest(), internal(m));
    assert.equal(typeof m.version(), 'string');
    if (entry === 'tokenlens-wasm/evaluation') {
      // Its error class is the package's one.
      const { TokenlensError } = await load('index.js', 'tokenlens_bg.wasm');
      assert.equal(m.TokenlensError, TokenlensError);
    }
  });
}

for (const [entry, file, wasm] of ENTRIES.slice(0, 2)) {
  test(`${entry}: results after a panic equal those before; objects made before throw FREED`, async () => {
    const m = await load(file, wasm);
    const close = Float64Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i / 10);
    const before = m.indicators({ close }, ['rsi14', 'ema20', 'macd']);
    const old = new m.Rsi({ period: 14 });
    const pass = new m.IndicatorPass(['rsi14']);
    for (const x of close.subarray(0, 50)) old.update(x);

    assert.throws(() => m.panicForTest(), internal(m));
    assert.deepEqual(m.indicators({ close }, ['rsi14', 'ema20', 'macd']), before);
    for (const use of [() => old.update(1), () => old.isReady, () => pass.compute(close)]) {
      assert.throws(use, (e) => e instanceof m.TokenlensError && e.code === 'FREED');
    }
    // Freeing them touches nothing of the new instance.
    old.free();
    pass.free();
    const fresh = new m.Rsi({ period: 14 });
    const streamed = Array.from(close, (x) => fresh.update(x));
    assert.deepEqual(streamed.slice(14), Array.from(before.rsi14.subarray(14)));
    const again = new m.IndicatorPass(['rsi14']);
    assert.deepEqual(again.compute(close), before.rsi14);
    fresh.free();
    again.free();
  });
}

test('in the browser too: the new instance is made on the page, and the next call works', async () => {
  const site = mkdtempSync(join(tmpdir(), 'tokenlens-crash-page-'));
  cpSync(out, join(site, 'tokenlens'), { recursive: true });
  writeFileSync(
    join(site, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script><output id="result">loading</output>',
  );
  writeFileSync(
    join(site, 'main.js'),
    `import init, { panicForTest, ema, Ema, TokenlensError } from './tokenlens/index.js';
await init();
const seen = [];
try { panicForTest(); } catch (e) { seen.push(e instanceof TokenlensError ? e.code : String(e)); }
seen.push(Array.from(ema([1, 2, 3], 2)));
const ema2 = new Ema({ period: 2 });
ema2.update(1);
seen.push(ema2.update(3));
document.getElementById('result').textContent = JSON.stringify(seen);
`,
  );
  const server = await serveStatic(site);
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser, server.url);
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('result').textContent !== 'loading', null, { timeout: 20_000 });
    assert.deepEqual(JSON.parse(await page.locator('#result').textContent()), ['INTERNAL', [null, 1.5, 2.5], 2]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
});

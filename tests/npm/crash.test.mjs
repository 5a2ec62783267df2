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
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'target', 'pkg-crash');
const ENTRIES = [
  ['tokenlens', 'index.js', 'tokenlens_bg.wasm'],
  ['tokenlens/indicators', 'indicators.js', 'indicators/tokenlens_bg.wasm'],
  ['tokenlens/evaluation', 'evaluation.js', 'evaluation/tokenlens_bg.wasm'],
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
    if (entry === 'tokenlens/evaluation') {
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

// IndicatorPass.computeMany / computeManyInto from Node, on the built pkg/
// (WebAssembly SIMD included): many series in one call give, series by
// series, exactly what compute() gives for each alone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './support.mjs';

let tl;

before(async () => {
  const pkg = join(root, 'pkg');
  assert.ok(existsSync(join(pkg, 'tokenlens.js')), 'pkg/ is not built: run scripts/build-pkg.sh');
  tl = await import(join(pkg, 'tokenlens.js'));
  await tl.default({ module_or_path: readFileSync(join(pkg, 'tokenlens_bg.wasm')) });
});

/** `count` random walks of `len` rows, each column concatenated. */
function universe(count, len) {
  let state = 0x9e3779b9;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const [high, low, close] = [0, 1, 2].map(() => new Float64Array(count * len));
  for (let s = 0; s < count; s++) {
    let price = 50 + rand() * 100;
    for (let t = 0; t < len; t++) {
      const i = s * len + t;
      price *= 1 + (rand() - 0.5) * 0.06;
      close[i] = price;
      high[i] = price * (1 + rand() * 0.02);
      low[i] = price * (1 - rand() * 0.02);
    }
  }
  return { high, low, close };
}

const identical = (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || (Number.isNaN(x) && Number.isNaN(b[i])));

test('computeMany and computeManyInto equal compute series by series', () => {
  const pass = new tl.IndicatorPass(['sma20', 'ema20', 'rsi14', 'macd', 'bb', 'atr14', 'adx14', 'stoch', 'willr14']);
  for (const count of [1, 3, 4, 9]) {
    const len = 120;
    const u = universe(count, len);
    const many = pass.computeMany(u.close, u.high, u.low, len);
    assert.ok(many instanceof Float64Array);
    const per = pass.names.length * len;
    assert.equal(many.length, count * per);
    const into = new Float64Array(many.length).fill(-1);
    assert.equal(pass.computeManyInto(u.close, u.high, u.low, len, into), undefined);
    assert.ok(identical(into, many), `computeManyInto, ${count} series`);
    for (let s = 0; s < count; s++) {
      const cut = (c) => c.subarray(s * len, (s + 1) * len);
      const one = pass.compute(cut(u.close), cut(u.high), cut(u.low));
      assert.ok(identical(many.subarray(s * per, (s + 1) * per), one), `series ${s} of ${count}`);
      assert.ok(one.some(Number.isFinite));
    }
  }
  pass.free();
  const none = new tl.IndicatorPass([]);
  const u = universe(5, 20);
  assert.equal(none.computeMany(u.close, u.high, u.low, 20).length, 0);
  none.free();
});

test('bad arguments throw TokenlensError with a code', () => {
  const pass = new tl.IndicatorPass(['rsi14', 'atr14']);
  const u = universe(2, 30);
  const code = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'TokenlensError');
      return e.code;
    }
    assert.fail('did not throw');
  };
  assert.equal(code(() => pass.computeMany(u.close, u.high, u.low, 7)), 'INVALID_PARAMETER');
  assert.equal(code(() => pass.computeMany(u.close, u.high, u.low, 0)), 'INVALID_PARAMETER');
  assert.equal(code(() => pass.computeMany(u.close, undefined, undefined, 30)), 'MISSING_COLUMN');
  const out = new Float64Array(3).fill(9);
  assert.equal(code(() => pass.computeManyInto(u.close, u.high, u.low, 30, out)), 'LENGTH_MISMATCH');
  assert.deepEqual(Array.from(out), [9, 9, 9]);
  pass.free();
});

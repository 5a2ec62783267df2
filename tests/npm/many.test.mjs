// IndicatorPass.computeMany / computeManyInto from Node, on the built pkg/
// (WebAssembly SIMD included): many series in one call give, series by
// series, exactly what compute() gives for each alone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './support.mjs';

let tl;
let wasm;

before(async () => {
  const pkg = join(root, 'pkg');
  assert.ok(existsSync(join(pkg, 'tokenlens.js')), 'pkg/ is not built: run scripts/build-pkg.sh');
  tl = await import(join(pkg, 'tokenlens.js'));
  wasm = await tl.default({ module_or_path: readFileSync(join(pkg, 'tokenlens_bg.wasm')) });
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

test('a workspace computes in wasm memory what computeMany returns', () => {
  const pass = new tl.IndicatorPass(['sma20', 'rsi14', 'macd', 'bb', 'atr14', 'adx14', 'stoch']);
  for (const [count, len] of [[1, 90], [4, 90], [7, 121], [9, 121]]) {
    const u = universe(count, len);
    const ws = pass.workspace(count, len);
    assert.equal(ws.series, count);
    assert.equal(ws.seriesLength, len);
    assert.equal(ws.close.length, count * len);
    assert.equal(ws.open, undefined, 'no indicator reads opens');
    assert.equal(ws.volume, undefined, 'no indicator reads volumes');
    assert.ok(ws.output.every(Number.isNaN), 'NaN before the first compute');
    ws.close.set(u.close);
    ws.high.set(u.high);
    ws.low.set(u.low);
    assert.equal(ws.compute(), undefined);
    const many = pass.computeMany(u.close, u.high, u.low, len);
    assert.ok(identical(ws.output, many), `${count} series`);
    // Computing again over new inputs replaces every value.
    const v = universe(count + 1, len);
    ws.close.set(v.close.subarray(len));
    ws.high.set(v.high.subarray(len));
    ws.low.set(v.low.subarray(len));
    ws.compute();
    const cut = (c) => c.subarray(len);
    assert.ok(identical(ws.output, pass.computeMany(cut(v.close), cut(v.high), cut(v.low), len)));
    ws.free();
  }
  const closeOnly = new tl.IndicatorPass(['rsi14', 'sma5']).workspace(2, 10);
  assert.equal(closeOnly.high, undefined);
  assert.equal(closeOnly.low, undefined);
  closeOnly.free();
  const volume = new tl.IndicatorPass(['obv']).workspace(1, 10);
  assert.equal(volume.volume.length, 10);
  volume.free();
  pass.free();
});

test('workspace views: a growth of wasm memory detaches them, the getters give live ones', () => {
  const pass = new tl.IndicatorPass(['rsi14']);
  const len = 50;
  const u = universe(3, len);
  const ws = pass.workspace(3, len);
  const close = ws.close;
  close.set(u.close);
  ws.compute();
  const output = ws.output;
  const expected = pass.computeMany(u.close, undefined, undefined, len);
  assert.ok(identical(output, expected));
  // Something else in the package allocates more than the memory holds.
  const bytes = wasm.memory.buffer.byteLength;
  const big = new Float64Array(bytes / 8);
  pass.computeMany(big, undefined, undefined, big.length / 8);
  assert.ok(wasm.memory.buffer.byteLength > bytes, 'the memory grew');
  assert.equal(output.length, 0, 'the old output view is detached, not stale');
  assert.throws(() => close.set(u.close), TypeError, 'writing through a detached view throws');
  assert.ok(identical(ws.output, expected), 'a fresh view shows the outputs, intact');
  assert.ok(identical(ws.close, u.close), 'and the inputs');
  ws.free();
  pass.free();
});

test('workspace errors are TokenlensErrors with a code', () => {
  const pass = new tl.IndicatorPass(['rsi14', 'atr14']);
  const code = (f) => {
    try {
      f();
    } catch (e) {
      assert.equal(e.name, 'TokenlensError');
      return [e.code, e.message];
    }
    assert.fail('did not throw');
  };
  for (const [series, len] of [[0, 10], [2, 0], [1.5, 10], [2, -1], [NaN, 10]]) {
    assert.equal(code(() => pass.workspace(series, len))[0], 'INVALID_PARAMETER', `${series} × ${len}`);
  }
  const [tooLarge, message] = code(() => pass.workspace(1e6, 1e4));
  assert.equal(tooLarge, 'INVALID_PARAMETER');
  assert.match(message, /do not fit in wasm memory/);
  const ws = pass.workspace(2, 30);
  const u = universe(2, 30);
  ws.close.set(u.close);
  ws.high.set(u.high);
  ws.low.set(u.low);
  ws.high[37] = Infinity;
  const [bad, why] = code(() => ws.compute());
  assert.equal(bad, 'INVALID_INPUT');
  assert.match(why, /high/);
  assert.match(why, /37/);
  ws.high[37] = u.high[37];
  ws.compute();
  assert.ok(ws.output.some(Number.isFinite), 'usable again once the input is fixed');
  ws.free();
  pass.free();
});

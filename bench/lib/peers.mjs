// One full pass per library — SMA20, EMA20, RSI14, MACD(12,26,9),
// Bollinger(20,2), ATR14, ADX14, Stochastic(14,3,3) over every series — each
// through its own batch API, with inputs prepared beforehand in the form the
// library takes (number[] / candle objects / Float64Array).
//
// Every adapter: { name, note, prepare(all) -> inputs, pass(inputs) -> sink,
// rsi(inputs, i) -> RSI14 of series i aligned to the end (for the check),
// release?(inputs) to free what prepare() took in wasm memory }.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const plain = (s) => ({ high: Array.from(s.high), low: Array.from(s.low), close: Array.from(s.close) });

export function technicalindicators() {
  const ti = require('technicalindicators');
  const run = (s) => {
    const values = s.close;
    const hlc = { high: s.high, low: s.low, close: s.close };
    return [
      ti.SMA.calculate({ period: 20, values }),
      ti.EMA.calculate({ period: 20, values }),
      ti.RSI.calculate({ period: 14, values }),
      ti.MACD.calculate({ values, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
      ti.BollingerBands.calculate({ period: 20, stdDev: 2, values }),
      ti.ATR.calculate({ ...hlc, period: 14 }),
      ti.ADX.calculate({ ...hlc, period: 14 }),
      ti.Stochastic.calculate({ ...hlc, period: 14, signalPeriod: 3 }),
    ];
  };
  return {
    name: 'technicalindicators@3.1.0',
    note: 'Stochastic has no %K slowing (fast %K, %D = SMA3)',
    prepare: (all) => all.map(plain),
    pass: (inputs) => inputs.map(run),
    rsi: (inputs, i) => ti.RSI.calculate({ period: 14, values: inputs[i].close }),
  };
}

export async function tradingSignals() {
  const ts = await import('trading-signals');
  const run = (s) => [
    new ts.SMA(20).updates(s.close),
    new ts.EMA(20).updates(s.close),
    new ts.RSI(14).updates(s.close),
    new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)).updates(s.close),
    new ts.BollingerBands(20, 2).updates(s.close),
    new ts.ATR(14).updates(s.candles),
    new ts.ADX(14).updates(s.candles),
    new ts.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }).updates(s.candles),
  ];
  return {
    name: 'trading-signals@8.3.0',
    note: 'streaming classes fed through updates(); candles as {high, low, close} objects',
    prepare: (all) =>
      all.map((s) => {
        const p = plain(s);
        p.candles = p.close.map((close, i) => ({ high: p.high[i], low: p.low[i], close }));
        return p;
      }),
    pass: (inputs) => inputs.map(run),
    rsi: (inputs, i) => new ts.RSI(14).updates(inputs[i].close).filter((v) => v !== null),
  };
}

/**
 * @ixjb94/indicators' synchronous API. `keep: false` drops each series'
 * outputs as soon as they are made (nothing survives the pass for the
 * garbage collector to trace), the way talib-web's "not kept" row runs.
 */
export function ixjb94({ keep = true } = {}) {
  const { IndicatorsSync } = require('@ixjb94/indicators');
  const ta = new IndicatorsSync();
  const run = (s) => [
    ta.sma(s.close, 20),
    ta.ema(s.close, 20),
    ta.rsi(s.close, 14),
    ta.macd(s.close, 12, 26, 9),
    ta.bbands(s.close, 20, 2),
    ta.atr(s.high, s.low, s.close, 14),
    ta.adx(s.high, s.low, 14),
    ta.stoch(s.high, s.low, s.close, 14, 3, 3),
  ];
  return {
    name: keep ? '@ixjb94/indicators@1.2.4' : '@ixjb94/indicators@1.2.4 (not kept)',
    note: keep ? 'IndicatorsSync, every output kept until the pass ends' : 'IndicatorsSync, each series\' outputs dropped at once',
    prepare: (all) => all.map(plain),
    pass: keep
      ? (inputs) => inputs.map(run)
      : (inputs) => {
          let n = 0;
          for (const s of inputs) n += run(s).length;
          return { length: n };
        },
    rsi: (inputs, i) => ta.rsi(inputs[i].close, 14),
  };
}

export async function indicatorts() {
  const it = await import('indicatorts');
  const run = (s) => [
    it.sma(s.close, { period: 20 }),
    it.ema(s.close, { period: 20 }),
    it.rsi(s.close, { period: 14 }),
    it.macd(s.close, { fast: 12, slow: 26, signal: 9 }),
    it.bb(s.close, { period: 20 }),
    it.atr(s.high, s.low, s.close, { period: 14 }),
    it.stoch(s.high, s.low, s.close, { kPeriod: 14, dPeriod: 3 }),
  ];
  return {
    name: 'indicatorts@2.2.2',
    note: 'no ADX (7 of the 8 indicators); Stochastic has no %K slowing',
    prepare: (all) => all.map(plain),
    pass: (inputs) => inputs.map(run),
    rsi: (inputs, i) => it.rsi(inputs[i].close, { period: 14 }),
  };
}

/**
 * talib-web's raw wasm exports (TA-Lib C 0.4 compiled by emscripten): inputs
 * copied into buffers allocated once in its heap, then, by `outputs`:
 * - 'slices': each output copied out into a new Float64Array, as a caller of
 *   the raw exports most simply does (its JS wrapper copies element by
 *   element and returns zeros for BBANDS/STOCH outputs);
 * - 'into': each output copied into its place in one Float64Array allocated
 *   when the inputs are prepared and reused from pass to pass, laid out as our
 *   `computeMany` lays out its 17 columns (13 here): what `computeManyInto`
 *   does;
 * - 'views': outputs left in its heap and overwritten by the next series.
 *   Its memory cannot grow past 16 MB, so it cannot keep every series'
 *   outputs as our workspace does: this is the least work any caller can ask
 *   of it, a lower bound on its time.
 */
export async function talibWeb({ outputs = 'slices' } = {}) {
  const main = require.resolve('talib-web');
  const talib = require('talib-web');
  // Its loader fetches the .wasm by path, which Node's fetch refuses: hide fetch
  // so that it reads the file instead.
  const fetch = globalThis.fetch;
  let M;
  try {
    globalThis.fetch = undefined;
    M = await talib.init(join(dirname(main), 'talib.wasm'));
  } finally {
    globalThis.fetch = fetch;
  }
  const COLUMNS = 13;
  let buffers = null;
  const alloc = (len) => {
    const f64 = (n) => M._malloc(n * 8);
    buffers = {
      len,
      high: f64(len), low: f64(len), close: f64(len),
      out: Array.from({ length: COLUMNS }, () => f64(len)),
      beg: M._malloc(4), nb: M._malloc(4),
    };
  };
  const check = (rc) => {
    if (rc !== 0) throw new Error(`TA-Lib return code ${rc}`);
  };
  /** The 8 indicators over series `s`; `take(k, ptr, beg, nb)` for each of the 13 output columns. */
  const each = (s, take) => {
    const len = s.close.length;
    if (!buffers || buffers.len !== len) alloc(len);
    const b = buffers;
    const end = len - 1;
    M.HEAPF64.set(s.high, b.high >> 3);
    M.HEAPF64.set(s.low, b.low >> 3);
    M.HEAPF64.set(s.close, b.close >> 3);
    const o = b.out;
    let k = 0;
    const took = (n) => {
      const beg = M.HEAP32[b.beg >> 2];
      const nb = M.HEAP32[b.nb >> 2];
      for (let j = 0; j < n; j++, k++) take(k, o[k] >> 3, beg, nb);
    };
    check(M._TA_SMA(0, end, b.close, 20, b.beg, b.nb, o[0])); took(1);
    check(M._TA_EMA(0, end, b.close, 20, b.beg, b.nb, o[1])); took(1);
    check(M._TA_RSI(0, end, b.close, 14, b.beg, b.nb, o[2])); took(1);
    check(M._TA_MACD(0, end, b.close, 12, 26, 9, b.beg, b.nb, o[3], o[4], o[5])); took(3);
    check(M._TA_BBANDS(0, end, b.close, 20, 2, 2, 0, b.beg, b.nb, o[6], o[7], o[8])); took(3);
    check(M._TA_ATR(0, end, b.high, b.low, b.close, 14, b.beg, b.nb, o[9])); took(1);
    check(M._TA_ADX(0, end, b.high, b.low, b.close, 14, b.beg, b.nb, o[10])); took(1);
    check(M._TA_STOCH(0, end, b.high, b.low, b.close, 14, 3, 0, 3, 0, b.beg, b.nb, o[11], o[12])); took(2);
  };
  const GROUPS = [1, 1, 1, 3, 3, 1, 1, 2];
  /** Series `s`'s outputs as new Float64Arrays of the valid rows, grouped by indicator. */
  const run = (s) => {
    const cols = [];
    each(s, (_k, at, _beg, nb) => cols.push(M.HEAPF64.slice(at, at + nb)));
    return GROUPS.map((n) => cols.splice(0, n));
  };
  const views = (s) => {
    let sink = 0;
    each(s, (_k, at, _beg, nb) => (sink += M.HEAPF64.subarray(at, at + nb).length));
    return sink;
  };
  const passes = {
    slices: { name: 'raw wasm exports', pass: (inputs) => inputs.map(run) },
    into: {
      name: 'raw exports, into one array',
      prepare: (all) => ({ all, out: new Float64Array(all.length * COLUMNS * all[0].close.length).fill(NaN) }),
      pass: ({ all, out }) => {
        const len = all[0].close.length;
        all.forEach((s, i) => each(s, (k, at, beg, nb) => out.set(M.HEAPF64.subarray(at, at + nb), (i * COLUMNS + k) * len + beg)));
        return out;
      },
    },
    views: { name: 'raw exports, outputs not kept', pass: (inputs) => inputs.map(views) },
  };
  /** The 'into' pass's array against `run`, series by series: the same values in their places, NaN elsewhere. */
  const verifyInto = (all) => {
    const name = `talib-web@0.1.3 (${passes.into.name}) layout`;
    const some = all.slice(0, 5);
    const out = passes.into.pass(passes.into.prepare(some));
    const len = some[0].close.length;
    for (const [i, s] of some.entries()) {
      const cols = run(s).flat();
      for (const [k, col] of cols.entries()) {
        const at = (i * COLUMNS + k) * len;
        const lead = len - col.length;
        for (let t = 0; t < len; t++) {
          const want = t < lead ? NaN : col[t - lead];
          if (!Object.is(out[at + t], want)) return { name, ok: false, detail: `series ${i}, column ${k}, row ${t}: ${out[at + t]} vs ${want}` };
        }
      }
    }
    return { name, ok: true, detail: `${some.length} series x ${COLUMNS} columns identical to the copied-out outputs` };
  };
  const chosen = passes[outputs];
  return {
    name: `talib-web@0.1.3 (${chosen.name})`,
    note: {
      slices: 'TA-Lib C compiled to wasm; each output of each series copied out into a new Float64Array of the valid rows',
      into: 'each output copied into its place in one reused Float64Array (as computeManyInto)',
      views: 'outputs left in its heap, overwritten by the next series: a lower bound on its time',
    }[outputs],
    exact: outputs === 'slices',
    verify: outputs === 'into' ? verifyInto : undefined,
    prepare: chosen.prepare ?? ((all) => all),
    pass: chosen.pass,
    // RSI14 (output column 2) through the path timed.
    rsi: {
      slices: (inputs, i) => run(inputs[i])[2][0],
      into: (inputs, i) => {
        const out = passes.into.pass(inputs);
        const len = inputs.all[0].close.length;
        const at = (i * COLUMNS + 2) * len;
        return out.slice(at, at + len).filter((x) => !Number.isNaN(x));
      },
      views: (inputs, i) => {
        let rsi = null;
        each(inputs[i], (k, at, _beg, nb) => k === 2 && (rsi = M.HEAPF64.slice(at, at + nb)));
        return rsi;
      },
    }[outputs],
    full: run,
  };
}

/**
 * Our package's module from `pkgDir` as a Node consumer loads it: the bench
 * passes `pkg/indicators`, the `tokenlens-wasm/indicators` entry (its core built
 * for speed; the whole module's core is built for size).
 */
export async function loadTokenlens(pkgDir) {
  const tl = await import(join(pkgDir, 'tokenlens.js'));
  await tl.default({ module_or_path: readFileSync(join(pkgDir, 'tokenlens_bg.wasm')) });
  return tl;
}

export const SPECS = ['sma20', 'ema20', 'rsi14', 'macd', 'bb', 'atr14', 'adx14', 'stoch'];

/** Our APIs: the documented `indicators()` batch call, and the lower-level exports if the package has them. */
export function tokenlensAdapters(tl) {
  if (!tl.IndicatorPass) return [tokenlensBatch(tl)];
  const proto = tl.IndicatorPass.prototype;
  const many = proto.computeManyInto ? [tokenlensMany(tl, false), tokenlensMany(tl, true)] : [];
  const workspace = proto.workspace ? [tokenlensWorkspace(tl)] : [];
  return [tokenlensBatch(tl), tokenlensPass(tl), ...many, ...workspace];
}

/**
 * `IndicatorWorkspace`: inputs and outputs in wasm memory. Each pass copies
 * the three concatenated columns into the workspace's input views (as the
 * talib-web adapters copy each series into its heap), computes, and returns
 * the output view: every series' outputs, kept until the next pass.
 */
function tokenlensWorkspace(tl) {
  const pass = new tl.IndicatorPass(SPECS);
  const names = pass.names;
  const run = (c) => {
    const ws = c.ws;
    ws.close.set(c.close);
    ws.high.set(c.high);
    ws.low.set(c.low);
    ws.compute();
    return ws.output;
  };
  const prepare = (all) => ({
    len: all[0].close.length,
    high: concat(all, 'high'),
    low: concat(all, 'low'),
    close: concat(all, 'close'),
    ws: pass.workspace(all.length, all[0].close.length),
  });
  return {
    name: 'tokenlens IndicatorWorkspace',
    note: 'specs parsed once; inputs copied into and all 17 output columns of every series left in wasm memory (views)',
    ours: true,
    prepare,
    release: (c) => c.ws.free(),
    pass: run,
    rsi: (c, i) => {
      const k = names.indexOf('rsi14');
      const per = names.length * c.len;
      return run(c).slice(i * per + k * c.len, i * per + (k + 1) * c.len);
    },
    /** Bit for bit what `computeMany` gives. */
    selfCheck: (_batch, _some, all) => {
      const c = prepare(all);
      const mine = run(c).slice();
      c.ws.free();
      const theirs = pass.computeMany(c.close, c.high, c.low, c.len);
      const name = 'tokenlens IndicatorWorkspace vs computeMany';
      for (let j = 0; j < theirs.length; j++) {
        if (!(Object.is(mine[j], theirs[j]) || (Number.isNaN(mine[j]) && Number.isNaN(theirs[j])))) {
          return [{ name, ok: false, detail: `value ${j}: ${mine[j]} vs ${theirs[j]}` }];
        }
      }
      return [{ name, ok: true, detail: `${theirs.length} values (${all.length} series) identical` }];
    },
  };
}

/** `IndicatorPass`: the specs parsed once, every output in one Float64Array per series. */
function tokenlensPass(tl) {
  const pass = new tl.IndicatorPass(SPECS);
  const names = pass.names;
  return {
    name: 'tokenlens IndicatorPass',
    note: 'specs parsed once; one flat Float64Array of all 17 output columns per series',
    ours: true,
    prepare: (all) => all.map((s) => ({ high: s.high, low: s.low, close: s.close })),
    pass: (inputs) => inputs.map((c) => pass.compute(c.close, c.high, c.low)),
    rsi: (inputs, i) => {
      const len = inputs[i].close.length;
      const k = names.indexOf('rsi14');
      return pass.compute(inputs[i].close, inputs[i].high, inputs[i].low).subarray(k * len, (k + 1) * len);
    },
    /** Bit for bit what `indicators()` gives. */
    selfCheck: (batch, some) => {
      let compared = 0;
      for (const s of some) {
        const cols = { high: s.high, low: s.low, close: s.close };
        const flat = pass.compute(s.close, s.high, s.low);
        const rec = batch.full(cols);
        const len = s.close.length;
        for (const [k, name] of names.entries()) {
          const a = flat.subarray(k * len, (k + 1) * len);
          const b = rec[name];
          for (let t = 0; t < len; t++) {
            if (!(Object.is(a[t], b[t]) || (Number.isNaN(a[t]) && Number.isNaN(b[t])))) {
              return [{ name: 'tokenlens IndicatorPass vs indicators()', ok: false, detail: `${name}[${t}]: ${a[t]} vs ${b[t]}` }];
            }
            compared++;
          }
        }
      }
      return [{ name: 'tokenlens IndicatorPass vs indicators()', ok: true, detail: `${compared} values (${names.length} outputs of ${some.length} series) identical` }];
    },
  };
}

/** Concatenates one column of every series into one Float64Array. */
const concat = (all, field) => {
  const len = all[0][field].length;
  const out = new Float64Array(all.length * len);
  all.forEach((s, i) => out.set(s[field], i * len));
  return out;
};

/**
 * `IndicatorPass.computeMany`: every series in one call (columns concatenated,
 * series after series, when the inputs are prepared), every output in one
 * new Float64Array; or, with `into`, `computeManyInto` into one output array
 * allocated when the inputs are prepared and reused from pass to pass.
 */
function tokenlensMany(tl, into) {
  const pass = new tl.IndicatorPass(SPECS);
  const names = pass.names;
  return {
    name: into ? 'tokenlens IndicatorPass.computeManyInto' : 'tokenlens IndicatorPass.computeMany',
    note: into
      ? 'specs parsed once; all series in one call (columns concatenated), outputs into one reused Float64Array'
      : 'specs parsed once; all series in one call (columns concatenated), all outputs in one new Float64Array',
    ours: true,
    prepare: (all) => {
      const c = { len: all[0].close.length, high: concat(all, 'high'), low: concat(all, 'low'), close: concat(all, 'close') };
      if (into) c.out = new Float64Array(names.length * c.close.length);
      return c;
    },
    pass: into
      ? (c) => (pass.computeManyInto(c.close, c.high, c.low, c.len, c.out), c.out)
      : (c) => pass.computeMany(c.close, c.high, c.low, c.len),
    rsi: (c, i) => {
      const len = c.len;
      const k = names.indexOf('rsi14');
      const per = names.length * len;
      return pass.computeMany(c.close, c.high, c.low, len).subarray(i * per + k * len, i * per + (k + 1) * len);
    },
    /** Bit for bit what `compute` gives, series by series. */
    selfCheck: (_batch, some, all) => {
      const len = all[0].close.length;
      const per = names.length * len;
      const prepared = {
        len,
        high: concat(all, 'high'),
        low: concat(all, 'low'),
        close: concat(all, 'close'),
      };
      let flat = pass.computeMany(prepared.close, prepared.high, prepared.low, len);
      if (into) {
        flat = new Float64Array(flat.length).fill(-1);
        pass.computeManyInto(prepared.close, prepared.high, prepared.low, len, flat);
      }
      let compared = 0;
      for (let i = 0; i < all.length; i++) {
        const s = all[i];
        const one = pass.compute(s.close, s.high, s.low);
        const mine = flat.subarray(i * per, (i + 1) * per);
        for (let j = 0; j < per; j++) {
          if (!(Object.is(mine[j], one[j]) || (Number.isNaN(mine[j]) && Number.isNaN(one[j])))) {
            return [{ name: `tokenlens ${into ? 'computeManyInto' : 'computeMany'} vs compute`, ok: false, detail: `series ${i}, value ${j}: ${mine[j]} vs ${one[j]}` }];
          }
          compared++;
        }
      }
      return [{ name: `tokenlens ${into ? 'computeManyInto' : 'computeMany'} vs compute`, ok: true, detail: `${compared} values (${all.length} series) identical` }];
    },
  };
}

function tokenlensBatch(tl) {
  return {
    name: 'tokenlens indicators()',
    note: 'the documented batch API: one call per series, a Record of Float64Arrays',
    ours: true,
    prepare: (all) => all.map((s) => ({ high: s.high, low: s.low, close: s.close })),
    pass: (inputs) => inputs.map((cols) => tl.indicators(cols, SPECS)),
    rsi: (inputs, i) => tl.indicators(inputs[i], ['rsi14']).rsi14,
    full: (cols) => tl.indicators(cols, SPECS),
  };
}

// Deterministic random-walk OHLCV: the benchmark's input, shared with
// bench/talib_pass.c (through the file written by gen.mjs) and with the Rust
// criterion bench (crates/core/benches/indicators.rs ports this generator).
// Only +, −, ×, / and comparisons of doubles, so every port gives the same bits.

export const SERIES = 2000;
export const LENGTH = 365;
export const SEED = 0x7e57;
export const FIELDS = ['open', 'high', 'low', 'close', 'volume'];

/** mulberry32: a 32-bit state PRNG, uniform in [0, 1). */
export function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One series: { open, high, low, close, volume } as Float64Arrays. */
function series(rand, length) {
  const s = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(length)]));
  let prev = 10 + rand() * 990;
  for (let i = 0; i < length; i++) {
    // Sum of three uniforms: a bell-shaped daily return, σ ≈ 2 %.
    const r = (rand() + rand() + rand() - 1.5) * 0.04;
    const open = prev;
    const close = prev * (1 + r);
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand() * 0.02);
    s.low[i] = Math.min(open, close) * (1 - rand() * 0.02);
    s.volume[i] = 1000 + rand() * 9000;
    prev = close;
  }
  return s;
}

/** Every series, generated from one seed. */
export function generate(count = SERIES, length = LENGTH, seed = SEED) {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => series(rand, length));
}

/** Little-endian f64, series after series, each as open, high, low, close, volume columns. */
export function toBytes(all) {
  const length = all[0].close.length;
  const out = new Float64Array(all.length * FIELDS.length * length);
  all.forEach((s, i) => FIELDS.forEach((f, j) => out.set(s[f], (i * FIELDS.length + j) * length)));
  return Buffer.from(out.buffer);
}

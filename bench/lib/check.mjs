// Output agreement, so that the benchmark does not time wrong code: RSI14 of a
// few series from every peer against ours, and every TA-Lib output of
// talib-web's raw exports against ours.

const CHECK_SERIES = [0, 1, 2, 3, 4];

/** The last `n` values of both, aligned at the end (libraries drop or keep warm-up rows differently). */
function tail(a, b, n) {
  const k = Math.min(n, a.length, b.length);
  return [Array.from(a.slice(a.length - k)), Array.from(b.slice(b.length - k))];
}

const maxAbs = (a, b) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

/**
 * Peers' RSI14 over the last 100 of 365 rows: seeding differences (first value vs mean) fade
 * by then. `tolerance` is in RSI points; technicalindicators rounds to 2 decimals.
 */
function rsiCheck(lib, ours, inputs, oursInputs) {
  const tolerance = lib.name.startsWith('technicalindicators') ? 0.006 : 1e-6;
  let worst = 0;
  for (const i of CHECK_SERIES) {
    const [a, b] = tail(ours.rsi(oursInputs, i), lib.rsi(inputs, i), 100);
    if (a.length < 100 || a.some(Number.isNaN) || b.some((x) => typeof x !== 'number' || Number.isNaN(x))) {
      return { name: `${lib.name} RSI14`, ok: false, detail: 'too short or not numbers' };
    }
    worst = Math.max(worst, maxAbs(a, b));
  }
  return {
    name: `${lib.name} RSI14`,
    ok: worst <= tolerance,
    detail: `max |diff| ${worst.toExponential(2)} RSI points over the last 100 rows of ${CHECK_SERIES.length} series (tolerance ${tolerance})`,
  };
}

/** Every TA-Lib output, full length with the warm-up, to 1e-9 relative. */
function talibCheck(lib, ours, all) {
  const names = [['sma20'], ['ema20'], ['rsi14'], ['macd', 'macd_signal', 'macd_hist'], ['bb_upper', 'bb_middle', 'bb_lower'], ['atr14'], ['adx14'], ['stoch_k', 'stoch_d']];
  let worst = 0;
  let compared = 0;
  for (const i of CHECK_SERIES) {
    const cols = { high: all[i].high, low: all[i].low, close: all[i].close };
    const mine = ours.full(cols);
    const theirs = lib.full(all[i]);
    for (const [g, group] of names.entries()) {
      for (const [j, name] of group.entries()) {
        const a = mine[name];
        const b = theirs[g][j];
        const lead = a.findIndex((x) => !Number.isNaN(x));
        if (a.length - lead !== b.length) {
          return { name: `${lib.name} all outputs`, ok: false, detail: `${name}: ${a.length - lead} values vs ${b.length}` };
        }
        for (let t = 0; t < b.length; t++) {
          const x = a[lead + t];
          const y = b[t];
          worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), 1e-6));
          compared++;
        }
      }
    }
  }
  return {
    name: `${lib.name} all 13 outputs`,
    ok: worst <= 1e-9,
    detail: `${compared} values of ${CHECK_SERIES.length} series, same warm-up, max relative diff ${worst.toExponential(2)} (tolerance 1e-9)`,
  };
}

export function checkAgreement(libs, all) {
  const ours = libs.find((l) => l.ours);
  const oursInputs = ours.prepare(all);
  const out = [];
  for (const lib of libs.filter((l) => !l.ours)) {
    out.push(rsiCheck(lib, ours, lib.prepare(all.slice(0, CHECK_SERIES.length)), oursInputs));
    if (lib.exact) out.push(talibCheck(lib, ours, all));
    if (lib.verify) out.push(lib.verify(all));
  }
  for (const lib of libs.filter((l) => l.ours && l !== ours)) out.push(...lib.selfCheck(ours, all.slice(0, CHECK_SERIES.length), all));
  return out;
}

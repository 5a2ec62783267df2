import { generate } from './lib/data.mjs';
import * as peers from './lib/peers.mjs';
const dir = process.argv[2];
const all = generate(2000, 365, 0x7e57);
const tl = await peers.loadTokenlens(dir);
const inputs = all.map((s) => ({ high: s.high, low: s.low, close: s.close }));
const closeOnly = all.map((s) => ({ close: s.close }));
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const x8 = (s) => Array(8).fill(s);
for (const [label, spec, inp] of [['none hlc', [], inputs], ['none close', [], closeOnly], ['sma20', ['sma20'], closeOnly], ['sma20 x8', x8('sma20'), closeOnly], ['ema20 x8', x8('ema20'), closeOnly], ['rsi14 x8', x8('rsi14'), closeOnly], ['macd x8', x8('macd'), closeOnly], ['bb x8', x8('bb'), closeOnly], ['atr x8', x8('atr14'), inputs], ['adx x8', x8('adx14'), inputs], ['stoch x8', x8('stoch'), inputs]]) {
  const pass = new tl.IndicatorPass(spec);
  const times = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    for (const c of inp) pass.compute(c.close, c.high, c.low);
    times.push(performance.now() - t0);
  }
  console.log(label.padEnd(20), med(times.slice(2)).toFixed(1), 'ms');
}

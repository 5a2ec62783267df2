import { generate } from './lib/data.mjs';
import * as peers from './lib/peers.mjs';
const dir = process.argv[2];
const all = generate(2000, 365, 0x7e57);
const tl = await peers.loadTokenlens(dir);
const inputs = all.map((s) => ({ high: s.high, low: s.low, close: s.close }));
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const spec of [peers.SPECS, ...peers.SPECS.map((s) => [s]), ['sma5']]) {
  const pass = new tl.IndicatorPass(spec);
  const times = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    for (const c of inputs) pass.compute(c);
    times.push(performance.now() - t0);
  }
  console.log(spec.join(',').padEnd(50), med(times.slice(2)).toFixed(1), 'ms');
}

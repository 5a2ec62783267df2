import { generate } from './lib/data.mjs';
import * as peers from './lib/peers.mjs';
const dir = process.argv[2];
const all = generate(2000, 365, 0x7e57);
const tl = await peers.loadTokenlens(dir);
const pass = new tl.IndicatorPass(peers.SPECS);
const inputs = all.map((s) => ({ high: s.high, low: s.low, close: s.close }));
const times = [];
for (let r = 0; r < 8; r++) {
  const t0 = performance.now();
  for (const c of inputs) pass.compute(c);
  times.push(performance.now() - t0);
}
// one series many times: is it input size independent?
const t1 = performance.now();
for (let r = 0; r < 2000; r++) pass.compute(inputs[0]);
const one = performance.now() - t1;
console.log(dir, times.slice(2).sort((a, b) => a - b)[3].toFixed(1), 'ms; same series x2000', one.toFixed(1));

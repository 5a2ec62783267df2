// No bundler: the package's own files, under a strict CSP; both entries.
import init, { resolveMarketCap, ema } from './tokenlens/index.js';
import initIndicators, { Macd } from './tokenlens/indicators.js';

await init();
await initIndicators();
const macd = new Macd({ fast: 2, slow: 3, signal: 2 });
let last;
for (const x of [1, 2, 3, 4, 5, 6]) last = macd.update(x);
macd.free();
document.getElementById('result').textContent = JSON.stringify({
  cap: resolveMarketCap({ price: 2, circulatingSupply: 3e9 }),
  ema: Array.from(ema(new Float64Array([2, 4, 6, 8]), 2)),
  macdKeys: Object.keys(last),
});

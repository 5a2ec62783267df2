// No bundler: the package's own files, under a strict CSP.
import init, { resolveMarketCap, ema } from './tokenlens/tokenlens.js';

await init();
document.getElementById('result').textContent = JSON.stringify({
  cap: resolveMarketCap({ price: 2, circulatingSupply: 3e9 }),
  ema: Array.from(ema(new Float64Array([2, 4, 6, 8]), 2)),
});

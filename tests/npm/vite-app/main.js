// A bundled consumer: Vite resolves the package, copies its .wasm as an asset
// and the default `init()` finds it.
import init, { classifyMarketCap, indicators } from 'tokenlens';

await init();
const close = Float64Array.from({ length: 60 }, (_, i) => 100 + i);
const out = indicators({ close }, ['sma20', 'rsi14']);
document.getElementById('result').textContent = JSON.stringify({
  cls: classifyMarketCap(2e10),
  sma: out.sma20[59],
  rsi: out.rsi14[59],
});

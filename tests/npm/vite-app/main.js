// A bundled consumer: Vite resolves the package, copies its .wasm files as
// assets and the default `init()` of each entry finds its own.
import init, { classifyMarketCap, indicators } from 'tokenlens-wasm';
import initIndicators, { Rsi } from 'tokenlens-wasm/indicators';

await init();
await initIndicators();
const close = Float64Array.from({ length: 60 }, (_, i) => 100 + i);
const out = indicators({ close }, ['sma20', 'rsi14']);
const rsi = new Rsi({ period: 14 });
let streamed;
for (const x of close) streamed = rsi.update(x);
rsi.free();
document.getElementById('result').textContent = JSON.stringify({
  cls: classifyMarketCap(2e10),
  sma: out.sma20[59],
  rsi: out.rsi14[59],
  streamedRsi: streamed,
});

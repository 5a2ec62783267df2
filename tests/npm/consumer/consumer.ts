// Type-checked with `tsc --noEmit --strict`: the public surface must be typed
// precisely enough for this to compile, and the lines marked @ts-expect-error
// must fail to.
import init, { classifyMarketCap, resolveMarketCap, Ema, ema } from 'tokenlens';
import type { MarketCapClass, ResolvedMarketCap, EmaOptions } from 'tokenlens';

export async function main(): Promise<void> {
  await init();
  const cls: MarketCapClass = classifyMarketCap(1e9);
  const cap: ResolvedMarketCap = resolveMarketCap({ price: 1, circulatingSupply: 2 });
  const source: 'reported' | 'implied' = cap.source;
  const options: EmaOptions = { period: 10 };
  using e = new Ema(options);
  const out: number | undefined = e.update(1);
  const ready: boolean = e.isReady;
  const values: Float64Array = ema(new Float64Array(4), 2);
  // @ts-expect-error an unknown class name is not a MarketCapClass
  const wrong: MarketCapClass = 'mega';
  // @ts-expect-error options are an object, not a number
  new Ema(14);
  console.log(cls, source, out, ready, values, wrong);
}

// Type-checked with `tsc --noEmit --strict`: the public surface must be typed
// precisely enough for this to compile, and the lines marked @ts-expect-error
// must fail to.
import init, { classifyMarketCap, resolveMarketCap, Ema, ema, indicators, IndicatorPass, Rsi, Macd, Atr } from 'tokenlens-wasm';
import type { MarketCapClass, ResolvedMarketCap, EmaOptions, IndicatorSpec, PriceColumns, MacdOutput, CandleInput } from 'tokenlens-wasm';

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
  const columns: PriceColumns = { close: new Float64Array(30), high: new Float64Array(30), low: new Float64Array(30) };
  const specs: IndicatorSpec[] = ['rsi14', 'sma200', 'macd', { indicator: 'bb', period: 10, multiplier: 1.5 }];
  const computed: Record<string, Float64Array> = indicators(columns, specs);
  using pass = new IndicatorPass(specs);
  const names: string[] = pass.names;
  const flat: Float64Array = pass.compute(new Float64Array(30), new Float64Array(30), undefined);
  console.log(names, flat);
  using ws = pass.workspace(2, 15);
  ws.close.set(new Float64Array(30));
  const highs: Float64Array | undefined = ws.high;
  highs?.set(new Float64Array(30));
  ws.compute();
  const view: Float64Array = ws.output;
  const rows: number = ws.seriesLength * ws.series;
  console.log(view.length, rows);
  // @ts-expect-error not an indicator name
  const badName: IndicatorSpec = 'rsx14';
  // @ts-expect-error macd has no period
  const badOption: IndicatorSpec = { indicator: 'macd', period: 3 };
  console.log(computed, badName, badOption);
  using rsi = new Rsi({ period: 14 });
  const r: number | undefined = rsi.update(101.5);
  using macd = new Macd({ fast: 12, slow: 26, signal: 9 });
  const m: MacdOutput | undefined = macd.update(101.5);
  const candle: CandleInput = { high: 2, low: 1, close: 1.5 };
  using atr = new Atr();
  const a: number | undefined = atr.replace(candle);
  // @ts-expect-error a candle indicator does not take a number
  atr.update(5);
  // @ts-expect-error MACD has no period option
  new Macd({ period: 3 });
  console.log(r, m, a);
  // @ts-expect-error an unknown class name is not a MarketCapClass
  const wrong: MarketCapClass = 'mega';
  // @ts-expect-error options are an object, not a number
  new Ema(14);
  console.log(cls, source, out, ready, values, wrong);
}

// The small entry: the same indicator API over its own wasm, typed alike.
import initIndicators, { Rsi as SmallRsi, BollingerBands, indicators as smallIndicators } from 'tokenlens-wasm/indicators';
import type { BollingerOutput, InitOutput, ScreenRow, Analysis } from 'tokenlens-wasm';

export async function small(): Promise<void> {
  const io: InitOutput = await initIndicators();
  const memory: WebAssembly.Memory = io.memory;
  using rsi = new SmallRsi({ period: 3 });
  const r: number | undefined = rsi.update(1);
  using bands = new BollingerBands({ period: 10 });
  const b: BollingerOutput | undefined = bands.update(1);
  const percentB: number | undefined = b?.percentB;
  const out: Record<string, Float64Array> = smallIndicators({ close: new Float64Array(3) }, ['sma2']);
  console.log(memory, r, percentB, out);
}

export function camelCaseResults(row: ScreenRow, analysis: Analysis): void {
  const grade: number = row.traderGrade;
  const change: number | null = row.traderGradeChange24h;
  const version: number = analysis.schemaVersion;
  // @ts-expect-error results are camelCase: there is no trader_grade
  const snake: number = row.trader_grade;
  console.log(grade, change, version, snake);
}

// Types that match what the module returns: compiled with `tsc --strict`
// (tsconfig.shapes.json), then run by shapes-run.mjs on real data. Each `Record<keyof T, true>` below must
// list every key of the declared type and no other (the compiler refuses a
// missing or an extra one); at run time the keys of real results must be
// exactly those. Every optional argument is left out at least once, and the
// lines marked as expected errors must fail to compile.
import init, { analyze, breadth, moonshots, narratives, screen, Sma, TokenlensError, indicators } from 'tokenlens-wasm';
import initEvaluation, { evaluate } from 'tokenlens-wasm/evaluation';
import type {
  DatedIc,
  Evaluation,
  EvaluationStats,
  FlipStats,
  HitRate,
  MeasureReport,
  SignalStats,
  TimingStats,
  YearIc,
} from 'tokenlens-wasm/evaluation';
import type {
  Analysis,
  BreadthPoint,
  FilterUse,
  MoonshotEntry,
  ScreenRow,
  SeriesInput,
  TokenError,
  TokenlensErrorCode,
  UniverseMember,
} from 'tokenlens-wasm';

const screenRowKeys: Record<keyof ScreenRow, true> = {
  symbol: true, date: true, price: true, traderGrade: true, traderGradeChange24h: true, traderGradeChange7d: true,
  traderGradeConfidence: true, investorGrade: true, investorGradeChange7d: true, signal: true, signalStrength: true,
  signalSince: true, daysSinceFlip: true, rating: true, ratingScore: true, class: true, marketCap: true, stable: true,
  return1d: true, return7d: true, return30d: true,
};
const breadthKeys: Record<keyof BreadthPoint, true> = {
  date: true, time: true, eligible: true, bullish: true, bearish: true, strong: true, aboveSma50: true,
  bullishShare: true, bearishShare: true, strongShare: true, aboveSma50Share: true,
};
const moonshotKeys: Record<keyof MoonshotEntry, true> = {
  symbol: true, flaggedDate: true, flaggedPrice: true, flaggedGrade: true, gradeChange7d: true, marketCap: true,
  exitDate: true, exitPrice: true, lastDate: true, lastPrice: true, returnSinceFlag: true, returnAtExit: true,
};
const filterUseKeys: Record<keyof FilterUse, true> = { appliedTo: true, skippedFor: true, note: true };
const tokenErrorKeys: Record<keyof TokenError, true> = { symbol: true, code: true, message: true };
type MoonshotResult = ReturnType<typeof moonshots>;
const moonshotResultKeys: Record<keyof MoonshotResult, true> = {
  marketCapFilter: true, volumeFilter: true, current: true, ledger: true, excludedStablecoins: true, errors: true,
};
const evaluationKeys: Record<keyof Evaluation, true> = {
  firstDate: true, lastDate: true, fitEnd: true, every: true, horizons: true, tokens: true, stable: true, measures: true,
  signal: true, timing: true, flips: true, errors: true,
};
const measureKeys: Record<keyof MeasureReport, true> = { name: true, kind: true, predictedSign: true, horizon: true, stats: true };
const statsKeys: Record<keyof EvaluationStats, true> = {
  period: true, horizon: true, dates: true, meanIc: true, icSd: true, icIr: true, t: true, sharePositive: true,
  quintiles: true, spread: true, topTurnover: true, hit: true, byYear: true, ics: true,
};
const hitKeys: Record<keyof HitRate, true> = { dates: true, dateHitRate: true, tokens: true, tokenHitRate: true };
const yearKeys: Record<keyof YearIc, true> = { year: true, meanIc: true, dates: true };
const datedKeys: Record<keyof DatedIc, true> = { date: true, ic: true, tokens: true };
const signalKeys: Record<keyof SignalStats, true> = {
  period: true, horizon: true, bullishReturn: true, bullishCount: true, bearishReturn: true, bearishCount: true,
};
const timingKeys: Record<keyof TimingStats, true> = {
  period: true, tokens: true, exposure: true, strategyLogReturn: true, holdLogReturn: true, randomMeanLogReturn: true,
  percentile: true, draws: true,
};
const flipKeys: Record<keyof FlipStats, true> = {
  tokens: true, medianPerHalfYear: true, p90PerHalfYear: true, maxPerHalfYear: true, tokensOver10: true, crashExits: true,
  tokensWithCrashExits: true,
};

// Every code the module documents; the compiler checks the list against the union.
const codes: Record<TokenlensErrorCode, true> = {
  INVALID_INPUT: true, INVALID_PARAMETER: true, MISSING_MARKET_CAP: true, MISSING_COLUMN: true,
  LENGTH_MISMATCH: true, TOO_SHORT: true, FREED: true, INTERNAL: true,
};

/** Keys of `value` that the type does not declare, and declared keys it lacks. */
function mismatch(what: string, value: object, declared: object): string[] {
  const got = new Set(Object.keys(value));
  const want = new Set(Object.keys(declared));
  return [
    ...[...got].filter((k) => !want.has(k)).map((k) => `${what}: undeclared key ${k}`),
    ...[...want].filter((k) => !got.has(k)).map((k) => `${what}: missing key ${k}`),
  ];
}

/** Checks every result shape on `btc` (daily candles) and `universe` (daily closes). */
export async function check(wasm: BufferSource, evaluationWasm: BufferSource, btc: SeriesInput, universe: UniverseMember[]) {
await init({ module_or_path: wasm });
await initEvaluation({ module_or_path: evaluationWasm });
const problems: string[] = [];

// Every optional argument left out.
const analysis: Analysis = analyze(btc);
const screened = screen(universe);
const points = breadth(universe);
const themes = narratives(universe);
const moons: MoonshotResult = moonshots(universe);

const rows: ScreenRow[] = screened.rows;
const ledger: MoonshotEntry[] = moons.ledger;
const grade: number | null = analysis.traderGrade === null ? null : 1;
for (const row of rows) problems.push(...mismatch('ScreenRow', row, screenRowKeys));
for (const e of screened.errors) problems.push(...mismatch('TokenError', e, tokenErrorKeys));
for (const p of points.rows) problems.push(...mismatch('BreadthPoint', p, breadthKeys));
problems.push(...mismatch('moonshots()', moons, moonshotResultKeys));
for (const e of [...moons.current, ...ledger]) problems.push(...mismatch('MoonshotEntry', e, moonshotKeys));
problems.push(...mismatch('FilterUse', moons.marketCapFilter, filterUseKeys), ...mismatch('FilterUse', moons.volumeFilter, filterUseKeys));
const evaluation: Evaluation = evaluate(universe);
problems.push(...mismatch('Evaluation', evaluation, evaluationKeys), ...mismatch('FlipStats', evaluation.flips, flipKeys));
for (const m of evaluation.measures) {
  problems.push(...mismatch('MeasureReport', m, measureKeys));
  for (const st of m.stats) {
    problems.push(...mismatch('EvaluationStats', st, statsKeys));
    if (st.hit !== null) problems.push(...mismatch('HitRate', st.hit, hitKeys));
    for (const y of st.byYear) problems.push(...mismatch('YearIc', y, yearKeys));
    for (const d of st.ics) problems.push(...mismatch('DatedIc', d, datedKeys));
  }
}
for (const x of evaluation.signal) problems.push(...mismatch('SignalStats', x, signalKeys));
for (const x of evaluation.timing) problems.push(...mismatch('TimingStats', x, timingKeys));
const evaluated = evaluation.measures.reduce((n, m) => n + m.stats.reduce((k, st) => k + st.ics.length, 0), 0);
if (!Array.isArray(ledger)) problems.push('moonshots().ledger is not an array');
if (!Array.isArray(themes.narratives)) problems.push('narratives().narratives is not an array');

// Errors: a TokenlensError whose code is one of the union's.
const seen: TokenlensErrorCode[] = [];
for (const bad of [() => new Sma({ period: 1e9 }), () => indicators({ close: new Float64Array(2) }, [{ indicator: 'sma', period: 2e6 }]), () => analyze({ timestamps: [], close: [] })]) {
  try {
    bad();
    problems.push('a bad call returned');
  } catch (e) {
    if (!(e instanceof TokenlensError)) problems.push(`not a TokenlensError: ${String(e)}`);
    else if (!(e.code in codes)) problems.push(`undeclared code ${e.code}`);
    else seen.push(e.code);
  }
}
const freed = new Sma({ period: 3 });
freed.free();
try {
  freed.update(1);
} catch (e) {
  if (e instanceof TokenlensError) seen.push(e.code);
}

// Compile-time only (never called): each line must be a type error.
const compileOnly = () => {
  // @ts-expect-error ledger entries are MoonshotEntry records, not strings
  const wrongLedger: string[] = moons.ledger;
  // @ts-expect-error an error code outside the union
  const wrongCode: TokenlensErrorCode = 'NOT_A_CODE';
  // @ts-expect-error the universe is an array of members
  screen({ symbol: 'BTC', series: btc });
  // @ts-expect-error analyze needs a series
  analyze();
  // @ts-expect-error horizons are numbers of days
  evaluate(universe, { horizons: ['7'] });
  return [wrongLedger, wrongCode];
};

return {
  problems,
  counts: { rows: rows.length, points: points.rows.length, ledger: ledger.length, current: moons.current.length, errors: screened.errors.length, evaluated },
  seen,
  grade,
  compileOnly: typeof compileOnly,
};
}

// narratives() and moonshots() over the bundled 401-pair daily closes, from
// the installed package; prints the results for the test to compare with the CLI.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, { narratives, moonshots } from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
await init({ module_or_path: await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm')) });

const [header, ...lines] = (await readFile(process.argv[2], 'utf8')).trim().split('\n');
const symbols = header.split(',').slice(1);
const rows = lines.map((l) => l.split(','));
const times = rows.map((r) => Date.parse(`${r[0]}T00:00:00Z`) / 1000);
const universe = symbols.map((pair, k) => {
  const timestamps = [];
  const close = [];
  rows.forEach((r, i) => {
    if (r[k + 1] !== '') {
      timestamps.push(times[i]);
      close.push(Number(r[k + 1]));
    }
  });
  return { symbol: pair.replace(/USDT$/, ''), series: { timestamps, close } };
});
const btc = universe.find((m) => m.symbol === 'BTC').series;
const n = narratives(universe, btc);
const m = moonshots(universe, btc);
// Membership from a provider's category lists instead of the bundled table.
const live = narratives(universe, btc, { 'layer-1': ['SOL', 'ETH', 'DOGE'], 'meme-token': ['doge', 'PEPE'], 'not-followed': ['BTC'] });
let badCategories;
try {
  narratives(universe, btc, { 'layer-1': 'SOL' });
} catch (e) {
  badCategories = { name: e.name, code: e.code, message: e.message };
}
console.log(
  JSON.stringify({
    narratives: n.narratives,
    rotation: { ...n.rotation, days: undefined },
    errors: n.errors,
    moonshotKeys: Object.keys(m).sort(),
    excluded: m.excludedStablecoins,
    current: m.current.length,
    liveMembers: Object.fromEntries(live.narratives.map((x) => [x.narrative, x.members])),
    badCategories,
  }),
);

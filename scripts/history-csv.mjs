// A bundled history (the JSON `tokenlens history` or `tokenlens snapshot --fetch
// --history-out` writes) back as a wide daily-close CSV: a `date` column and one column
// per symbol, empty where there is no bar. What `tokenlens history --daily-close` and the
// universe commands read, so data fetched for a published site goes through the same
// build as the recorded file.
//   node scripts/history-csv.mjs HISTORY.json > daily.csv
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The daily table of `history` (parsed JSON) as CSV text. */
export function dailyCsv(history) {
  const { start, rows, symbols, closes, interval } = history.daily;
  if (interval !== 'daily') throw new Error(`the daily table has interval ${interval}`);
  const lines = [['date', ...symbols].join(',')];
  for (let r = 0; r < rows; r += 1) {
    const date = new Date((start + r * 86_400) * 1000).toISOString().slice(0, 10);
    lines.push([date, ...closes.map((c) => (c[r] === null ? '' : String(c[r])))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node scripts/history-csv.mjs HISTORY.json > daily.csv');
    process.exit(2);
  }
  process.stdout.write(dailyCsv(JSON.parse(readFileSync(path, 'utf8'))));
}

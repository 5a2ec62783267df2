// The CLI's universe commands run on exactly the daily rows the built site
// bundles (dist/assets/history.json keeps only the last rows of the recorded
// file), so the browser's figures can be compared with the native ones.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dailyCsv } from '../../scripts/history-csv.mjs';

/** The bundled daily table as a wide CSV (one column per pair). */
export function historyCsv(root) {
  const history = JSON.parse(readFileSync(join(root, 'dist/assets/history.json'), 'utf8'));
  return { text: dailyCsv(history), asOf: history.as_of };
}

/** `tokenlens <command> --daily-close <the site's rows>` as parsed JSON. */
export function runOnSiteRows(root, command, ...args) {
  const cli = join(root, 'target/debug/tokenlens');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build it with cargo build -p tokenlens-cli`);
  const dir = mkdtempSync(join(tmpdir(), 'tokenlens-e2e-'));
  try {
    const csv = join(dir, 'daily.csv');
    writeFileSync(csv, historyCsv(root).text);
    const out = execFileSync(cli, [command, '--daily-close', csv, ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fraction as the site writes it: `+12.3%`, `—` when absent. */
export function pct(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = (v * 100).toFixed(1);
  return s.startsWith('-') ? `${s}%` : `+${s}%`;
}

// Writes the benchmark's input to bench/data/ohlcv.f64 (read by talib_pass.c and talib_pass.py).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, toBytes, SERIES, LENGTH } from './lib/data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'data', 'ohlcv.f64');
mkdirSync(dirname(file), { recursive: true });
const all = generate();
writeFileSync(file, toBytes(all));
let checksum = 0;
for (const s of all) for (const c of s.close) checksum += c;
console.log(`gen: ${SERIES} series x ${LENGTH} candles -> ${file} (close checksum ${checksum.toFixed(6)})`);

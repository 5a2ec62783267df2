#!/usr/bin/env bash
# The speed benchmark, end to end: builds pkg/, installs the JS peers
# (npm ci --prefix bench), writes the seeded data, times the pass natively
# (criterion) and with TA-Lib C (bench/talib_pass.py), then in Node with our
# wasm package and every peer. Prints the table and writes
# bench/results/latest.json. Not a test: it is not part of scripts/test.sh.
#
# Usage: bash bench/run.sh [--runs 7] [--warmup 2] [--only name,name]
# TA-Lib needs a Python with numpy and ta-lib: set TALIB_PYTHON to it
# (python3 -m venv V && V/bin/pip install numpy ta-lib); without it that row is left out.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$TOKENLENS_ROOT"

echo "run: building pkg/"
bash scripts/build-pkg.sh
echo "run: installing the benchmark's npm packages"
npm ci --prefix bench --no-audit --no-fund --silent
node bench/gen.mjs

mkdir -p bench/results
native=bench/results/native.json
echo "run: native pass (criterion)"
cargo bench --quiet -p tokenlens-core --bench indicators -- '^indicators/pass' 2>&1 | grep -E '^(data|indicators)|time:|error' || true
target="${CARGO_TARGET_DIR:-target}"
python=${TALIB_PYTHON:-python3}
talib_json=bench/results/talib.json
rm -f "$talib_json"
if "$python" -c 'import numpy, talib' 2>/dev/null; then
  echo "run: TA-Lib C pass"
  "$python" bench/talib_pass.py --json "$talib_json"
else
  echo "run: no TA-Lib for $python (set TALIB_PYTHON); its row is left out" >&2
fi
node -e '
  const fs = require("fs");
  const [target, talib, out] = process.argv.slice(1);
  const est = (name) => {
    const f = `${target}/criterion/indicators/${name}/new/estimates.json`;
    return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")).median.point_estimate / 1e6 : null;
  };
  const rows = [
    { name: "tokenlens native, catalog pass (Rust, criterion median)", ms: est("pass"), ours: true },
    { name: "tokenlens native, flat pass (Rust, criterion median)", ms: est("pass_flat"), ours: true },
    { name: "tokenlens native, many-series pass (Rust, criterion median)", ms: est("pass_many"), ours: true },
  ];
  if (fs.existsSync(talib)) {
    const t = JSON.parse(fs.readFileSync(talib, "utf8"));
    rows.push({ name: t.name, ms: t.ms, python_overhead_ms: t.python_overhead_ms });
  }
  fs.writeFileSync(out, JSON.stringify(rows.filter((r) => r.ms !== null), null, 2) + "\n");
' "$target" "$talib_json" "$native"

echo "run: wasm and JS libraries"
node --expose-gc bench/bench.mjs --native "$native" "$@"

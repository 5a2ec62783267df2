#!/usr/bin/env bash
# The speed benchmark, end to end: builds pkg/, installs the JS peers
# (npm ci --prefix bench), writes the seeded data, times the pass natively
# (criterion) and with TA-Lib C (bench/talib_pass.c, called from C, and
# bench/talib_pass.py, through its Python package), then in Node with our wasm
# package and every peer. Prints the table and writes
# bench/results/latest.json. Not a test: it is not part of scripts/test.sh.
#
# Usage: bash bench/run.sh [--runs 7] [--warmup 2] [--only name,name]
# TA-Lib C is the library the Python ta-lib wheel bundles: set TALIB_PYTHON to a
# Python that has it (python3 -m venv V && V/bin/pip install numpy ta-lib); the
# C-called row also needs a C compiler (cc). Without them those rows are left out.
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
talib_c_json=bench/results/talib.json
talib_py_json=bench/results/talib-python.json
rm -f "$talib_c_json" "$talib_py_json"
if "$python" -c 'import numpy, talib' 2>/dev/null; then
  # The shared library the ta-lib extension module links (auditwheel renames it).
  talib_lib="$("$python" -c 'import talib._ta_lib as m; print(m.__file__)' \
    | xargs ldd | sed -n 's/.*libta-lib[^ ]* => \([^ ]*\) .*/\1/p' | head -n1)"
  if [ -n "$talib_lib" ] && command -v cc >/dev/null; then
    echo "run: TA-Lib C pass, called from C ($talib_lib)"
    cc -O2 -o "$target/talib_pass" bench/talib_pass.c "$talib_lib" -Wl,-rpath,"$(dirname "$talib_lib")"
    "$target/talib_pass" bench/data/ohlcv.f64 > "$talib_c_json"
  else
    echo "run: no TA-Lib C library next to the ta-lib module, or no cc: the C-called row is left out" >&2
  fi
  echo "run: TA-Lib C pass through Python"
  "$python" bench/talib_pass.py --json "$talib_py_json"
else
  echo "run: no numpy and ta-lib for $python (set TALIB_PYTHON): the TA-Lib rows are left out" >&2
fi
node -e '
  const fs = require("fs");
  const [target, out, ...talib] = process.argv.slice(1);
  const est = (name) => {
    const f = `${target}/criterion/indicators/${name}/new/estimates.json`;
    return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")).median.point_estimate / 1e6 : null;
  };
  const rows = [
    { name: "tokenlens native, catalog pass (Rust, criterion median)", ms: est("pass"), ours: true },
    { name: "tokenlens native, flat pass (Rust, criterion median)", ms: est("pass_flat"), ours: true },
    { name: "tokenlens native, many-series pass (Rust, criterion median)", ms: est("pass_many"), ours: true },
  ];
  for (const f of talib) {
    if (!fs.existsSync(f)) continue;
    const t = JSON.parse(fs.readFileSync(f, "utf8"));
    rows.push({ name: t.name, via: t.via, ms: t.ms, runs_ms: t.runs_ms, rsi14_series0_last: t.rsi14_series0_last });
  }
  fs.writeFileSync(out, JSON.stringify(rows.filter((r) => r.ms !== null), null, 2) + "\n");
' "$target" "$native" "$talib_c_json" "$talib_py_json"

echo "run: wasm and JS libraries"
node --expose-gc bench/bench.mjs --native "$native" "$@"

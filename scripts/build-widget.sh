#!/usr/bin/env bash
# Builds the embeddable <tokenlens-screener> widget into dist-widget/:
#   widget.js                         the element (crates/widget/js/widget.js) with the
#                                     wasm-bindgen glue inlined and the SHA-384 of every file it
#                                     fetches, checked before use (crates/widget/js/integrity.js)
#   widget.d.ts                       its types
#   tokenlens_widget_bg.wasm          the Rust side (wasm-bindgen --target web, wasm-opt -Oz)
#   data/snapshot.json, history.json  the bundled data of source="snapshot" (built by the CLI
#                                     from the recorded sources, daily closes only; with --site,
#                                     the site's own files): the history's last date is the date
#                                     of every figure shown; the snapshot's market figures count
#                                     only when of that date
#   sri.json                          sha384 integrity values of the release files
# Fails when widget JS + wasm exceed the size budget (250 KB gzip).
#
# Usage: scripts/build-widget.sh [--copy-to DIR | --site | --crash-test DIR]
#   --copy-to DIR     also copies the result into DIR (e.g. pkg/widget for the npm package);
#   --site            into "$TRUNK_STAGING_DIR/widget" (the site's trunk post_build hook), with
#                     the site's data (web/assets, written by its pre_build hook): the published
#                     data of scripts/publish-site.sh, whose market list a live widget then shows
#                     while it is fresh (web/data/latest.json gives the interval);
#   --crash-test DIR  a test build into DIR instead of dist-widget/: the widget with the
#                     deliberate panic of feature `crash-test` (tests/widget/crash.test.mjs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

copy_to=""
out=dist-widget
features=()
site=false
if [ "${1:-}" = "--copy-to" ]; then
  copy_to="${2:?--copy-to needs a directory}"
elif [ "${1:-}" = "--site" ]; then
  copy_to="${TRUNK_STAGING_DIR:?--site runs as a trunk hook}/widget"
  out=target/site-widget
  site=true
elif [ "${1:-}" = "--crash-test" ]; then
  out="${2:?--crash-test needs a directory}"
  features=(--features crash-test)
elif [ $# -gt 0 ]; then
  echo "usage: scripts/build-widget.sh [--copy-to DIR | --site | --crash-test DIR]" >&2
  exit 2
fi

budget=$((250 * 1024))
daily=data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv
markets=data/sources/coingecko_coins_markets_usd_250_2023-07-28.json

cargo build --quiet -p tokenlens-widget --target wasm32-unknown-unknown --profile widget "${features[@]}"
stage="$out.tmp"
rm -rf "$stage"
mkdir -p "$stage/data"
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name tokenlens_widget \
  target/wasm32-unknown-unknown/widget/tokenlens_widget.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$stage/tokenlens_widget_bg.wasm" -o "$stage/tokenlens_widget_bg.wasm"
cp crates/widget/js/widget.d.ts "$stage/"

# The bundled data: the site's own files for the site's copy; otherwise the same files,
# from the same recorded sources, as the site's (those of the last build of
# dist-widget/ while they are newer than their sources and built by this recipe).
published_minutes=0
if $site; then
  cp web/assets/snapshot.json web/assets/history.json "$stage/data/"
  published_minutes="$(node -p '
    const latest = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    latest.markets_fetched_at_ms == null ? 0 : latest.refresh_minutes' web/data/latest.json)"
else
  data=dist-widget/data
  recipe="daily closes only; $(basename "$daily"); $(basename "$markets")"
  if [ -f "$data/snapshot.json" ] && [ "$data/snapshot.json" -nt "$markets" ] \
    && [ -f "$data/history.json" ] && [ "$data/history.json" -nt "$daily" ] \
    && [ "$(cat target/widget-data.recipe 2>/dev/null)" = "$recipe" ]; then
    cp "$data/snapshot.json" "$data/history.json" "$stage/data/"
  else
    cargo run --quiet -p tokenlens-cli -- snapshot --markets "$markets" \
      --source "CoinGecko /coins/markets (top 250 by market cap)" --out "$stage/data/snapshot.json"
    # Daily closes only: the widget grades nothing else (a live widget grades
    # CoinGecko's hourly sparkline).
    cargo run --quiet -p tokenlens-cli -- history --daily-close "$daily" \
      --source "Binance spot closes of 401 USDT pairs (daily: the 23:00 UTC hourly close)" \
      --out "$stage/data/history.json"
  fi
fi

sri() { printf 'sha384-%s' "$(openssl dgst -sha384 -binary "$1" | openssl base64 -A)"; }
# widget.js: the loader with the glue inlined and the digests of what it fetches,
# so that the integrity of widget.js covers everything the widget runs and reads.
printf '{"tokenlens_widget_bg.wasm": "%s", "data/snapshot.json": "%s", "data/history.json": "%s"}\n' \
  "$(sri "$stage/tokenlens_widget_bg.wasm")" "$(sri "$stage/data/snapshot.json")" "$(sri "$stage/data/history.json")" \
  >"$stage/digests.json"
python3 scripts/inline-widget-glue.py crates/widget/js/widget.js "$stage/tokenlens_widget.js" \
  crates/widget/js/integrity.js "$stage/digests.json" "$stage/widget.js" "$published_minutes"
rm "$stage/tokenlens_widget.js" "$stage/digests.json"

# Subresource Integrity values: what a page pins in <script integrity=…> (widget.js),
# and those widget.js checks itself.
{
  printf '{\n'
  printf '  "widget.js": "%s",\n' "$(sri "$stage/widget.js")"
  printf '  "tokenlens_widget_bg.wasm": "%s",\n' "$(sri "$stage/tokenlens_widget_bg.wasm")"
  printf '  "data/snapshot.json": "%s",\n' "$(sri "$stage/data/snapshot.json")"
  printf '  "data/history.json": "%s"\n' "$(sri "$stage/data/history.json")"
  printf '}\n'
} >"$stage/sri.json"

rm -rf "$out"
mv "$stage" "$out"
[ -z "${recipe:-}" ] || printf '%s\n' "$recipe" >target/widget-data.recipe

raw=0
gz=0
for f in widget.js tokenlens_widget_bg.wasm; do
  r=$(stat -c %s "$out/$f")
  g=$(gzip -9 -c "$out/$f" | wc -c)
  echo "build-widget: $out/$f ${r} bytes raw, ${g} bytes gzip"
  raw=$((raw + r))
  gz=$((gz + g))
done
echo "build-widget: widget JS + wasm ${raw} bytes raw, ${gz} bytes gzip (budget ${budget})"
echo "build-widget: widget.js integrity $(sri "$out/widget.js")"
if [ "$gz" -gt "$budget" ]; then
  echo "build-widget: over the size budget" >&2
  exit 1
fi

if [ -n "$copy_to" ]; then
  rm -rf "$copy_to"
  mkdir -p "$copy_to"
  cp -r "$out/." "$copy_to/"
fi

#!/usr/bin/env bash
# The site's bundled data, web/assets/{snapshot,names,history,overview,market-now}.json,
# web/assets/tokens/*.json and
# web/data/latest.json (what the data is, and how long its market list stands in for the
# providers'): the trunk pre_build hook. Built by the CLI, never by hand:
#   - by default from the recorded real data in data/sources (what the repository ships);
#   - with TOKENLENS_SITE_DATA=DIR (scripts/publish-site.sh), from data fetched into DIR:
#     snapshot.json (the market list), daily.csv (daily closes, one column per symbol)
#     and sources.txt (one provenance line per source); TOKENLENS_SITE_REFRESH_MINUTES
#     (default 1440) is how often that data is published again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cli=(cargo run --quiet -p tokenlens-cli --)

sources=()
latest=()
if [ -n "${TOKENLENS_SITE_DATA:-}" ]; then
  dir="$TOKENLENS_SITE_DATA"
  for f in snapshot.json daily.csv sources.txt; do
    [ -s "$dir/$f" ] || { echo "site-data: $dir/$f is missing or empty" >&2; exit 1; }
  done
  cp "$dir/snapshot.json" web/assets/snapshot.json
  latest=(--snapshot web/assets/snapshot.json --refresh-minutes "${TOKENLENS_SITE_REFRESH_MINUTES:-1440}")
  daily="$dir/daily.csv"
  while IFS= read -r line; do
    [ -n "$line" ] && sources+=(--source "$line")
  done <"$dir/sources.txt"
else
  "${cli[@]}" snapshot --markets data/sources/coingecko_coins_markets_usd_250_2023-07-28.json \
    --source "CoinGecko /coins/markets (top 250 by market cap)" --out web/assets/snapshot.json
  daily=data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv
  sources=(--source "Binance spot closes of 401 USDT pairs (daily: the 23:00 UTC hourly close)")
fi
# The site grades daily closes only, so the history carries no hourly table (it would
# double the screener's download). The market page reads the overview of these closes
# (breadth by date, narrative returns) and the screener's rows of their last date (its
# offline list) instead of the whole history, a token page its own part of the history
# (web/assets/tokens/<SYMBOL>.json: its closes and BTC's); every page names the
# history's date.
# The coin list's names alone, for every page that names a token (not its market figures).
"${cli[@]}" names --snapshot web/assets/snapshot.json --out web/assets/names.json
mkdir -p web/data
"${cli[@]}" history --daily-close "$daily" "${sources[@]}" --out web/assets/history.json \
  --overview-out web/assets/overview.json --market-out web/assets/market-now.json \
  --tokens-out web/assets/tokens \
  --latest-out web/data/latest.json "${latest[@]}"

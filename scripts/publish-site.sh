#!/usr/bin/env bash
# Builds the release site with market data fetched now, ready to upload to any static
# host (the deploy workflow, .github/workflows/site.yml, only calls this):
#   1. installs what is missing (scripts/setup.sh);
#   2. fetches the market list and the daily closes of its first --tokens coins with
#      `tokenlens snapshot --fetch`, by the browser's rules (rate limits, retries,
#      Retry-After, CoinGecko then CoinPaprika, Binance then Coinbase; a CoinGecko key only
#      from COINGECKO_API_KEY);
#   3. refuses to go on when nothing usable came back, or when the data is older than
#      the copy published now (--published): the host keeps serving the last good site;
#   4. builds the site on that data (scripts/site-data.sh reads TOKENLENS_SITE_DATA) into
#      a fresh directory and only then replaces --out with it.
# Exit status 1 with the reason on standard error when anything fails; --out is then
# left as it was.
#
# Usage: scripts/publish-site.sh [--out DIR] [--public-url PATH] [--published URL|DIR]
#                                [--tokens N] [--pages N] [--refresh-minutes N] [--replay URL]
#   --out DIR         where the site goes (default _site)
#   --public-url P    the path the site is served under (default /)
#   --published X     the site online now (URL or directory): its data/latest.json date
#                     must not be later than the fetched data's
#   --refresh-minutes N  how often this job runs (default 1440): browsers use the
#                     published market list instead of asking providers until it is
#                     that old
#   --tokens N        coins whose daily history is fetched and graded (default 250)
#   --pages N         CoinGecko market pages of 250 coins (default 4)
#   --replay URL      a replay server instead of the providers (tests; no key is sent)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

out=_site public_url=/ published="" tokens=250 pages=4 replay=() refresh_minutes=1440
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --public-url) public_url="${2:?--public-url needs a path}"; shift 2 ;;
    --published) published="${2:-}"; shift 2 ;;
    --tokens) tokens="${2:?--tokens needs a number}"; shift 2 ;;
    --pages) pages="${2:?--pages needs a number}"; shift 2 ;;
    --refresh-minutes) refresh_minutes="${2:?--refresh-minutes needs a number}"; shift 2 ;;
    --replay) replay=(--replay "${2:?--replay needs a URL}"); shift 2 ;;
    *) echo "publish-site: unknown argument $1 (see the usage at the top of this script)" >&2; exit 2 ;;
  esac
done
fail() { echo "publish-site: $*; nothing was published" >&2; exit 1; }

bash scripts/setup.sh --site
work="$(mktemp -d)"
trap 'rm -rf "$work" "$out.next"' EXIT

# 2. The data.
cargo build --quiet -p tokenlens-cli
target/debug/tokenlens snapshot --fetch --pages "$pages" "${replay[@]}" --out "$work/snapshot.json" \
  --history-out "$work/history.json" --history-tokens "$tokens" \
  || fail "the providers gave no usable market list or history"

# 3. Usable, and not older than what is online.
as_of="$(node -e '
  const fs = require("node:fs");
  const [snapshotPath, historyPath, csvPath, sourcesPath] = process.argv.slice(1);
  const snapshot = JSON.parse(fs.readFileSync(snapshotPath, "utf8"));
  const history = JSON.parse(fs.readFileSync(historyPath, "utf8"));
  if (!Array.isArray(snapshot.tokens) || snapshot.tokens.length === 0) throw new Error("the market list is empty");
  const { daily } = history;
  const filled = daily.closes.filter((c) => c.filter((v) => v !== null).length >= 30).length;
  if (filled === 0) throw new Error("no coin has 30 days of closes");
  import(require("node:path").resolve("scripts/history-csv.mjs")).then(({ dailyCsv }) => {
    fs.writeFileSync(csvPath, dailyCsv(history));
    fs.writeFileSync(sourcesPath, `${[snapshot.source, ...history.sources].join("\n")}\n`);
    console.log(history.as_of);
  });
' "$work/snapshot.json" "$work/history.json" "$work/daily.csv" "$work/sources.txt")" \
  || fail "the fetched data is not usable"
echo "publish-site: fetched data as of $as_of"
if [ -n "$published" ]; then
  online="$(node -e '
    const where = process.argv[1].replace(/\/?$/, "/") + "data/latest.json";
    const read = /^https?:/.test(where)
      ? fetch(where, { signal: AbortSignal.timeout(30000) }).then((r) => (r.ok ? r.text() : r.status === 404 ? "" : Promise.reject(new Error(`HTTP ${r.status}`))))
      : Promise.resolve(require("node:fs").existsSync(where) ? require("node:fs").readFileSync(where, "utf8") : "");
    read.then((t) => console.log(t ? JSON.parse(t).as_of : ""), (e) => { console.error(e.message); process.exit(1); });
  ' "$published")" || fail "could not read the date of the published site at $published"
  if [ -n "$online" ] && [[ "$as_of" < "$online" ]]; then
    fail "the fetched data ($as_of) is older than the published site's ($online)"
  fi
  echo "publish-site: the published site's data is as of ${online:-(none yet)}"
fi

# 4. The site on that data, then swapped in.
rm -rf "$out.next"
TOKENLENS_SITE_DATA="$work" TOKENLENS_SITE_REFRESH_MINUTES="$refresh_minutes" trunk build --release --public-url "$public_url" --dist "$out.next"
[ -f "$out.next/index.html" ] || fail "the build left no index.html"
built="$(node -p 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).as_of' "$out.next/data/latest.json")"
[ "$built" = "$as_of" ] || fail "the built site says $built, the fetched data $as_of"
rm -rf "$out"
mv "$out.next" "$out"
echo "publish-site: the site with data as of $as_of is in $out"

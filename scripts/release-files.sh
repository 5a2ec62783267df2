#!/usr/bin/env bash
# The files of a release, from the built package (scripts/build-pkg.sh, then
# scripts/build-widget.sh --copy-to pkg/widget), into DIR:
#   DIR/files/tokenlens-wasm-VERSION.tgz            the npm package as `npm publish` sends it
#   DIR/files/tokenlens-widget-VERSION.tar.gz  the widget to self-host (widget.js with its glue,
#                                              wasm, types and bundled data)
#   DIR/files/widget.js, tokenlens_widget_bg.wasm   the same, loose, for pinning with
#                                              <script integrity=…> (widget.js checks the wasm)
#   DIR/files/sri.json                         their sha384 integrity values
#   DIR/files/SHA256SUMS                       sha256 of every file above (`sha256sum -c`)
#   DIR/NOTES.md                               this version's CHANGELOG section (or Unreleased)
# Then `npm publish --dry-run` of pkg/: what would be published, checked without publishing.
# Usage: scripts/release-files.sh DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

dir="${1:?usage: scripts/release-files.sh DIR}"
[ -f pkg/package.json ] || { echo "release-files: pkg/ is not built (scripts/build-pkg.sh)" >&2; exit 1; }
[ -f pkg/widget/widget.js ] || { echo "release-files: pkg/widget is missing (scripts/build-widget.sh --copy-to pkg/widget)" >&2; exit 1; }
version="$(node -p "require('./pkg/package.json').version")"

rm -rf "$dir"
mkdir -p "$dir/files"
(cd "$dir/files" && npm pack "$TOKENLENS_ROOT/pkg" --silent >/dev/null)
[ -f "$dir/files/tokenlens-wasm-$version.tgz" ] || { echo "release-files: npm pack gave no tokenlens-wasm-$version.tgz" >&2; exit 1; }
tar -czf "$dir/files/tokenlens-widget-$version.tar.gz" -C pkg widget
cp pkg/widget/widget.js pkg/widget/tokenlens_widget_bg.wasm pkg/widget/sri.json "$dir/files/"
(cd "$dir/files" && sha256sum -- * > SHA256SUMS)

# This version's section of the changelog, else the unreleased one.
notes() {
  awk -v want="$1" '
    /^## \[/ { on = index($0, "[" want "]") > 0; next }
    on { print }' CHANGELOG.md
}
{
  echo "tokenlens $version"
  echo
  body="$(notes "$version")"
  [ -n "$body" ] || body="$(notes Unreleased)"
  echo "$body"
} > "$dir/NOTES.md"

# What `npm publish` would send, without sending it: fails on a broken package.json,
# a missing file of `files`, or a version npm refuses.
npm publish ./pkg --dry-run --ignore-scripts 2>"$dir/publish-dry-run.log" \
  || { cat "$dir/publish-dry-run.log" >&2; echo "release-files: npm publish --dry-run failed" >&2; exit 1; }
echo "release-files: tokenlens $version: $(ls "$dir/files" | wc -l) files in $dir/files, npm publish --dry-run passed"

#!/usr/bin/env python3
"""Write the site's service worker (web/sw.js, filled in) into a built site.

PRECACHE lists every file a page needs offline: index.html, the boot loader, the
stylesheet, theme.js, the manifest and icon, the whole app's JS and wasm, and the bundled
data (assets/*.json, data/latest.json). The one-page builds (market-, screener-, token-)
are not listed: offline, the boot loader falls back to the whole app, which serves every
page, so a first visit does not download three more builds for the offline copy (they
are cached when a page the worker controls loads them). The widget (widget/, built by a hook running beside this one) is
cached when a page first loads it. VERSION is a hash of the listed files' names and
contents, so a build that changes any of them is a new version, which browsers pick up
in the background (the page then offers to reload).

Run by scripts/build-entries.sh after the boot loader is written, on the output
being assembled, or on a directory given as the first argument.
"""

import hashlib
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# The one-page builds of scripts/build-entries.sh.
ONE_PAGE = re.compile(r"^(market|screener|token)-[0-9a-f]+(_bg\.wasm|\.js)$")


def listed(out_dir: str) -> list[str]:
    files = []
    for entry in sorted(os.listdir(out_dir)):
        path = os.path.join(out_dir, entry)
        if os.path.isfile(path) and entry not in ("sw.js", "_headers") and not ONE_PAGE.match(entry):
            files.append(entry)
    for folder in ("assets", "data"):
        path = os.path.join(out_dir, folder)
        if os.path.isdir(path):
            files += [f"{folder}/{f}" for f in sorted(os.listdir(path)) if f.endswith(".json")]
    return files


def write(out_dir: str) -> None:
    files = listed(out_dir)
    if "index.html" not in files:
        sys.exit("service-worker: no index.html in the build")
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.encode() + b"\0")
        with open(os.path.join(out_dir, f), "rb") as fh:
            digest.update(hashlib.sha256(fh.read()).digest())
    with open(os.path.join(ROOT, "web", "sw.js"), encoding="utf-8") as fh:
        template = fh.read()
    body = template.replace("'__VERSION__'", json.dumps(digest.hexdigest()[:16])).replace(
        "__PRECACHE__", json.dumps(files)
    )
    if "__VERSION__" in body or "__PRECACHE__" in body:
        sys.exit("service-worker: web/sw.js lacks a placeholder")
    with open(os.path.join(out_dir, "sw.js"), "w", encoding="utf-8") as fh:
        fh.write(body)
    print(f"service-worker: sw.js version {digest.hexdigest()[:16]}, {len(files)} files precached")


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not target:
        sys.exit("usage: service-worker.py DIST_DIR")
    write(target)

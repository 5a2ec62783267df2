#!/usr/bin/env python3
"""Move trunk's inline module loader out of index.html into its own file.

The site ships a Content-Security-Policy of `script-src 'self'`, which forbids
inline scripts. trunk writes its wasm loader as an inline <script type="module">,
so after each build this replaces it with <script type="module" src="...">
pointing at a content-hashed file beside index.html. Runs as a trunk post_build
hook (TRUNK_STAGING_DIR is the output being assembled) or on a directory given
as the first argument.
"""

import hashlib
import os
import re
import sys


def externalize(out_dir: str) -> None:
    index = os.path.join(out_dir, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    pattern = re.compile(r'<script type="module"(?: nonce="[^"]*")?>(.*?)</script>', re.S)
    scripts = pattern.findall(html)
    if not scripts:
        if 'src="boot-' in html:
            return  # already done
        sys.exit("externalize-loader: no inline module script in index.html")
    if len(scripts) > 1:
        sys.exit("externalize-loader: more than one inline module script; refusing to guess")
    body = scripts[0].strip() + "\n"
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
        f.write(body)
    html = pattern.sub(f'<script type="module" src="./{name}"></script>', html, count=1)
    if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
        sys.exit("externalize-loader: an inline script is left in index.html")
    if re.search(r"\sstyle=", html):
        sys.exit("externalize-loader: an inline style attribute is left in index.html")
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not target:
        sys.exit("usage: externalize-loader.py DIST_DIR")
    externalize(target)

#!/usr/bin/env python3
"""Replace trunk's inline module loader with the site's boot loader file.

The site ships a Content-Security-Policy of `script-src 'self'`, which forbids
inline scripts. trunk writes its wasm loader as an inline <script type="module">
(and preloads the whole app's module); after each build this replaces both
with one <script type="module" src="boot-<hash>.js"> beside index.html.

The boot loader picks the app by route: the first page a tab opens at `/`,
`/screener` or `/token/<SYMBOL>` loads that page's own app built by
scripts/build-entries.sh (market-<hash>.js, screener-… and token-…), about
60 % of the whole app's size; every other route, and every later page of the
tab, loads the whole app. A one-page app reloads the page when the visitor
leaves it, so the whole app then takes over.

Run by scripts/build-entries.sh (a trunk post_build hook) on the output
being assembled, or on a directory given as the first argument
(TRUNK_STAGING_DIR without one).
"""

import glob
import hashlib
import json
import os
import re
import sys

BOOT = """// The site's boot loader (scripts/externalize-loader.py): the first page a tab
// opens at `/`, `/screener` or `/token/…` loads that page's own app (a fraction of
// the whole app); every other page, and every later page of the tab (the one-page
// apps reload to leave their page), the whole app.
const base = new URL(document.baseURI).pathname;
const here = location.pathname;
const path = here.startsWith(base) ? here.slice(base.length) : here === base.replace(/\\/$/, '') ? '' : null;
const page =
  path === '' || path === 'index.html' ? 'market'
  : path === 'screener' || path === 'screener/' ? 'screener'
  : path !== null && /^token\\/[^/]+\\/?$/.test(path) ? 'token'
  : null;
let first = true;
try {
  first = !sessionStorage.getItem('tokenlens.opened');
  sessionStorage.setItem('tokenlens.opened', '1');
} catch {
  // No storage (a privacy mode): the page's own app every time.
}
const PAGES = PAGES_JSON;
const APP = [APP_JS, APP_WASM];
// The module and its wasm download side by side; an answer that is not the file fails.
const fetchApp = async ([js, wasm]) => {
  const download = fetch(wasm).then((r) => {
    if (!r.ok) throw new Error(`${wasm}: ${r.status}`);
    return r;
  });
  download.catch(() => {}); // handled below, or dropped when the module fails first
  const bindings = await import(js);
  return { bindings, download: await download };
};
let app;
if (first && page) {
  try {
    app = await fetchApp(PAGES[page]);
  } catch (e) {
    // The page's own build cannot be had (offline, where the service worker keeps the
    // whole app only): the whole app instead.
    console.warn('tokenlens: loading the whole app:', e.message);
    app = await fetchApp(APP);
  }
} else {
  app = await fetchApp(APP);
}
const { bindings } = app;
const instance = await bindings.default({ module_or_path: app.download });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));

// Offline after one visit: the service worker (sw.js, scripts/service-worker.py). A new
// version installs in the background and waits; the visitor is offered to reload.
if ('serviceWorker' in navigator) {
  let accepted = false;
  const offer = (worker) => {
    if (document.querySelector('.update-banner')) return;
    const bar = document.createElement('div');
    bar.className = 'update-banner';
    bar.setAttribute('role', 'status');
    bar.append('A new version of tokenlens is ready. ');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', () => {
      accepted = true;
      button.disabled = true;
      worker.postMessage('activate');
    });
    bar.append(button);
    document.body.append(bar);
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
  });
  navigator.serviceWorker.register(base + 'sw.js', { scope: base }).then(
    (registration) => {
      // (None where the browser refuses workers, as automated ones may.)
      if (!registration) return;
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
        });
      });
    },
    (e) => console.warn('tokenlens: no offline copy:', e.message),
  );
}
"""


# The pages with an app of their own (scripts/build-entries.sh).
PAGES = ("market", "screener", "token")


def fail(message: str) -> None:
    sys.exit(f"externalize-loader: {message}")


def externalize(out_dir: str) -> None:
    index = os.path.join(out_dir, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    pattern = re.compile(r'<script type="module"(?: nonce="[^"]*")?>(.*?)</script>', re.S)
    scripts = pattern.findall(html)
    if not scripts:
        if 'src="./boot-' in html:
            return  # already done
        fail("no inline module script in index.html")
    if len(scripts) > 1:
        fail("more than one inline module script; refusing to guess")
    trunk = scripts[0]
    app_js = re.search(r"""import init, \* as bindings from '([^']+\.js)'""", trunk)
    app_wasm = re.search(r"""module_or_path: '([^']+\.wasm)'""", trunk)
    if not app_js or not app_wasm:
        fail("trunk's loader has a form this script does not know")
    prefix = app_js.group(1).rsplit("/", 1)[0] + "/"
    pages = {}
    for page in PAGES:
        found = [os.path.basename(p) for p in glob.glob(os.path.join(out_dir, f"{page}-*.js"))]
        if len(found) != 1:
            fail(f"expected one {page}-*.js from build-entries.sh, found {found}")
        wasm = found[0][: -len(".js")] + "_bg.wasm"
        if not os.path.exists(os.path.join(out_dir, wasm)):
            fail(f"{wasm} is missing")
        pages[page] = [prefix + found[0], prefix + wasm]
    body = (
        BOOT.replace("PAGES_JSON", json.dumps(pages))
        .replace("APP_JS", json.dumps(app_js.group(1)))
        .replace("APP_WASM", json.dumps(app_wasm.group(1)))
    )
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
        f.write(body)
    html = pattern.sub(f'<script type="module" src="./{name}"></script>', html, count=1)
    # trunk preloads the whole app; the boot loader fetches the app it picks.
    html = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", html)
    if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
        fail("an inline script is left in index.html")
    if re.search(r"\sstyle=", html):
        fail("an inline style attribute is left in index.html")
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not target:
        sys.exit("usage: externalize-loader.py DIST_DIR")
    externalize(target)

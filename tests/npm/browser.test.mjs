// The packed package in headless Chromium: bundled by Vite 7, loaded with no
// bundler under a strict CSP, and the README examples run as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launch, openPage } from '../support/browser.mjs';
import { packAndInstall, root } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let project;
let browser;

before(async () => {
  project = packAndInstall('tokenlens-browser-');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

async function resultOf(dir) {
  const server = await serveStatic(dir);
  try {
    const { context, page, problems, offsite } = await openPage(browser, server.url);
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'loading', null, {
      timeout: 20_000,
    });
    const text = await page.locator('#result').textContent();
    await context.close();
    return { text, problems, offsite };
  } finally {
    await server.close();
  }
}

test('a Vite 7 app bundles the package and computes in Chromium', async () => {
  const app = join(project, 'vite-app');
  cpSync(join(here, 'vite-app'), app, { recursive: true });
  // The app resolves `tokenlens` from the consumer project's node_modules.
  execFileSync('node', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs'], {
    cwd: app,
    stdio: 'pipe',
    env: { ...process.env, NODE_PATH: join(project, 'node_modules') },
  });
  const { text, problems, offsite } = await resultOf(join(app, 'dist'));
  const result = JSON.parse(text);
  assert.equal(result.cls, 'large');
  assert.equal(result.sma, 149.5); // mean of 140 … 159
  assert.equal(result.rsi, 100); // only gains
  assert.equal(result.streamedRsi, 100); // the same, streamed, from tokenlens-wasm/indicators
  assert.deepEqual(problems, []);
  assert.deepEqual(offsite, []);
});

test('a plain module page loads it with no bundler under a strict CSP', async () => {
  const site = join(project, 'plain-page');
  cpSync(join(here, 'plain-page'), site, { recursive: true });
  cpSync(join(project, 'node_modules/tokenlens-wasm'), join(site, 'tokenlens'), { recursive: true });
  const { text, problems } = await resultOf(site);
  assert.deepEqual(JSON.parse(text), {
    cap: { value: 6e9, source: 'implied', class: 'mid' },
    ema: [null, 3, 5, 7],
    macdKeys: ['macd', 'signal', 'histogram'],
  });
  assert.deepEqual(problems, []);
});

/**
 * The ```js blocks of a README as a browser module: `from 'tokenlens-wasm'` points
 * at the package, and each `EXPR; // → VALUE` line checks that EXPR gives VALUE
 * (compared as JSON, so NaN reads as null).
 */
function examplesModule(readme) {
  const blocks = [...readFileSync(readme, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0, `${readme} has no js examples`);
  let checks = 0;
  const body = blocks
    .map((block, b) =>
      block
        .replace(/from 'tokenlens-wasm'/g, "from './tokenlens/index.js'")
        .replace(/from 'tokenlens-wasm\/indicators'/g, "from './tokenlens/indicators.js'")
        .replace(/from 'tokenlens-wasm\/evaluation'/g, "from './tokenlens/evaluation.js'")
        .split('\n')
        .map((line, i) => {
          const m = line.match(/^(.*);\s*\/\/ → (.*)$/);
          if (!m) return line;
          checks += 1;
          const statements = m[1].split(';');
          const expr = statements.pop();
          const where = JSON.stringify(`block ${b + 1}, line ${i + 1}: ${m[1].trim()}`);
          return `${statements.join(';')}${statements.length ? ';' : ''} __check(${expr}, ${JSON.stringify(m[2])}, ${where});`;
        })
        .join('\n'),
    )
    .join('\n');
  const header = `const __failures = [];
function __check(actual, expected, where) {
  const got = JSON.stringify(actual);
  const want = JSON.stringify(JSON.parse(expected));
  if (got !== want) __failures.push(where + ': got ' + got + ', expected ' + want);
}
`;
  const footer = `\ndocument.getElementById('result').textContent = JSON.stringify({ checks: ${checks}, failures: __failures });\n`;
  // Imports must come first in a module.
  const imports = body.split('\n').filter((l) => l.startsWith('import '));
  const rest = body.split('\n').filter((l) => !l.startsWith('import '));
  return { source: imports.join('\n') + '\n' + header + rest.join('\n') + footer, checks };
}

for (const readme of ['README.md', 'crates/wasm/npm/README.md']) {
  test(`the examples in ${readme} give the values they show`, async () => {
    const site = join(project, 'examples-' + readme.replace(/\W/g, '_'));
    mkdirSync(site, { recursive: true });
    cpSync(join(project, 'node_modules/tokenlens-wasm'), join(site, 'tokenlens'), { recursive: true });
    const { source, checks } = examplesModule(join(root, readme));
    assert.ok(checks >= 3, `${readme}: only ${checks} checked lines`);
    writeFileSync(join(site, 'main.js'), source);
    writeFileSync(
      join(site, 'index.html'),
      '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script><output id="result">loading</output>',
    );
    const { text, problems } = await resultOf(site);
    const result = JSON.parse(text);
    assert.deepEqual(result.failures, []);
    assert.equal(result.checks, checks);
    assert.deepEqual(problems, []);
  });
}

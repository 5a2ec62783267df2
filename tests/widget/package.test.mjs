// The widget as the npm package ships it: `tokenlens-wasm/widget` resolves to the
// built element, its data and integrity values, and types a strict
// TypeScript consumer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAndInstall, root } from '../npm/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let project;

before(() => {
  assert.ok(existsSync(join(root, 'pkg/widget/widget.js')), 'pkg/widget is missing: run scripts/build-widget.sh --copy-to pkg/widget');
  project = packAndInstall('tokenlens-widget-consumer-');
  cpSync(join(here, 'consumer'), project, { recursive: true });
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('tokenlens-wasm/widget resolves to the built element with its wasm, data and SRI values', () => {
  const resolved = execFileSync('node', ['--input-type=module', '-e', "console.log(import.meta.resolve('tokenlens-wasm/widget'))"], {
    cwd: project,
    encoding: 'utf8',
  }).trim();
  assert.match(resolved, /node_modules\/tokenlens-wasm\/widget\/widget\.js$/);
  const dir = join(project, 'node_modules/tokenlens-wasm/widget');
  assert.deepEqual(readdirSync(dir).sort(), ['data', 'sri.json', 'tokenlens_widget_bg.wasm', 'widget.d.ts', 'widget.js']);
  assert.deepEqual(readdirSync(join(dir, 'data')).sort(), ['history.json', 'snapshot.json']);
  const sri = JSON.parse(execFileSync('cat', [join(dir, 'sri.json')], { encoding: 'utf8' }));
  const digest = execFileSync('openssl', ['dgst', '-sha384', '-binary', join(dir, 'widget.js')]).toString('base64');
  assert.equal(sri['widget.js'], `sha384-${digest}`);
});

test('a strict TypeScript consumer gets the element, its properties and events typed', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync('node', [tsc, '-p', join(project, 'tsconfig.json')], { cwd: project, encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc found type errors:\n${e.stdout}${e.stderr}`);
  }
});

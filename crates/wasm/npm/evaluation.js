// The `tokenlens-wasm/evaluation` entry: the walk-forward evaluation (`evaluate`)
// in a module of its own, so that the main entry does not carry it. Its
// errors are the package's one `TokenlensError` class (scripts/build-pkg.sh
// points the module at the shared snippets and writes their real folder).
import { TokenlensError } from './snippets/tokenlens-wasm/js/errors.js';

export * from './evaluation/tokenlens.js';
export { default } from './evaluation/tokenlens.js';
export { TokenlensError };

// Types of the `tokenlens-wasm/evaluation` entry (see evaluation.js).
export * from './evaluation/tokenlens.js';
export { default } from './evaluation/tokenlens.js';
export { TokenlensError } from './index.js';
export type { TokenlensErrorCode } from './index.js';

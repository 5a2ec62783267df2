/** The error every tokenlens function throws: an `Error` with a stable `code`. */
export class TokenlensError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'TokenlensError';
    this.code = code;
  }
}

// Deprecated spellings still accepted for one release: each warns once per
// module instance, so that a call in a loop does not flood the console.
const warned = new Set();

/** Warns once that option `old` is deprecated in favour of `replacement`. */
export function deprecatedOption(old, replacement) {
  if (warned.has(old)) return;
  warned.add(old);
  console.warn(`tokenlens: option \`${old}\` is deprecated and goes in the next major release; write \`${replacement}\``);
}

/** The error every tokenlens function throws: an `Error` with a stable `code`. */
export class TokenlensError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'TokenlensError';
    this.code = code;
  }
}

/** The file name user code runs under: stack frames in it give the user's line numbers. */
export const USER_CODE_FILENAME = 'guixu-code';

/** Wraps user code so line 1 of the user's code is line 1 in stack traces (`lineOffset: -1`). */
export function wrapUserCode(code: string): string {
  const isAsync = /\bawait\b/.test(code);
  return `(function () { return ${isAsync ? 'async ' : ''}function () {\n${code}\n}; })`;
}

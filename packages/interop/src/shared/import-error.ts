import { GuixuError } from '@guixu/core';

/** A file that cannot be imported at all: bad syntax, wrong top-level shape, unknown version. */
export function invalidFile(
  fileName: string | undefined,
  problem: string,
  details?: Record<string, unknown>,
) {
  const where = fileName ? `"${fileName}"` : 'The file';
  return new GuixuError('IMPORT_INVALID_FILE', `${where} cannot be imported: ${problem}`, {
    details: { fileName: fileName ?? null, problem, ...details },
    description:
      'Export the workflow again from its source application and import the exported file as it is.',
  });
}

import { GuixuError } from '@guixu/core';
import { z } from 'zod';

/** Keyset position: the sort key (and which sort it belongs to) and the id of the last row served. */
const cursorSchema = z.object({ s: z.string(), v: z.union([z.string(), z.number()]), id: z.string() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a client's cursor; anything not made by `encodeCursor` for this sort is a 400. */
export function decodeCursor(text: string, sort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.s !== sort) {
    throw new GuixuError(
      'CURSOR_INVALID',
      'Invalid cursor: pass back the nextCursor of the previous page unchanged',
      {
        details: { parameter: 'cursor' },
      },
    );
  }
  return result.data;
}

import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * The one cursor format of every list: the ordering it was made for and the sort keys of the last row returned,
 * as base64url JSON. Opaque to clients; the server checks both parts on the way back, so a cursor of another list
 * or order, or a tampered one, is refused with the same plain error.
 */
export type CursorKey = number | string;
const cursorShape = z.strictObject({ by: z.string().max(20), after: z.array(z.union([z.number().int(), z.string().max(40)])).min(1).max(3) });

export function encodeCursor(by: string, after: CursorKey[]): string {
  return encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify({ by, after })));
}

const refused = (why = 'Invalid cursor') => new DomainError('BAD_REQUEST', `cursor: ${why === 'Invalid cursor' ? 'not a cursor this list returned' : why.toLowerCase()}`, { cursor: [why] });

/**
 * The keys of a cursor made for one of the orderings `by`, with the kinds it must hold ('number' or 'string' per key).
 */
export function decodeCursor<const K extends readonly ('number' | 'string')[]>(
  cursor: string,
  by: readonly string[],
  kinds: K,
): { by: string; after: { [I in keyof K]: K[I] extends 'number' ? number : string } } {
  let parsed: z.infer<typeof cursorShape>;
  try {
    const result = cursorShape.safeParse(JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(cursor))));
    if (!result.success) throw refused();
    parsed = result.data;
  } catch {
    throw refused();
  }
  if (!by.includes(parsed.by)) throw refused('Belongs to another sort order');
  if (parsed.after.length !== kinds.length || parsed.after.some((key, i) => typeof key !== kinds[i])) throw refused();
  return parsed as never;
}

import type { z } from 'zod';
import { DomainError } from './errors.ts';

/** Cursors are opaque to clients: base64url of a small JSON object whose shape the server validates on the way back. */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor<T>(schema: z.ZodType<T>, cursor: string): T {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed = schema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: any undecodable cursor is the same client error
  }
  throw new DomainError('BAD_REQUEST', 'cursor: not a cursor this list returned', { cursor: ['Invalid cursor'] });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

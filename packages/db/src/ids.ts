import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** 120 random bits in lower-case base32: unguessable, URL-safe, 24 characters. */
export function newId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

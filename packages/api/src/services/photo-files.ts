import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError, LIMITS, invalidInput, megabytes, uploadPhotoFields } from '@carparts/domain';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';

/** The bytes of a photo: what an upload must be, how it is cleaned and re-encoded, and where its files live. */
export const MAX_PHOTO_BYTES = LIMITS.photoBytes;
const FULL_SIZE = 1600;
const THUMB_SIZE = 480;

/** The only formats we take, by what the bytes are; anything else (SVG, HTML, GIF, PDF…) is refused before decoding. */
const ACCEPTED_TYPES: Record<string, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

async function sniffImageType(bytes: Uint8Array): Promise<'jpeg' | 'png' | 'webp' | null> {
  const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
  return (type && ACCEPTED_TYPES[type.mime]) ?? null;
}

const badImage = (message: string) => new DomainError('BAD_REQUEST', `file: ${message}`, { file: [message] });

/**
 * Decodes, auto-orients and re-encodes an upload as WebP at two sizes. Re-encoding drops every byte of metadata
 * (EXIF GPS included) and anything smuggled after the image data; the pixel cap stops decompression bombs.
 */
export async function processPhoto(bytes: Uint8Array) {
  const sniffed = await sniffImageType(bytes);
  if (!sniffed) throw badImage('Only JPEG, PNG or WebP photos are accepted');
  const options = { limitInputPixels: LIMITS.photoMaxPixels, failOn: 'error' as const };
  const tooManyPixels = () => badImage(`The photo is too large: at most ${LIMITS.photoMaxPixels / 1_000_000} megapixels`);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, options).metadata();
  } catch (error) {
    throw /pixel limit/i.test(String(error)) ? tooManyPixels() : badImage('This file is not a readable image');
  }
  if (meta.format !== sniffed) throw badImage('The file content does not match an accepted image type');
  if (!meta.width || !meta.height) throw badImage('This file is not a readable image');
  if (meta.width * meta.height > LIMITS.photoMaxPixels) throw tooManyPixels();
  try {
    const oriented = () => sharp(bytes, options).rotate();
    const [full, thumb] = await Promise.all([
      oriented().resize({ width: FULL_SIZE, height: FULL_SIZE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true }),
      oriented().resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer(),
    ]);
    return { full: full.data, thumb, width: full.info.width, height: full.info.height };
  } catch (error) {
    throw /pixel limit/i.test(String(error)) ? tooManyPixels() : badImage('This file is not a readable image');
  }
}

export const photoUrl = (key: string, thumb = false) => `/photos/${key}${thumb ? '-t' : ''}.webp`;
export const photoFiles = (dir: string, key: string) => [join(dir, `${key}.webp`), join(dir, `${key}-t.webp`)] as const;

export async function removeFiles(dir: string, key: string) {
  await Promise.all(photoFiles(dir, key).map((f) => unlink(f).catch(() => undefined)));
}


/** Reads a photo upload's FormData: one `file` plus `listingId`, optional `caption`, `angle`, `isPrimary`. */
export function parseUploadForm(form: FormData) {
  const files = form.getAll('file');
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key === 'file') continue;
    if (typeof value !== 'string') throw new DomainError('BAD_REQUEST', `${key}: must be text`, { [key]: ['Must be text'] });
    if (value !== '') fields[key] = value;
  }
  const parsed = uploadPhotoFields.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const [file] = files;
  if (files.length !== 1 || !(file instanceof Blob)) throw badImage('Attach exactly one photo file');
  return { ...parsed.data, isPrimary: parsed.data.isPrimary === 'true', file };
}


/** An upload's size before any decoding: not empty, not over the limit. */
export function assertPhotoSize(file: Blob): void {
  if (file.size === 0) throw badImage('The file is empty');
  if (file.size > MAX_PHOTO_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `file: Photos can be at most ${megabytes(MAX_PHOTO_BYTES)}`, { file: ['Too large'] });
  }
}

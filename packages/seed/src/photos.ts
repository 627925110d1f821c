import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processPhoto } from '@carparts/api';
import { newId } from '@carparts/db';
import type { PartCategory, PhotoAngle } from '@carparts/domain';
import sharp from 'sharp';
import type { Rng } from './catalog.ts';

const PALETTES = [
  ['#1f2937', '#4b5563'],
  ['#0f172a', '#334155'],
  ['#3f3f46', '#71717a'],
  ['#1e3a5f', '#3b6ea5'],
  ['#4a3728', '#8b6b4f'],
];

/** A simple drawing of the kind of part (no text, so no fonts needed), as a studio-like product shot. */
function partDrawing(category: PartCategory, r: Rng): string {
  const [bg1, bg2] = r.pick(PALETTES);
  const metal = r.pick(['#c0c4c8', '#9aa0a6', '#d4d4d8', '#a8a29e']);
  const accent = r.pick(['#dc2626', '#2563eb', '#ca8a04', '#16a34a', '#111827']);
  const shapes: Record<string, string> = {
    wheel: `<circle cx="400" cy="300" r="200" fill="#111"/><circle cx="400" cy="300" r="140" fill="${metal}"/>${Array.from({ length: 5 }, (_, i) => `<rect x="390" y="170" width="20" height="120" fill="#555" transform="rotate(${i * 72} 400 300)"/>`).join('')}<circle cx="400" cy="300" r="30" fill="#333"/>`,
    disc: `<circle cx="400" cy="300" r="190" fill="${metal}"/><circle cx="400" cy="300" r="80" fill="#6b7280"/><rect x="480" y="160" width="120" height="200" rx="30" fill="${accent}"/>`,
    box: `<rect x="220" y="170" width="360" height="230" rx="24" fill="${metal}"/><rect x="260" y="130" width="280" height="60" rx="12" fill="#6b7280"/>${Array.from({ length: 6 }, (_, i) => `<circle cx="${270 + i * 52}" cy="160" r="12" fill="#374151"/>`).join('')}`,
    panel: `<path d="M150 380 Q 200 180 400 170 Q 620 180 660 380 Z" fill="${accent}"/><path d="M200 370 Q 240 220 400 210" stroke="#ffffff55" stroke-width="10" fill="none"/>`,
    lamp: `<path d="M180 220 L620 180 L640 380 L200 400 Z" fill="#e5e7eb"/><circle cx="330" cy="300" r="70" fill="#fde68a"/><circle cx="500" cy="290" r="55" fill="#fef3c7"/>`,
    seat: `<rect x="300" y="120" width="200" height="240" rx="50" fill="#292524"/><rect x="260" y="340" width="280" height="100" rx="40" fill="#44403c"/>`,
  };
  const shape =
    category === 'wheels_tires' ? shapes.wheel :
    category === 'brakes' ? shapes.disc :
    category === 'body_panels' || category === 'glass_mirrors' ? shapes.panel :
    category === 'lighting' ? shapes.lamp :
    category === 'interior' ? shapes.seat : shapes.box;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg1}"/><stop offset="1" stop-color="${bg2}"/></linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/><ellipse cx="400" cy="500" rx="300" ry="40" fill="#00000055"/>${shape}</svg>`;
}

export interface GeneratedPhoto {
  storageKey: string;
  imageUrl: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  bytes: number;
  angle: PhotoAngle;
}

/** Renders a demo photo and runs it through the same pipeline as an upload, then stores it like one. */
export async function generatePhoto(photoDir: string, category: PartCategory, r: Rng): Promise<GeneratedPhoto> {
  const png = await sharp(Buffer.from(partDrawing(category, r))).png().toBuffer();
  const image = await processPhoto(png);
  const key = newId();
  await mkdir(photoDir, { recursive: true });
  await writeFile(join(photoDir, `${key}.webp`), image.full);
  await writeFile(join(photoDir, `${key}-t.webp`), image.thumb);
  return {
    storageKey: key,
    imageUrl: `/photos/${key}.webp`,
    thumbnailUrl: `/photos/${key}-t.webp`,
    width: image.width,
    height: image.height,
    bytes: image.full.byteLength,
    angle: r.pick(['front', 'rear', 'detail', 'label', 'top'] as const),
  };
}

/** Stores an already processed photo again under a new random name, as a second upload of the same image would be. */
export async function copyPhoto(photoDir: string, source: GeneratedPhoto): Promise<GeneratedPhoto> {
  const key = newId();
  await copyFile(join(photoDir, `${source.storageKey}.webp`), join(photoDir, `${key}.webp`));
  await copyFile(join(photoDir, `${source.storageKey}-t.webp`), join(photoDir, `${key}-t.webp`));
  return { ...source, storageKey: key, imageUrl: `/photos/${key}.webp`, thumbnailUrl: `/photos/${key}-t.webp` };
}

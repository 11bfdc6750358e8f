// Prepares a photo taken from disk for storage: decoded in the browser, downscaled so its longest
// side is at most PHOTO_MAX_SIDE and re-encoded as JPEG. A field laptop fills up fast with 12-MP
// originals, and exchange files carry every photo, so the original is kept only on request.
// Browser only (createImageBitmap, OffscreenCanvas or <canvas>).
import type { PreparedImage } from './audits';

export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_JPEG_QUALITY = 0.85;
/** An image already within the size limit is stored as it is when it is no larger than this. */
const KEEP_AS_IS_BYTES = 1_500_000;
const STORABLE_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp']);

export class ImageUnreadableError extends Error {
  constructor(readonly fileName: string) {
    super(`not a readable image: ${fileName}`);
    this.name = 'ImageUnreadableError';
  }
}

/** Width and height scaled so the longest side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2d canvas unavailable');
    ctx.fillStyle = '#fff'; // transparent PNG areas would turn black in a JPEG
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2d canvas unavailable');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '') || 'photo';
  return `${base}.jpg`;
}

export async function prepareImage(
  file: File,
  opts: { keepOriginal: boolean; maxSide?: number; quality?: number },
): Promise<PreparedImage> {
  const maxSide = opts.maxSide ?? PHOTO_MAX_SIDE;
  let bitmap: ImageBitmap;
  try {
    // EXIF orientation applied, so portrait phone photos are stored upright.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageUnreadableError(file.name);
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxSide);
    const fits = size.width === bitmap.width && size.height === bitmap.height;
    const original = opts.keepOriginal ? file : undefined;
    if (fits && STORABLE_AS_IS.has(file.type) && file.size <= KEEP_AS_IS_BYTES) {
      return { name: file.name, blob: file, width: bitmap.width, height: bitmap.height };
    }
    const blob = await encodeJpeg(bitmap, size.width, size.height, opts.quality ?? PHOTO_JPEG_QUALITY);
    return { name: jpegName(file.name), blob, original, ...size };
  } finally {
    bitmap.close();
  }
}

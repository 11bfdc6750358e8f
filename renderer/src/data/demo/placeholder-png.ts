// Small, valid PNG images built from bytes, so demo audits get photos and a drawn signature in
// Node (tests) as well as in the browser: no canvas, no compression library. Pixels go into
// uncompressed ("stored") deflate blocks, which every PNG decoder accepts.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib stream of stored deflate blocks (at most 65,535 bytes each). */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  const view = new DataView(out.buffer);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * 65535, Math.min(data.length, (i + 1) * 65535));
    out[at] = i === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, chunk.length, true);
    view.setUint16(at + 3, ~chunk.length & 0xffff, true);
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
  }
  view.setUint32(at, adler32(data));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** PNG bytes of an 8-bit RGB image; `rgb` holds width × height × 3 bytes, row by row. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (rgb.length !== width * height * 3) throw new RangeError('encodePng: pixel data does not match the size');
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, deflate, no filter, no interlace
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter type None
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Rgb = readonly [number, number, number];

/**
 * A site-photo placeholder: sky over floor with a dark equipment rack, coloured by `seed` so
 * different photos have different bytes (and hashes).
 */
export function placeholderPhoto(seed: number, width = 128, height = 96): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  const hue: Rgb = [(seed * 67) % 200 + 30, (seed * 131) % 200 + 30, (seed * 29) % 200 + 30];
  const rackLeft = Math.floor(width * (0.2 + ((seed * 7) % 40) / 100));
  const rackRight = rackLeft + Math.floor(width / 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      let c: Rgb;
      if (x >= rackLeft && x < rackRight && y > height * 0.15 && y < height * 0.85) {
        // Rack with a row of status lights every 10 pixels.
        c = y % 10 === 0 && x % 6 === 2 ? [60, 220, 90] : [38, 44, 52];
      } else if (y < height * 0.6) {
        c = [Math.min(255, hue[0] + (y >> 1)), Math.min(255, hue[1] + (y >> 1)), Math.min(255, hue[2] + 40)];
      } else {
        c = [150 + ((x + y) % 8), 150 + ((x + y) % 8), 140];
      }
      rgb.set(c, i);
    }
  }
  return encodePng(width, height, rgb);
}

/** A drawn-signature placeholder: a dark-blue stroke on white. */
export function placeholderSignature(width = 240, height = 80): Uint8Array {
  const rgb = new Uint8Array(width * height * 3).fill(255);
  for (let x = 10; x < width - 10; x++) {
    const y = Math.round(height / 2 + Math.sin(x / 9) * (height / 4) * Math.cos(x / 37));
    for (let dy = -1; dy <= 1; dy++) rgb.set([20, 40, 110], ((y + dy) * width + x) * 3);
  }
  return encodePng(width, height, rgb);
}

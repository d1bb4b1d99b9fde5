// Makes the UI driver's screenshots small enough for the repository: Chromium writes 24-bit PNGs
// of about 200 KB for a 1280x800 workbench. A workbench screenshot has a few thousand colours,
// nearly all of them anti-aliasing shades of text, so a 256-colour palette (the most frequent
// colours, plus the rare ones farthest from them, such as a squiggle or an icon) with every other
// colour mapped to its nearest entry looks the same and is 2-3 times smaller. Images that
// already have at most 256 colours are converted losslessly. Node built-ins only.
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Palette entries chosen by frequency; the rest go to the colours farthest from those. */
const BY_FREQUENCY = 224;
const PALETTE_SIZE = 256;

/**
 * A smaller PNG for `png` (8-bit RGB or opaque RGBA, not interlaced), or `png` itself when it
 * cannot be made smaller or is of another kind.
 * @param {Buffer} png
 * @returns {{ data: Buffer, colors: number, lossless: boolean }}
 */
export function shrinkPng(png) {
  const image = decode(png);
  if (!image) return { data: png, colors: 0, lossless: true };
  const { width, height, rgb } = image;
  const counts = new Map();
  for (let i = 0; i < rgb.length; i += 3) {
    const k = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const lossless = counts.size <= PALETTE_SIZE;
  const palette = lossless ? [...counts.keys()] : choosePalette(counts);
  const slot = new Map(palette.map((k, i) => [k, i]));
  const rows = Buffer.alloc(height * (width + 1)); // filter byte 0 (none) per row: best for indexed UI images
  for (let y = 0, p = 0; y < height; y++) {
    rows[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++, p += 3) {
      const k = (rgb[p] << 16) | (rgb[p + 1] << 8) | rgb[p + 2];
      let j = slot.get(k);
      if (j === undefined) {
        j = nearest(palette, k);
        slot.set(k, j);
      }
      rows[y * (width + 1) + 1 + x] = j;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // indexed colour
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((k, i) => {
    plte[i * 3] = k >> 16;
    plte[i * 3 + 1] = (k >> 8) & 255;
    plte[i * 3 + 2] = k & 255;
  });
  const data = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return data.length < png.length ? { data, colors: counts.size, lossless } : { data: png, colors: counts.size, lossless: true };
}

/** The most frequent colours, then greedily the ones farthest from the palette so far. */
function choosePalette(counts) {
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const palette = sorted.slice(0, BY_FREQUENCY).map(([k]) => k);
  // candidates: colours that cover a few pixels at least (not single anti-aliasing pixels)
  const rest = sorted.slice(BY_FREQUENCY).filter(([, n]) => n >= 8).map(([k]) => k);
  const dist = rest.map((k) => distance(k, palette[nearest(palette, k)]));
  while (palette.length < PALETTE_SIZE && rest.length) {
    let far = 0;
    for (let i = 1; i < rest.length; i++) if (dist[i] > dist[far]) far = i;
    if (dist[far] === 0) break;
    const k = rest[far];
    palette.push(k);
    for (let i = 0; i < rest.length; i++) dist[i] = Math.min(dist[i], distance(rest[i], k));
  }
  return palette;
}

function nearest(palette, k) {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < palette.length; i++) {
    const d = distance(k, palette[i]);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/** Weighted squared distance of two 0xRRGGBB colours (green counts most, as the eye sees it). */
function distance(a, b) {
  const dr = (a >> 16) - (b >> 16);
  const dg = ((a >> 8) & 255) - ((b >> 8) & 255);
  const db = (a & 255) - (b & 255);
  return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

/** 8-bit RGB or RGBA (all opaque), not interlaced → { width, height, rgb }; undefined otherwise. */
function decode(png) {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let ihdr;
  const idat = [];
  for (let off = 8; off + 12 <= png.length; ) {
    const length = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + length);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    off += 12 + length;
  }
  if (!ihdr || ihdr[8] !== 8 || ihdr[12] !== 0 || (ihdr[9] !== 2 && ihdr[9] !== 6)) return undefined;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bpp = ihdr[9] === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  if (raw.length < height * (stride + 1)) return undefined;
  const pixels = Buffer.alloc(height * stride);
  const zero = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y ? pixels.subarray((y - 1) * stride, y * stride) : zero;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = v & 255;
    }
  }
  if (bpp === 3) return { width, height, rgb: pixels };
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += 4, j += 3) {
    if (pixels[i + 3] !== 255) return undefined; // transparency would need tRNS: leave it alone
    rgb[j] = pixels[i];
    rgb[j + 1] = pixels[i + 1];
    rgb[j + 2] = pixels[i + 2];
  }
  return { width, height, rgb };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 255] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

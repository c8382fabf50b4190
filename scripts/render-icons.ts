// `npx tsx scripts/render-icons.ts`: renders the app's icons from public/icon.svg (the one source)
// into public/, where they are committed. Run it again after changing the SVG.
//
// - favicon.ico (16, 32, 48 px) for browsers and tools that ask for /favicon.ico;
// - icon-192.png, icon-512.png ("any": the rounded tile, transparent corners) for the web app manifest;
// - icon-maskable-192.png, icon-maskable-512.png: full-bleed brand red with the drawing inside the
//   central 80 % safe zone, so Android may cut any shape out of it;
// - apple-touch-icon.png (180 px, opaque: iOS fills transparency with black and rounds corners itself).
//
// PNGs come from sharp (libvips), which Next.js installs for image optimisation. The .ico container
// is six header fields and a directory of PNG images (PNG-in-ICO, read by every browser since IE 11).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { BRAND_COLOR as BRAND } from "../lib/brand";

const publicDir = join(process.cwd(), "public");
const source = readFileSync(join(publicDir, "icon.svg"));

function tile(size: number): Promise<Buffer> {
  return sharp(source, { density: Math.max(72, (72 * size) / 512) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** The drawing at `scale` of the canvas, centred on an opaque brand-red square. */
async function fullBleed(size: number, scale: number): Promise<Buffer> {
  const inner = Math.round(size * scale);
  const drawing = await tile(inner);
  return sharp({ create: { width: size, height: size, channels: 4, background: BRAND } })
    .composite([{ input: drawing, gravity: "center" }])
    .flatten({ background: BRAND })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An ICO file holding the given PNG images (ICONDIR, one ICONDIRENTRY each, then the PNG bytes). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function main() {
  const outputs: [string, Buffer][] = [
    ["icon-192.png", await tile(192)],
    ["icon-512.png", await tile(512)],
    // The safe zone of a maskable icon is a centred circle of 80 % of the width; the tile's drawing
    // (star and book) stays inside it at 82 % of the canvas.
    ["icon-maskable-192.png", await fullBleed(192, 0.82)],
    ["icon-maskable-512.png", await fullBleed(512, 0.82)],
    ["apple-touch-icon.png", await fullBleed(180, 0.9)],
    ["favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await tile(size) }))))],
  ];
  for (const [name, bytes] of outputs) {
    writeFileSync(join(publicDir, name), bytes);
    console.log(`public/${name}  ${bytes.length} bytes`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

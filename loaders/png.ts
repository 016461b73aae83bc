// PNG encoding and decoding for the data loaders, over pngjs. Images travel to the page
// as PNG sprites because the browser decodes them natively and they compress well.
import {PNG} from "pngjs";

/** Channels per pixel: 1 grey, 3 RGB, 4 RGBA. */
export type Channels = 1 | 3 | 4;

export interface RasterImage {
  width: number;
  height: number;
  channels: Channels;
  /** height × width × channels bytes, row-major, channels interleaved. */
  data: Uint8Array;
}

// PNG colour types (PNG spec, IHDR): 0 grey, 2 RGB, 6 RGBA.
const COLOR_TYPE: Record<Channels, 0 | 2 | 6> = {1: 0, 3: 2, 4: 6};

/**
 * Encodes an 8-bit grey, RGB or RGBA raster as PNG bytes. `filter` is the PNG row filter
 * (0 None … 4 Paeth) or -1 to let pngjs pick the best per row, which is slower.
 */
export function encodePng({width, height, channels, data}: RasterImage, filter = -1): Uint8Array {
  if (data.length !== width * height * channels) {
    const expected = `${width}×${height}×${channels} = ${width * height * channels}`;
    throw new Error(`encodePng: expected ${expected} bytes, got ${data.length}`);
  }
  // Built without a size so that pngjs does not allocate an RGBA buffer we would discard.
  const png = new PNG();
  png.width = width;
  png.height = height;
  png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const type = COLOR_TYPE[channels];
  return PNG.sync.write(png, {colorType: type, inputColorType: type, inputHasAlpha: channels === 4, bitDepth: 8,
    filterType: filter});
}

/** Decodes PNG bytes to an RGBA raster (pngjs expands grey and RGB to RGBA). */
export function decodePng(bytes: Uint8Array): RasterImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return {width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data)};
}

/** Keeps one channel of a raster: e.g. the grey level of a decoded grey PNG. */
export function channel({width, height, channels, data}: RasterImage, index: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; ++i) out[i] = data[i * channels + index];
  return out;
}

export interface SpriteOptions {
  /** count × tileHeight × tileWidth × channels bytes, one tile after another. */
  tiles: Uint8Array;
  count: number;
  tileWidth: number;
  tileHeight: number;
  channels: Channels;
  /** Tiles per sprite row; tile i sits at column i % columns, row ⌊i / columns⌋. */
  columns: number;
}

/** Lays tiles out in a grid; the unused end of the last row stays 0 (black). */
export function packSprite({tiles, count, tileWidth, tileHeight, channels, columns}: SpriteOptions): RasterImage {
  const tileBytes = tileWidth * tileHeight * channels;
  if (tiles.length !== count * tileBytes) {
    const expected = `${count} tiles × ${tileBytes} bytes = ${count * tileBytes}`;
    throw new Error(`packSprite: expected ${expected}, got ${tiles.length}`);
  }
  const {width, height} = spriteSize(count, tileWidth, tileHeight, columns);
  const data = new Uint8Array(width * height * channels);
  const rowBytes = tileWidth * channels;
  for (let i = 0; i < count; ++i) {
    const x0 = (i % columns) * tileWidth;
    const y0 = Math.floor(i / columns) * tileHeight;
    for (let y = 0; y < tileHeight; ++y) {
      const from = i * tileBytes + y * rowBytes;
      data.set(tiles.subarray(from, from + rowBytes), ((y0 + y) * width + x0) * channels);
    }
  }
  return {width, height, channels, data};
}

/** Pixel size of the sprite packSprite makes: as wide as one full row, as tall as the rows used. */
export function spriteSize(count: number, tileWidth: number, tileHeight: number, columns: number) {
  return {
    width: Math.max(1, Math.min(count, columns)) * tileWidth,
    height: Math.max(1, Math.ceil(count / columns)) * tileHeight
  };
}

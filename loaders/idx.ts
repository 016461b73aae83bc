// IDX files, the format MNIST and Fashion-MNIST are distributed in
// (http://yann.lecun.com/exdb/mnist/): a big-endian header — two zero bytes, a data-type
// byte, a dimension count — then one big-endian uint32 per dimension, then the data.
// Only unsigned bytes (type 0x08) occur in these datasets, so only they are read.
import {gunzipSync} from "node:zlib";

/** Magic of an image file: unsigned bytes, 3 dimensions [count, rows, cols]. */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic of a label file: unsigned bytes, 1 dimension [count]. */
export const IDX_LABELS_MAGIC = 0x00000801;

const UNSIGNED_BYTE = 0x08;
const DATA_TYPES: Record<number, string> = {
  0x08: "unsigned byte",
  0x09: "signed byte",
  0x0b: "short",
  0x0c: "int",
  0x0d: "float",
  0x0e: "double"
};

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols grey levels 0–255, row-major, 0 = background. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  count: number;
  /** count class indices. */
  labels: Uint8Array;
}

/** A file that is not the IDX file it should be; the message names the file. */
export class IdxError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = "IdxError";
  }
}

/** Parses an image file ([count, rows, cols] unsigned bytes), raw or gzipped. */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const {shape, data} = parseIdx(bytes, file, IDX_IMAGES_MAGIC);
  const [count, rows, cols] = shape;
  return {count, rows, cols, pixels: data};
}

/** Parses a label file ([count] unsigned bytes), raw or gzipped. */
export function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels {
  const {shape, data} = parseIdx(bytes, file, IDX_LABELS_MAGIC);
  return {count: shape[0], labels: data};
}

/** Checks the header against `magic` and returns the shape and the data bytes. */
export function parseIdx(bytes: Uint8Array, file: string, magic: number): {shape: number[]; data: Uint8Array} {
  const raw = maybeGunzip(bytes, file);
  const dims = magic & 0xff;
  const headerLength = 4 + 4 * dims;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  // The magic first: a wrong file explains itself better than a "short header" would.
  if (raw.length >= 4) checkMagic(view.getUint32(0), magic, file);
  if (raw.length < headerLength) {
    throw new IdxError(file, `truncated header: expected ${headerLength} bytes, found ${raw.length}`);
  }
  const shape: number[] = [];
  for (let i = 0; i < dims; ++i) shape.push(view.getUint32(4 + 4 * i));
  const expected = shape.reduce((a, b) => a * b, 1);
  const found = raw.length - headerLength;
  if (found < expected) {
    throw new IdxError(file, `truncated data: expected ${expected} bytes for shape [${shape}], found ${found}`);
  }
  if (found > expected) {
    const detail = `expected ${expected} bytes for shape [${shape}], found ${found}`;
    throw new IdxError(file, `${found - expected} trailing bytes: ${detail}`);
  }
  // A plain Uint8Array view, not a Buffer, whichever of the two the bytes came in.
  return {shape, data: new Uint8Array(raw.buffer, raw.byteOffset + headerLength, expected)};
}

/** Gunzips `bytes` when they start with the gzip signature 1f 8b; otherwise returns them as they are. */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (bytes.length === 0) throw new IdxError(file, "empty file: expected an IDX header, found 0 bytes");
  if (looksLikeHtml(bytes)) {
    throw new IdxError(file, "looks like an HTML page, probably a failed download: expected IDX bytes, found markup");
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  let raw: Uint8Array;
  try {
    raw = gunzipSync(bytes);
  } catch (error) {
    throw new IdxError(file, `corrupt gzip data: ${(error as Error).message}`);
  }
  if (raw.length === 0) throw new IdxError(file, "empty file inside gzip: expected an IDX header, found 0 bytes");
  if (looksLikeHtml(raw)) throw new IdxError(file, "gzip holds an HTML page, probably a failed download");
  return raw;
}

function checkMagic(found: number, expected: number, file: string): void {
  if (found === expected) return;
  const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
  const what = `expected magic ${hex(expected)}, found ${hex(found)}`;
  if (swap32(found) === expected) throw new IdxError(file, `byte-swapped (little-endian) header: ${what}`);
  const other = found === IDX_IMAGES_MAGIC ? " (an image file)" : found === IDX_LABELS_MAGIC ? " (a label file)" : "";
  const type = (found >>> 8) & 0xff;
  if (found >>> 16 === 0 && (found & 0xff) === (expected & 0xff) && type !== UNSIGNED_BYTE) {
    const name = DATA_TYPES[type] ?? "unknown";
    const code = `0x${type.toString(16).padStart(2, "0")}`;
    throw new IdxError(file, `unsupported data type ${code} (${name}): expected 0x08 (unsigned byte); ${what}`);
  }
  throw new IdxError(file, `wrong magic: ${what}${other}`);
}

function swap32(n: number): number {
  return (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24)) >>> 0;
}

/** True when the bytes start, after an optional UTF-8 BOM and whitespace, with "<!doctype" or "<html". */
function looksLikeHtml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d))) ++i;
  const head = new TextDecoder("latin1").decode(bytes.subarray(i, i + 9)).toLowerCase();
  return head.startsWith("<!doctype") || head.startsWith("<html");
}

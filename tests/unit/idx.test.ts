import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {IdxError, maybeGunzip, parseIdxImages, parseIdxLabels} from "../../loaders/idx.ts";
import {concatBytes, idxHeader, idxImages, idxLabels, testPixels} from "./fixtures/idx.ts";

const FILE = "/data/train-images-idx3-ubyte";
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The IdxError parse throws, so a test can check both its file and its message. */
function errorOf(parse: () => unknown): IdxError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(IdxError);
    return error as IdxError;
  }
  throw new Error("expected an IdxError, got none");
}

describe("parseIdxImages", () => {
  it("reads count, rows, cols and the row-major pixels of a raw file", () => {
    const images = parseIdxImages(idxImages(5, 4, 3), FILE);
    expect([images.count, images.rows, images.cols]).toEqual([5, 4, 3]);
    expect(images.pixels).toEqual(testPixels(5, 4, 3));
  });

  it("reads a gzipped file exactly as the raw one", () => {
    const raw = parseIdxImages(idxImages(5, 4, 3), FILE);
    expect(parseIdxImages(gzipSync(idxImages(5, 4, 3)), `${FILE}.gz`)).toEqual(raw);
  });

  it("accepts a file of zero images", () => {
    expect(parseIdxImages(idxImages(0, 28, 28), FILE).pixels.length).toBe(0);
  });

  it("names the file and says it is empty when it has no bytes", () => {
    const error = errorOf(() => parseIdxImages(new Uint8Array(0), FILE));
    expect(error.file).toBe(FILE);
    expect(error.message).toBe(`${FILE}: empty file: expected an IDX header, found 0 bytes`);
  });

  it("recognises an HTML page saved under the file's name, after a BOM and whitespace", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const page = concatBytes(bom, utf8("\r\n  <!DOCTYPE html><html><body>404</body></html>"));
    const message = errorOf(() => parseIdxImages(page, FILE)).message;
    expect(message).toMatch(/looks like an HTML page, probably a failed download/);
    expect(errorOf(() => parseIdxImages(utf8("<html><head>"), FILE)).message).toMatch(/HTML page/);
  });

  it("recognises an HTML page inside a gzip", () => {
    expect(errorOf(() => parseIdxImages(gzipSync(utf8("<!doctype html>")), FILE)).message).toMatch(/HTML page/);
  });

  it("reports a label file given where an image file is expected", () => {
    expect(errorOf(() => parseIdxImages(idxLabels([1, 2]), FILE)).message).toBe(
      `${FILE}: wrong magic: expected magic 0x00000803, found 0x00000801 (a label file)`
    );
  });

  it("reports an unknown magic number", () => {
    const bytes = concatBytes(utf8("GIF89a"), new Uint8Array(20));
    expect(errorOf(() => parseIdxImages(bytes, FILE)).message).toMatch(
      /wrong magic: expected magic 0x00000803, found 0x47494638/
    );
  });

  it("reports a byte-swapped (little-endian) header", () => {
    const bytes = concatBytes(new Uint8Array([0x03, 0x08, 0, 0]), new Uint8Array(12));
    expect(errorOf(() => parseIdxImages(bytes, FILE)).message).toMatch(
      /byte-swapped \(little-endian\) header: expected magic 0x00000803, found 0x03080000/
    );
  });

  it("refuses data types other than unsigned bytes, naming the type found", () => {
    const floats = concatBytes(idxHeader(0x0d03, [1, 2, 2]), new Uint8Array(16));
    expect(errorOf(() => parseIdxImages(floats, FILE)).message).toMatch(
      /unsupported data type 0x0d \(float\): expected 0x08 \(unsigned byte\)/
    );
  });

  it("reports truncated data with the bytes expected and found", () => {
    const bytes = idxImages(2, 4, 3).subarray(0, 16 + 20);
    expect(errorOf(() => parseIdxImages(bytes, FILE)).message).toBe(
      `${FILE}: truncated data: expected 24 bytes for shape [2,4,3], found 20`
    );
  });

  it("reports a header cut short", () => {
    expect(errorOf(() => parseIdxImages(idxImages(2, 4, 3).subarray(0, 10), FILE)).message).toMatch(
      /truncated header: expected 16 bytes, found 10/
    );
  });

  it("reports trailing bytes after the data", () => {
    const bytes = concatBytes(idxImages(2, 4, 3), new Uint8Array(3));
    const message = errorOf(() => parseIdxImages(bytes, FILE)).message;
    expect(message).toMatch(/3 trailing bytes: expected 24 bytes .* found 27/);
  });

  it("reports corrupt and cut-short gzip data", () => {
    const gz = gzipSync(idxImages(20, 8, 8));
    const corrupt = gz.slice();
    corrupt.fill(0xff, 12, 40);
    expect(errorOf(() => parseIdxImages(corrupt, `${FILE}.gz`)).message).toMatch(/\.gz: corrupt gzip data: /);
    const cut = gz.subarray(0, gz.length / 2);
    expect(errorOf(() => parseIdxImages(cut, `${FILE}.gz`)).message).toMatch(/corrupt gzip data/);
  });
});

describe("parseIdxLabels", () => {
  it("reads the count and the labels, raw or gzipped", () => {
    const raw = parseIdxLabels(idxLabels([3, 1, 4, 1, 5]), "labels");
    expect(raw).toEqual({count: 5, labels: Uint8Array.from([3, 1, 4, 1, 5])});
    expect(parseIdxLabels(gzipSync(idxLabels([3, 1, 4, 1, 5])), "labels.gz")).toEqual(raw);
  });

  it("reports an image file given where a label file is expected", () => {
    expect(errorOf(() => parseIdxLabels(idxImages(1, 2, 2), "labels")).message).toMatch(
      /expected magic 0x00000801, found 0x00000803 \(an image file\)/
    );
  });

  it("reports a byte-swapped label header", () => {
    const bytes = concatBytes(new Uint8Array([0x01, 0x08, 0, 0, 2, 0, 0, 0]), new Uint8Array(2));
    expect(errorOf(() => parseIdxLabels(bytes, "labels")).message).toMatch(/byte-swapped \(little-endian\) header/);
  });
});

describe("maybeGunzip", () => {
  it("returns bytes without the gzip signature unchanged", () => {
    const bytes = idxLabels([1]);
    expect(maybeGunzip(bytes, "labels")).toBe(bytes);
  });
});

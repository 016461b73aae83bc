// The digits in the page: the sprite and labels written by the MNIST loader
// (loaders/mnist.ts), unpacked into bytes and sliced into tensors on demand.
import {tf} from "../tf.ts";

/** The manifest written by the loader (src/data/mnist.json). */
export interface DigitsManifest {
  dataset: string;
  description?: string;
  source: string;
  sha256: string;
  images: number;
  rows: number;
  cols: number;
  classes: number;
  classNames: string[];
  train: number;
  test: number;
  seed: number;
  counts: {train: number[]; test: number[]};
  sprite: {file: string; columns: number; tileWidth: number; tileHeight: number; width: number; height: number};
  labels: {file: string; dtype: "uint8"};
  license?: string;
}

export interface Digits {
  manifest: DigitsManifest;
  /** Grey levels 0–255, image after image, row-major: [images, rows, cols]. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export type Split = "train" | "test";

/** Unpacks the sprite (drawn from any image source) into one byte per pixel. */
export function unpackSprite(manifest: DigitsManifest, sprite: CanvasImageSource, labels: Uint8Array): Digits {
  const {rows, cols, images, sprite: layout} = manifest;
  if (labels.length !== images) {
    throw new Error(`labels file: expected ${images} labels (from the manifest), got ${labels.length}`);
  }
  const canvas = document.createElement("canvas");
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext("2d", {willReadFrequently: true});
  if (!context) throw new Error("cannot unpack the digits: this browser gave no 2D canvas");
  context.drawImage(sprite, 0, 0);
  const rgba = context.getImageData(0, 0, layout.width, layout.height).data;
  const pixels = new Uint8Array(images * rows * cols);
  for (let i = 0; i < images; ++i) {
    const x0 = (i % layout.columns) * cols;
    const y0 = Math.floor(i / layout.columns) * rows;
    for (let y = 0; y < rows; ++y) {
      const from = ((y0 + y) * layout.width + x0) * 4;
      const to = (i * rows + y) * cols;
      for (let x = 0; x < cols; ++x) pixels[to + x] = rgba[from + x * 4];
    }
  }
  return {manifest, pixels, labels};
}

/** The index range of a split: the loader writes training images first. */
export function splitRange({manifest}: Digits, split: Split): [start: number, end: number] {
  return split === "train" ? [0, manifest.train] : [manifest.train, manifest.train + manifest.test];
}

/** Uploads at most this many digits per tensor (3 MB), so that no staging buffer for
 * the GPU holds the whole 27 MB training set at once. */
const UPLOAD_CHUNK = 1024;

/** Images [n, rows, cols, 1] in [0, 1] and one-hot labels [n, classes] for indices. */
export function toTensors(digits: Digits, indices: ArrayLike<number>): {xs: tf.Tensor4D; ys: tf.Tensor2D} {
  if (indices.length > UPLOAD_CHUNK) {
    const parts: Array<{xs: tf.Tensor4D; ys: tf.Tensor2D}> = [];
    for (let start = 0; start < indices.length; start += UPLOAD_CHUNK) {
      parts.push(toTensors(digits, Array.prototype.slice.call(indices, start, start + UPLOAD_CHUNK)));
    }
    const joined = tf.tidy(() => ({
      xs: tf.concat(parts.map((part) => part.xs)) as tf.Tensor4D,
      ys: tf.concat(parts.map((part) => part.ys)) as tf.Tensor2D
    }));
    for (const part of parts) tf.dispose([part.xs, part.ys]);
    return joined;
  }
  const {rows, cols, classes} = digits.manifest;
  const size = rows * cols;
  const values = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; ++k) {
    const i = indices[k];
    for (let p = 0; p < size; ++p) values[k * size + p] = digits.pixels[i * size + p] / 255;
    labels[k] = digits.labels[i];
  }
  return tf.tidy(() => ({
    xs: tf.tensor4d(values, [indices.length, rows, cols, 1]),
    ys: tf.oneHot(tf.tensor1d(labels, "int32"), classes).toFloat() as tf.Tensor2D
  }));
}

/** Every index of a split, optionally only the first `limit`. */
export function splitIndices(digits: Digits, split: Split, limit = Infinity): Int32Array {
  const [start, end] = splitRange(digits, split);
  const n = Math.min(end - start, limit);
  return Int32Array.from({length: n}, (_, k) => start + k);
}

/** One digit as a [rows, cols] float image for drawing or prediction. */
export function digitImage(digits: Digits, index: number): Float32Array {
  const size = digits.manifest.rows * digits.manifest.cols;
  return Float32Array.from(digits.pixels.subarray(index * size, (index + 1) * size), (v) => v / 255);
}

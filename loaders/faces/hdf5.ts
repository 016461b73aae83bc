// The course's training file (CelebA faces + ImageNet non-faces): an HDF5 with `images`
// N×64×64×3 uint8, stored in OpenCV's BGR order, and `labels` N×1 (1 face, 0 not). Read with
// h5wasm; a seeded subsample per label becomes the page's training and held-out test images.
import {createHash} from "node:crypto";
import {closeSync, existsSync, openSync, readSync, statSync} from "node:fs";
import {deriveSeed, mulberry32, permutation} from "../../components/random.ts";
import {emptyAttributes, FACE_CHANNELS, FACE_SIZE} from "./format.ts";
import type {FacesSplitData} from "./prepare.ts";

/** Images per label taken for training and for the held-out test set (test first, at most 20 % of a label). */
export const H5_SAMPLE = {trainPerLabel: 1500, testPerLabel: 400};
/** The 8-byte HDF5 signature (HDF5 spec, "Format Signature"): \x89HDF\r\n\x1a\n. */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
// HDF5's own filters, which h5wasm always has; others need plugins it does not load.
const BUILT_IN_FILTERS = new Set([1, 2, 3, 5, 6]);
// Registered filter ids (support.hdfgroup.org "Registered Filter Plugins") seen in the wild.
const FILTER_NAMES: Record<number, string> = {
  1: "deflate (gzip)", 2: "shuffle", 3: "fletcher32", 4: "szip", 5: "nbit", 6: "scaleoffset", 307: "bzip2",
  32000: "LZF", 32001: "Blosc", 32004: "LZ4", 32008: "Bitshuffle", 32013: "ZFP", 32015: "Zstandard", 32026: "Blosc2"
};

interface H5Dataset {
  shape: number[] | null;
  dtype: unknown;
  metadata: {type: number; size: number; signed: boolean};
  filters: {id: number; name: string}[];
  slice(ranges: number[][]): unknown;
  value: unknown;
}

export async function readFacesH5(path: string, {seed, sample = H5_SAMPLE}: {seed: number; sample?: typeof H5_SAMPLE}) {
  checkSignature(path);
  const sha256 = hashFile(path);
  const h5wasm = await import("h5wasm/node");
  await h5wasm.ready;
  let file;
  try {
    file = new h5wasm.File(path, "r");
  } catch (error) {
    throw new Error(`${path}: HDF5 could not open it: ${(error as Error).message}`, {cause: error});
  }
  try {
    const images = dataset(file, "images", path), labels = dataset(file, "labels", path);
    const shape = images.shape ?? [];
    const [n] = shape;
    const {type, size, signed} = images.metadata;
    if (shape.length !== 4 || shape[1] !== FACE_SIZE || shape[2] !== FACE_SIZE || shape[3] !== FACE_CHANNELS ||
      type !== 0 || size !== 1 || signed) {
      throw new Error(`${path}: dataset 'images': expected N×64×64×3 uint8, got ${shape.join("×") || "a scalar"} ` +
        `${describeType(images.metadata)}`);
    }
    const labelShape = labels.shape ?? [];
    if (labelShape[0] !== n || labelShape.length > 2 || (labelShape.length === 2 && labelShape[1] !== 1)) {
      throw new Error(`${path}: dataset 'labels': expected ${n}×1 (one label per image), got ` +
        `${labelShape.join("×") || "a scalar"}`);
    }
    // Integers or floats (the course's file stores float32); text or compound labels are refused by type, not value by value.
    if (labels.metadata.type !== 0 && labels.metadata.type !== 1) {
      throw new Error(`${path}: dataset 'labels': expected numbers (0 or 1, integer or float), got ${describeType(labels.metadata)}`);
    }
    const labelValues = decode(labels, "labels", path, () => labels.value) as ArrayLike<number>;
    const faces: number[] = [], nonFaces: number[] = [];
    for (let i = 0; i < n; ++i) {
      const l = Number(labelValues[i]);
      if (l !== 0 && l !== 1) throw new Error(`${path}: dataset 'labels': label ${i} is ${l}: expected 0 or 1`);
      (l === 1 ? faces : nonFaces).push(i);
    }
    const pick = (members: number[], label: string) => {
      const order = Array.from(permutation(members.length, mulberry32(deriveSeed(seed, `h5-${label}`))), (k) => members[k]);
      const test = Math.min(sample.testPerLabel, Math.floor(members.length * 0.2));
      return {test: order.slice(0, test), train: order.slice(test, test + sample.trainPerLabel)};
    };
    const f = pick(faces, "faces"), o = pick(nonFaces, "nonfaces");
    const mixOrder = (a: number[], b: number[], label: string) => {
      const all = [...a, ...b];
      return Array.from(permutation(all.length, mulberry32(deriveSeed(seed, label))), (k) => all[k]);
    };
    const trainIndices = mixOrder(f.train, o.train, "h5-train-order");
    const testIndices = mixOrder(f.test, o.test, "h5-test-order");
    const isFace = new Uint8Array(n);
    for (const i of faces) isFace[i] = 1;
    const split = (indices: number[]): FacesSplitData => {
      const pixels = readImages(images, indices, path);
      const attributes = emptyAttributes(indices.length);
      indices.forEach((i, k) => {
        attributes.label[k] = isFace[i];
        attributes.kind[k] = isFace[i] ? "face" : "nonface";
      });
      return {count: indices.length, attributes, known: ["label", "kind"], images: () => pixels};
    };
    return {sha256, train: split(trainIndices), test: split(testIndices)};
  } finally {
    file.close();
  }
}

/** Reads images `indices` (in that order) as RGB, visiting the file in ascending order for its chunk cache. */
function readImages(images: H5Dataset, indices: number[], path: string): Uint8Array {
  const tile = FACE_SIZE * FACE_SIZE * FACE_CHANNELS;
  const out = new Uint8Array(indices.length * tile);
  const order = indices.map((i, k) => [i, k]).sort((a, b) => a[0] - b[0]);
  for (const [i, k] of order) {
    const bgr = decode(images, "images", path, () => images.slice([[i, i + 1]])) as Uint8Array;
    for (let p = 0; p < tile; p += 3) {
      out[k * tile + p] = bgr[p + 2];
      out[k * tile + p + 1] = bgr[p + 1];
      out[k * tile + p + 2] = bgr[p];
    }
  }
  return out;
}

/**
 * Runs a read, turning HDF5's failures into a message. A filter outside HDF5's built-in set is
 * refused before reading: h5wasm loads no filter plugins, and a read through a missing filter
 * does not always throw (measured: an szip-tagged dataset read back as zeros, an unknown id as
 * raw compressed bytes), so it cannot be left to the read to fail.
 */
function decode(d: H5Dataset, name: string, path: string, read: () => unknown): unknown {
  const missing = d.filters.filter((f) => !BUILT_IN_FILTERS.has(f.id));
  const describe = (f: {id: number; name: string}) => `${FILTER_NAMES[f.id] ?? (f.name || "unknown")} (filter id ${f.id})`;
  if (missing.length > 0) {
    throw new Error(`${path}: dataset '${name}' is compressed with ${missing.map(describe).join(", ")}, which ` +
      "this HDF5 reader (h5wasm, no filter plugins) cannot decode; rewrite it with gzip or no compression");
  }
  let value: unknown;
  try {
    value = read();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${path}: dataset '${name}' could not be decoded: ${why}`, {cause: error});
  }
  if (value === null || value === undefined) throw new Error(`${path}: dataset '${name}' could not be decoded`);
  return value;
}

function dataset(file: {keys(): string[]; get(name: string): unknown}, name: string, path: string): H5Dataset {
  const found = file.keys();
  const entity = found.includes(name) ? file.get(name) : null;
  if (!entity || (entity as {type?: string}).type !== "Dataset") {
    throw new Error(`${path}: no dataset '${name}' in ${path}; found: ${found.length ? found.join(", ") : "nothing"}`);
  }
  return entity as H5Dataset;
}

function describeType({type, size, signed}: H5Dataset["metadata"]): string {
  if (type === 3) return "strings"; // H5T_STRING
  const kind = type === 0 ? (signed ? "int" : "uint") : type === 1 ? "float" : `HDF5 type class ${type} of `;
  return `${kind}${size * 8}`;
}

/** Throws unless the file starts with the HDF5 signature (or has it after a user block of 512·2^k bytes). */
function checkSignature(path: string) {
  if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`${path}: no such file (expected an HDF5 file)`);
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(8);
    for (let offset = 0; offset + 8 <= size; offset = offset === 0 ? 512 : offset * 2) {
      readSync(fd, head, 0, 8, offset);
      if (SIGNATURE.every((b, i) => head[i] === b)) return;
      if (offset >= 1 << 22) break;
    }
    readSync(fd, head, 0, 8, 0);
    const got = [...head.subarray(0, Math.min(8, size))].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new Error(`${path}: not an HDF5 file: expected the signature 89 48 44 46 0d 0a 1a 0a, found ${got || "an empty file"}`);
  } finally {
    closeSync(fd);
  }
}

function hashFile(path: string): string {
  const hash = createHash("sha256"), buffer = Buffer.alloc(1 << 20), fd = openSync(path, "r");
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

// The faces in the page: the RGB sprite sheets and attribute table written by the faces
// loader (src/data/faces*.ts, format in loaders/faces/format.ts), unpacked into bytes,
// and turned into tensors at the size the models train at.
import {tf} from "../tf.ts";

export type FaceGroup = "LF" | "LM" | "DF" | "DM";

/** A face's attributes as the page uses them (the loader stores more); null where the source does not say. */
export interface FaceAttributes {
  /** 1 (lightest) … 6 (deepest); 1–3 count as lighter, 4–6 as darker. */
  skinTone: number | null;
  presentation: "F" | "M" | null;
  hat: boolean | null;
  glasses: boolean | null;
  group: FaceGroup | null;
}

export interface FacesSplit {
  n: number;
  /** RGB bytes, image after image, row-major: [n, side, side, 3]. */
  pixels: Uint8Array;
  /** 1 face, 0 non-face: [n]. */
  labels: Uint8Array;
  /** Attributes of each face; null for a non-face. */
  attributes: (FaceAttributes | null)[];
}

export interface Faces {
  /** Side of the stored images in pixels (64). */
  side: number;
  train: FacesSplit;
  test: FacesSplit;
  /** What the data is, in one sentence from the manifest. */
  description: string;
  synthetic: boolean;
  /** The dataset's name and its fingerprint (seed or sha256), for training cards. */
  name: string;
  fingerprint: string;
}

export function groupOf(a: FaceAttributes | null): FaceGroup | null {
  return a?.group ?? null;
}

export function isDarker(a: FaceAttributes | null): boolean {
  return a !== null && (a.skinTone !== null ? a.skinTone >= 4 : a.group?.startsWith("D") === true);
}

/** Reads every tile of a sprite sheet into RGB bytes [count, side, side, 3]. */
export function unpackRgbSprite(sprite: CanvasImageSource, layout: {columns: number; width: number; height: number}, side: number, count: number): Uint8Array {
  const canvas = document.createElement("canvas");
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext("2d", {willReadFrequently: true});
  if (!context) throw new Error("cannot unpack the faces: this browser gave no 2D canvas");
  context.drawImage(sprite, 0, 0);
  const rgba = context.getImageData(0, 0, layout.width, layout.height).data;
  const needRows = Math.ceil(count / layout.columns) * side;
  if (layout.columns * side > layout.width || needRows > layout.height) {
    throw new Error(`faces sprite: ${count} tiles of ${side} px in ${layout.columns} columns need ${layout.columns * side} × ${needRows} px, the sheet is ${layout.width} × ${layout.height}`);
  }
  const pixels = new Uint8Array(count * side * side * 3);
  for (let i = 0; i < count; ++i) {
    const x0 = (i % layout.columns) * side;
    const y0 = Math.floor(i / layout.columns) * side;
    for (let y = 0; y < side; ++y) {
      const from = ((y0 + y) * layout.width + x0) * 4;
      const to = (i * side + y) * side * 3;
      for (let x = 0; x < side; ++x) {
        pixels[to + x * 3] = rgba[from + x * 4];
        pixels[to + x * 3 + 1] = rgba[from + x * 4 + 1];
        pixels[to + x * 3 + 2] = rgba[from + x * 4 + 2];
      }
    }
  }
  return pixels;
}

/** One stored image as RGB bytes [side, side, 3] (a view, not a copy). */
export function imageOf(split: FacesSplit, side: number, k: number): Uint8Array {
  const size = side * side * 3;
  return split.pixels.subarray(k * size, (k + 1) * size);
}

/**
 * Images `indices` of a split as a tensor [n, size, size, 3] in [0, 1]. The stored side
 * (64) is reduced by average pooling when `size` divides it (a box filter: no aliasing),
 * else by bilinear resizing.
 */
export function toTensor(split: FacesSplit, side: number, indices: ArrayLike<number>, size: number): tf.Tensor4D {
  const per = side * side * 3;
  const values = new Float32Array(indices.length * per);
  for (let j = 0; j < indices.length; ++j) {
    const from = indices[j] * per;
    for (let p = 0; p < per; ++p) values[j * per + p] = split.pixels[from + p] / 255;
  }
  return tf.tidy(() => {
    const full = tf.tensor4d(values, [indices.length, side, side, 3]);
    if (size === side) return full;
    if (side % size === 0) return tf.avgPool(full, side / size, side / size, "valid") as tf.Tensor4D;
    return tf.image.resizeBilinear(full, [size, size]) as tf.Tensor4D;
  });
}

/** 0, 1, …, n − 1 (every index of a split), optionally the first `limit`. */
export function allIndices(split: FacesSplit, limit = Infinity): Int32Array {
  return Int32Array.from({length: Math.min(split.n, limit)}, (_, k) => k);
}

/**
 * The control set: every non-face, and the faces subsampled so that the four groups
 * (lighter/darker × F/M) are equally many — as many as the rarest group holds. Seeded.
 */
export function balancedIndices(split: FacesSplit, random: () => number, limit = Infinity): Int32Array {
  const byGroup: Record<FaceGroup, number[]> = {LF: [], LM: [], DF: [], DM: []};
  const nonFaces: number[] = [];
  for (let k = 0; k < Math.min(split.n, limit); ++k) {
    const g = split.labels[k] === 1 ? groupOf(split.attributes[k]) : null;
    if (g) byGroup[g].push(k);
    else nonFaces.push(k);
  }
  const per = Math.min(...Object.values(byGroup).map((list) => list.length));
  const kept: number[] = [...nonFaces];
  for (const list of Object.values(byGroup)) {
    for (let i = list.length - 1; i > 0; --i) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    kept.push(...list.slice(0, per));
  }
  return Int32Array.from(kept.sort((a, b) => a - b));
}

/** The parts of faces.json (loaders/faces/format.ts, FacesManifest) that the page reads. */
export interface FacesManifest {
  dataset: string;
  synthetic: boolean;
  description: string;
  seed: number;
  sha256: string | null;
  size: number;
  train: SplitInfo;
  test: SplitInfo;
}

interface SplitInfo {
  count: number;
  faces: number;
  nonFaces: number;
  columns: number;
  width: number;
  height: number;
}

/** The parts of faces-attributes.json (format.ts, FacesSplitAttributes) that the page reads: arrays, entry i for image i. */
export interface SplitAttributeTable {
  label: number[];
  group: (FaceGroup | null)[];
  skinTone: (number | null)[];
  presentation: ("F" | "M" | null)[];
  hat: (boolean | null)[];
  glasses: (boolean | null)[];
}

export interface AttributeTable {
  train: SplitAttributeTable;
  test: SplitAttributeTable;
}

/** Unpacks the two sprite sheets and the attribute table into the page's Faces. */
export function unpackFaces(manifest: FacesManifest, trainSprite: CanvasImageSource, testSprite: CanvasImageSource, table: AttributeTable): Faces {
  return facesFrom(manifest, {
    train: unpackRgbSprite(trainSprite, manifest.train, manifest.size, manifest.train.count),
    test: unpackRgbSprite(testSprite, manifest.test, manifest.size, manifest.test.count)
  }, table);
}

/** The page's Faces from RGB bytes [count, size, size, 3] per split (no canvas: Node's benchmark uses it too). */
export function facesFrom(manifest: FacesManifest, pixels: {train: Uint8Array; test: Uint8Array}, table: AttributeTable): Faces {
  const split = (which: "train" | "test"): FacesSplit => {
    const t = table[which];
    const n = manifest[which].count;
    if (t.label.length !== n) throw new Error(`faces-attributes.json: expected ${n} ${which} labels (from faces.json), got ${t.label.length}`);
    const bytes = n * manifest.size * manifest.size * 3;
    if (pixels[which].length !== bytes) throw new Error(`faces: expected ${bytes} bytes of ${which} pixels (${n} images of ${manifest.size} × ${manifest.size} RGB), got ${pixels[which].length}`);
    return {
      n,
      pixels: pixels[which],
      labels: Uint8Array.from(t.label, (l) => (l === 1 ? 1 : 0)),
      attributes: t.label.map((l, k) =>
        l === 1 ? {skinTone: t.skinTone[k], presentation: t.presentation[k], hat: t.hat[k], glasses: t.glasses[k], group: t.group[k]} : null
      )
    };
  };
  return {
    side: manifest.size,
    train: split("train"),
    test: split("test"),
    description: manifest.description,
    synthetic: manifest.synthetic,
    name: manifest.dataset,
    fingerprint: manifest.sha256 ?? `seed ${manifest.seed}`
  };
}

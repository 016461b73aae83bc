// Prepares the Faces essay's data from either source and turns it into the four files of
// format.ts. Synthetic data is the default; FACES_H5 (or --source file.h5) swaps in the
// course's HDF5 and FACES_TEST_DIR (or --test-dir) a folder of LF/LM/DF/DM test PNGs.
import {encodePng, packSprite, spriteSize} from "../png.ts";
import {DEFAULT_SEED, DEFAULT_SIZES, NONFACE_SHARES, TEST_TARGETS, TRAIN_TARGETS, renderItems, syntheticSplits,
  type SyntheticItem, type SyntheticSizes} from "./dataset.ts";
import {SKIN_TONES} from "./face.ts";
import {NONFACE_SKIN_TONES, SKIN_COLORED_SHARE} from "./nonface.ts";
import {ATTRIBUTE_NAMES, emptyAttributes, FACE_CHANNELS, FACE_SIZE, FACES_FILES, GROUP_NAMES, GROUPS, SPRITE_COLUMNS,
  type AttributeName, type FacesAttributes, type FacesManifest, type FacesProportions, type FacesSplitAttributes,
  type FacesSplitInfo} from "./format.ts";
import {H5_SAMPLE, readFacesH5} from "./hdf5.ts";
import {readTestDir} from "./testdir.ts";

export interface FacesSplitData {
  count: number;
  attributes: FacesSplitAttributes;
  /** Which attributes the source knows; the others are all null. */
  known: AttributeName[];
  /** count × 64 × 64 × 3 RGB bytes; drawn on demand for synthetic data. */
  images(): Uint8Array;
}

export interface PreparedFaces {
  dataset: FacesManifest["dataset"];
  seed: number;
  sha256: string | null;
  source: string;
  testSource: string;
  train: FacesSplitData;
  test: FacesSplitData;
}

export interface PrepareOptions {
  /** undefined or "synthetic" for the drawings, else an HDF5 path. */
  source?: string;
  seed?: number;
  /** A folder with LF, LM, DF, DM sub-folders of 64×64 PNGs, replacing the test faces. */
  testDir?: string;
  sizes?: SyntheticSizes;
}

/** The options the Framework loaders take from the environment: FACES_H5, FACES_TEST_DIR, FACES_SEED. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): PrepareOptions {
  return {source: env.FACES_H5 || undefined, testDir: env.FACES_TEST_DIR || undefined,
    seed: env.FACES_SEED ? Number(env.FACES_SEED) : undefined};
}

export async function prepareFaces({source, seed = DEFAULT_SEED, testDir, sizes = DEFAULT_SIZES}: PrepareOptions = {}):
  Promise<PreparedFaces> {
  let prepared: PreparedFaces;
  if (source === undefined || source === "synthetic") {
    const {train, test} = syntheticSplits(seed, sizes);
    prepared = {dataset: "synthetic-faces", seed, sha256: null, source: "synthetic", testSource: "synthetic",
      train: syntheticSplit(train), test: syntheticSplit(test)};
  } else {
    const h5 = await readFacesH5(source, {seed});
    prepared = {dataset: "hdf5", seed, sha256: h5.sha256, source, testSource: `${source} (held out)`,
      train: h5.train, test: h5.test};
  }
  if (testDir !== undefined) {
    // The folder's faces replace the test faces; the test non-faces stay.
    const faces = readTestDir(testDir);
    prepared = {...prepared, testSource: testDir, test: concatSplits(faces, keepNonFaces(prepared.test))};
  }
  return prepared;
}

/** The manifest of `p`, the page's entry point. */
export function facesManifest(p: PreparedFaces): FacesManifest {
  const synthetic = p.dataset === "synthetic-faces";
  const info = (split: FacesSplitData, file: string): FacesSplitInfo => {
    const faces = split.attributes.label.filter((l) => l === 1).length;
    const groups = Object.fromEntries(GROUPS.map((g) => [g, split.attributes.group.filter((x) => x === g).length]));
    return {count: split.count, faces, nonFaces: split.count - faces, file, columns: SPRITE_COLUMNS,
      ...spriteSize(split.count, FACE_SIZE, FACE_SIZE, SPRITE_COLUMNS), groups: groups as FacesSplitInfo["groups"]};
  };
  const train = info(p.train, FACES_FILES.train), test = info(p.test, FACES_FILES.test);
  const shares = proportions(p.train);
  const description = synthetic
    ? `SYNTHETIC faces: ${train.count} training images (${train.faces} procedurally drawn faces, ${percent(shares.darker)} ` +
      `of them darker-skinned, and ${train.nonFaces} drawn non-faces, ${percent(shares.skinColoredNonFaces)} of them ` +
      `painted in darker skin tones), and ${test.faces} test faces balanced over LF/LM/DF/DM ` +
      `(${test.groups.LF} each) plus ${test.nonFaces} non-faces, 64×64 RGB, drawn from seed ${p.seed}. ` +
      "Drawings, not photographs of people."
    : `The course's HDF5 (CelebA faces and ImageNet non-faces, 64×64 RGB): a seeded subsample (seed ${p.seed}) ` +
      `of ${train.count} training images (${train.faces} faces) and ${test.count} test images; training images ` +
      "carry no attributes but the label.";
  return {
    dataset: p.dataset, synthetic, description, seed: p.seed, sha256: p.sha256, source: p.source,
    testSource: p.testSource, size: FACE_SIZE, channels: FACE_CHANNELS, train, test, groups: [...GROUPS],
    groupNames: GROUP_NAMES, proportions: {train: shares, test: proportions(p.test)},
    targets: synthetic ? {train: TRAIN_TARGETS, test: TEST_TARGETS, nonFaceKinds: NONFACE_SHARES,
      nonFaceSkin: {share: SKIN_COLORED_SHARE, blobs: 1, scenes: 0, tones: NONFACE_SKIN_TONES}} : null,
    skinTones: synthetic ? {rgb: SKIN_TONES.map((c) => c.map((x) => Math.round(x * 255))),
      note: "sRGB bytes, lightest first; an even lightness ramp defined for this project after the six " +
        "Fitzpatrick types, not measured from people; 1–3 lighter, 4–6 darker"} : null,
    attributes: {file: FACES_FILES.attributes, known: {train: p.train.known, test: p.test.known}},
    license: synthetic ? "generated by this project (MIT)"
      : "CelebA: non-commercial research use only (MMLAB, CUHK); ImageNet: its terms of access; see the course's notes",
    notes: synthetic ? [
      "presentation F/M is a rendering attribute of synthetic drawings (hair length, facial hair, brow thickness), " +
      "not a claim about people",
      "every image carries its ground-truth attributes in faces-attributes.json"
    ] : [
      "images were stored BGR (OpenCV order) as in the course's loader and are converted to RGB",
      "no per-image attributes for the training images: a debiasing model has to learn them",
      `subsample: up to ${H5_SAMPLE.trainPerLabel} training and ${H5_SAMPLE.testPerLabel} test images per label`
    ]
  };
}

/** The four files, name → contents, for writeOutputs or a loader's stdout. */
export function facesFiles(p: PreparedFaces): Record<string, string | Uint8Array> {
  return {
    [FACES_FILES.manifest]: JSON.stringify(facesManifest(p)),
    [FACES_FILES.train]: spritePng(p.train),
    [FACES_FILES.test]: spritePng(p.test),
    [FACES_FILES.attributes]: JSON.stringify(facesAttributes(p))
  };
}

export function facesAttributes(p: PreparedFaces): FacesAttributes {
  return {train: p.train.attributes, test: p.test.attributes};
}

/** A split's images as one RGB PNG sprite (see format.ts). */
export function spritePng(split: FacesSplitData): Uint8Array {
  const sprite = packSprite({tiles: split.images(), count: split.count, tileWidth: FACE_SIZE, tileHeight: FACE_SIZE,
    channels: FACE_CHANNELS, columns: SPRITE_COLUMNS});
  // Paeth rows: as small as pngjs's adaptive choice on these sprites (9.86 MB against 9.85 MB for
  // the default training set) and 2.5× faster to encode.
  return encodePng(sprite, 4);
}

function syntheticSplit(items: SyntheticItem[]): FacesSplitData {
  const a = emptyAttributes(items.length);
  items.forEach(({face, nonFace}, i) => {
    a.label[i] = face ? 1 : 0;
    if (face) {
      a.kind[i] = "face";
      a.group[i] = `${face.skinTone <= 3 ? "L" : "D"}${face.presentation}` as FacesSplitAttributes["group"][number];
      for (const key of ["skinTone", "presentation", "hat", "glasses", "facialHair", "hairColor", "hairStyle", "yaw",
        "roll", "light", "smile", "background", "blur", "noise"] as const) {
        (a[key] as unknown[])[i] = face[key];
      }
    } else if (nonFace) {
      a.kind[i] = nonFace.kind;
      a.blur[i] = nonFace.blur;
      a.noise[i] = nonFace.noise;
      a.skinColored[i] = nonFace.skinColored;
    }
  });
  let images: Uint8Array | undefined;
  return {count: items.length, attributes: a, known: [...ATTRIBUTE_NAMES], images: () => (images ??= renderItems(items))};
}

function proportions({attributes: a, count}: FacesSplitData): FacesProportions {
  const faces = a.label.map((l, i) => (l === 1 ? i : -1)).filter((i) => i >= 0);
  const nonFaces = a.label.map((l, i) => (l === 0 ? i : -1)).filter((i) => i >= 0);
  const share = (test: (i: number) => boolean | null): number | null => {
    if (faces.length === 0 || faces.some((i) => test(i) === null)) return null;
    return round(faces.filter((i) => test(i)).length / faces.length);
  };
  const tone = (i: number) => a.skinTone[i];
  const grouped = faces.length > 0 && faces.every((i) => a.group[i] !== null);
  return {
    faces: round(faces.length / Math.max(1, count)),
    lighter: share((i) => (tone(i) === null ? null : (tone(i) as number) <= 3)),
    darker: share((i) => (tone(i) === null ? null : (tone(i) as number) >= 4)),
    female: share((i) => (a.presentation[i] === null ? null : a.presentation[i] === "F")),
    hat: share((i) => a.hat[i]),
    glasses: share((i) => a.glasses[i]),
    facialHair: share((i) => (a.facialHair[i] === null ? null : a.facialHair[i] !== "none")),
    skinTone: faces.every((i) => tone(i) !== null) && faces.length > 0
      ? [1, 2, 3, 4, 5, 6].map((t) => round(faces.filter((i) => tone(i) === t).length / faces.length)) : null,
    groups: grouped ? Object.fromEntries(GROUPS.map((g) => [g, round(faces.filter((i) => a.group[i] === g).length /
      faces.length)])) as FacesProportions["groups"] : null,
    skinColoredNonFaces: nonFaces.length > 0 && nonFaces.every((i) => a.skinColored[i] !== null)
      ? round(nonFaces.filter((i) => a.skinColored[i]).length / nonFaces.length) : null
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
/** 0.04 → "4 %", 0.626 → "62.6 %". */
const percent = (share: number | null) => `${share === null ? "?" : Number((share * 100).toFixed(1))} %`;

function keepNonFaces(split: FacesSplitData): FacesSplitData {
  const keep = split.attributes.label.map((l, i) => (l === 0 ? i : -1)).filter((i) => i >= 0);
  return subset(split, keep);
}

/** The images `indices` of `split`, in that order. */
export function subset(split: FacesSplitData, indices: number[]): FacesSplitData {
  const a = emptyAttributes(indices.length);
  for (const name of ATTRIBUTE_NAMES) (a[name] as unknown[]) = indices.map((i) => split.attributes[name][i]);
  const tile = FACE_SIZE * FACE_SIZE * FACE_CHANNELS;
  return {count: indices.length, attributes: a, known: split.known, images: () => {
    const all = split.images(), out = new Uint8Array(indices.length * tile);
    indices.forEach((from, to) => out.set(all.subarray(from * tile, (from + 1) * tile), to * tile));
    return out;
  }};
}

export function concatSplits(a: FacesSplitData, b: FacesSplitData): FacesSplitData {
  const attributes = emptyAttributes(a.count + b.count);
  for (const name of ATTRIBUTE_NAMES) (attributes[name] as unknown[]) = [...a.attributes[name], ...b.attributes[name]];
  const known = a.known.filter((name) => b.known.includes(name));
  return {count: a.count + b.count, attributes, known, images: () => {
    const first = a.images(), out = new Uint8Array((a.count + b.count) * FACE_SIZE * FACE_SIZE * FACE_CHANNELS);
    out.set(first);
    out.set(b.images(), first.length);
    return out;
  }};
}

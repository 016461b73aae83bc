// The synthetic splits. The training set is skewed on purpose, the way CelebA is (few darker
// skin tones, few hats), with exact quotas so that the realised shares equal the stated ones;
// the test set is balanced over the four groups. Attributes are drawn from one seeded stream
// per image and pixels from another, so the manifest and attribute table cost no drawing.
import {deriveSeed, mulberry32, permutation, shuffleInPlace} from "../../components/random.ts";
import {renderFace, sampleFace, type FaceQuota, type FaceSpec} from "./face.ts";
import {FACE_CHANNELS, FACE_SIZE, type Group} from "./format.ts";
import {NONFACE_KINDS, renderNonFace, sampleNonFace, SKIN_COLORED_SHARE, type NonFaceKind, type NonFaceSpec} from "./nonface.ts";

export const DEFAULT_SEED = 6191;

/**
 * The training skew. Skin tones 1–6: 32 / 36 / 28 % lighter and 2 / 1.2 / 0.8 % darker, so 4 %
 * of the training faces (60 of 1 500) are darker-skinned, a skew chosen strong enough for the
 * standard CNN's light − dark gap to show beyond the test set's noise (CelebA, too, is mostly
 * lighter-skinned; the DB-VAE paper's premise); 58 % female presentation in every tone (CelebA
 * is ≈ 58 % "not Male"); 5 % hats; 6.5 % glasses (CelebA's Eyeglasses ≈ 6.5 %).
 */
export const TRAIN_TARGETS = {
  faces: 1500, nonFaces: 1500,
  skinTone: [0.32, 0.36, 0.28, 0.02, 0.012, 0.008], female: 0.58, hat: 0.05, glasses: 0.065
};
/**
 * The test set: 250 faces per group (tones spread evenly within lighter / darker), 20 % hats and
 * glasses, and 400 non-faces. 250 per group resolve a light − dark gap of about 2 points at 97 %
 * accuracy (two standard errors; 100 per group, about 3.4).
 */
export const TEST_TARGETS = {perGroup: 250, nonFaces: 400, hat: 0.2, glasses: 0.2};
/**
 * Non-face kinds, in every split: round things 25 %, skin-coloured hand-like blobs 25 %, objects
 * 20 %, scenes and textures 15 % each. With half of the round things, objects and textures
 * skin-coloured too (nonface.ts) and no scene, 55 % of the non-faces are painted in a darker
 * skin tone.
 */
export const NONFACE_SHARES: Record<NonFaceKind, number> = {round: 0.25, blob: 0.25, object: 0.2, scene: 0.15, texture: 0.15};

/** One image of a synthetic split: exactly one of face / nonFace is set. */
export interface SyntheticItem {
  face: FaceSpec | null;
  nonFace: NonFaceSpec | null;
  /** Seed of the stream that draws its pixels. */
  renderSeed: number;
}

export interface SyntheticSizes {
  trainFaces: number;
  trainNonFaces: number;
  testPerGroup: number;
  testNonFaces: number;
}

export const DEFAULT_SIZES: SyntheticSizes = {
  trainFaces: TRAIN_TARGETS.faces, trainNonFaces: TRAIN_TARGETS.nonFaces,
  testPerGroup: TEST_TARGETS.perGroup, testNonFaces: TEST_TARGETS.nonFaces
};

/** The attributes of both splits; pixels come later from renderItems. */
export function syntheticSplits(seed = DEFAULT_SEED, sizes = DEFAULT_SIZES) {
  return {train: trainItems(seed, sizes), test: testItems(seed, sizes)};
}

function trainItems(seed: number, {trainFaces: n, trainNonFaces}: SyntheticSizes): SyntheticItem[] {
  const random = mulberry32(deriveSeed(seed, "train-quotas"));
  const tones = quota(TRAIN_TARGETS.skinTone, n);
  const quotas: FaceQuota[] = [];
  tones.forEach((count, t) => {
    // Presentation is stratified by tone so that every tone has the same female share.
    const females = Math.round(TRAIN_TARGETS.female * count);
    for (let i = 0; i < count; ++i) {
      quotas.push({skinTone: (t + 1) as FaceSpec["skinTone"], presentation: i < females ? "F" : "M", hat: false,
        glasses: false});
    }
  });
  flags(quotas, "hat", Math.round(TRAIN_TARGETS.hat * n), random);
  flags(quotas, "glasses", Math.round(TRAIN_TARGETS.glasses * n), random);
  return assemble(seed, "train", quotas, trainNonFaces);
}

function testItems(seed: number, {testPerGroup, testNonFaces}: SyntheticSizes): SyntheticItem[] {
  const random = mulberry32(deriveSeed(seed, "test-quotas"));
  const quotas: FaceQuota[] = [];
  for (const group of ["LF", "LM", "DF", "DM"] as Group[]) {
    const first = group[0] === "L" ? 1 : 4;
    for (let i = 0; i < testPerGroup; ++i) {
      quotas.push({skinTone: (first + (i % 3)) as FaceSpec["skinTone"], presentation: group[1] as "F" | "M",
        hat: false, glasses: false});
    }
  }
  flags(quotas, "hat", Math.round(TEST_TARGETS.hat * quotas.length), random);
  flags(quotas, "glasses", Math.round(TEST_TARGETS.glasses * quotas.length), random);
  return assemble(seed, "test", quotas, testNonFaces);
}

/** Faces from `quotas` and `nonFaces` non-faces, each with its own streams, in a seeded order. */
function assemble(seed: number, split: string, quotas: FaceQuota[], nonFaces: number): SyntheticItem[] {
  // Per kind, the first SKIN_COLORED_SHARE of its count is skin-coloured (every blob, no scene: landscapes have
  // their own colours); the order is shuffled below.
  const kinds = quota(NONFACE_KINDS.map((kind) => NONFACE_SHARES[kind]), nonFaces).flatMap((count, k) => {
    const kind = NONFACE_KINDS[k];
    const skin = kind === "blob" ? count : kind === "scene" ? 0 : Math.round(SKIN_COLORED_SHARE * count);
    return Array.from({length: count}, (_, j) => ({kind, skinColored: j < skin}));
  });
  const items: SyntheticItem[] = [];
  quotas.forEach((q, i) => {
    const random = mulberry32(deriveSeed(seed, `${split}-face-${i}`));
    items.push({face: sampleFace(q, random), nonFace: null, renderSeed: deriveSeed(seed, `${split}-face-pixels-${i}`)});
  });
  kinds.forEach(({kind, skinColored}, i) => {
    const random = mulberry32(deriveSeed(seed, `${split}-nonface-${i}`));
    items.push({face: null, nonFace: sampleNonFace(kind, skinColored, random), renderSeed: deriveSeed(seed, `${split}-nonface-pixels-${i}`)});
  });
  const order = permutation(items.length, mulberry32(deriveSeed(seed, `${split}-order`)));
  return Array.from(order, (k) => items[k]);
}

/** Draws the items: count × 64 × 64 × 3 RGB bytes, row-major. */
export function renderItems(items: SyntheticItem[]): Uint8Array {
  const tile = FACE_SIZE * FACE_SIZE * FACE_CHANNELS;
  const out = new Uint8Array(items.length * tile);
  items.forEach((item, i) => {
    const random = mulberry32(item.renderSeed);
    out.set(item.face ? renderFace(item.face, random) : renderNonFace(item.nonFace as NonFaceSpec, random), i * tile);
  });
  return out;
}

/** Whole counts for `shares` of `n` by largest remainder, so they sum to n exactly. */
export function quota(shares: number[], n: number): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / total) * n);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = n - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; ++k) ++counts[order[k][1]];
  return counts;
}

/** Sets `key` on exactly `count` of the quotas, chosen at random. */
function flags(quotas: FaceQuota[], key: "hat" | "glasses", count: number, random: () => number) {
  const chosen = shuffleInPlace(quotas.map((_, i) => i), random) as number[];
  for (const i of chosen.slice(0, count)) quotas[i][key] = true;
}

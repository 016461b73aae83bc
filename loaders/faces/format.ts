/**
 * FORMAT of the Faces essay's data: four files, under src/data/ (Framework loaders) or a
 * `npm run data -- faces … --out <dir>` folder. The page reads faces.json first.
 *
 * - faces.json, a FacesManifest: what the data is (synthetic drawings or the course's HDF5),
 *   the two splits' counts and sprite layout, the groups, the realised proportions.
 * - faces-train.png, faces-test.png: 8-bit RGB PNG sprites of 64×64 tiles; image i of a split
 *   sits at column i % columns, row ⌊i / columns⌋ (pixel x = 64·(i % columns), y = 64·⌊i / columns⌋);
 *   the unused end of the last row is black. Width = 64·min(count, columns), height = 64·⌈count / columns⌉.
 * - faces-attributes.json, a FacesAttributes: per split, one array per attribute, entry i
 *   describing image i of that split's sprite. Face-only attributes are null for non-faces,
 *   and every attribute the source does not know (FacesManifest.attributes.known) is null.
 *
 * Synthetic images are drawings made by loaders/faces/*.ts from a seed; `presentation` ("F"/"M")
 * is a rendering attribute of those drawings (hair length, facial hair, brow thickness), not a
 * claim about people, and skinTone indexes the project's own six-colour ramp (manifest.skinTones).
 */

/** File names, the same under src/data/ and in a CLI --out folder. */
export const FACES_FILES = {
  manifest: "faces.json", train: "faces-train.png", test: "faces-test.png", attributes: "faces-attributes.json"
} as const;

/** Tile side in pixels and channels per pixel. */
export const FACE_SIZE = 64;
export const FACE_CHANNELS = 3;
/** Tiles per sprite row: 64 tiles = 4096 px, within every browser's canvas limit. */
export const SPRITE_COLUMNS = 64;

/** The course's four test groups: lighter/darker skin (tones 1–3 / 4–6) × female/male presentation. */
export const GROUPS = ["LF", "LM", "DF", "DM"] as const;
export type Group = (typeof GROUPS)[number];
export const GROUP_NAMES: Record<Group, string> = {
  LF: "lighter skin, female presentation", LM: "lighter skin, male presentation",
  DF: "darker skin, female presentation", DM: "darker skin, male presentation"
};

export interface FacesSplitInfo {
  count: number;
  faces: number;
  nonFaces: number;
  /** FACES_FILES.train or .test */
  file: string;
  columns: number;
  /** Sprite size in pixels. */
  width: number;
  height: number;
  /** Faces per group; faces whose group is unknown are not counted (HDF5 training faces). */
  groups: Record<Group, number>;
}

/** Shares realised in a split, each a fraction in [0, 1]; null where the source does not say. */
export interface FacesProportions {
  /** Faces / all images. */
  faces: number;
  /** The rest are shares of the faces: */
  lighter: number | null;
  darker: number | null;
  female: number | null;
  hat: number | null;
  glasses: number | null;
  facialHair: number | null;
  /** Shares of skin tones 1…6 (6 entries). */
  skinTone: number[] | null;
  groups: Record<Group, number> | null;
  /** Share of the non-faces painted in a skin colour (synthetic data); null where the source does not say. */
  skinColoredNonFaces: number | null;
}

export interface FacesManifest {
  dataset: "synthetic-faces" | "hdf5";
  synthetic: boolean;
  description: string;
  /** Seed of the synthetic drawings, or of the HDF5 subsample. */
  seed: number;
  /** Hex SHA-256 of the HDF5 file; null for synthetic data. */
  sha256: string | null;
  /** "synthetic", or the HDF5 path; testSource: "synthetic", the HDF5 path (held out) or the PNG folder. */
  source: string;
  testSource: string;
  size: 64;
  channels: 3;
  train: FacesSplitInfo;
  test: FacesSplitInfo;
  groups: Group[];
  groupNames: Record<Group, string>;
  /** The training skew as realised (train) and the test set's balance (test). */
  proportions: {train: FacesProportions; test: FacesProportions};
  /** Targets the synthetic generator was asked for (the realised ones are in proportions); null for HDF5. */
  targets: Record<string, unknown> | null;
  /** The six-colour skin ramp (sRGB bytes) the synthetic faces use; null for HDF5. */
  skinTones: {rgb: number[][]; note: string} | null;
  attributes: {file: string; known: {train: AttributeName[]; test: AttributeName[]}};
  license: string;
  notes: string[];
}

/** One split's attributes: arrays of the split's `count` entries, entry i for image i. */
export interface FacesSplitAttributes {
  /** 1 face, 0 not a face. */
  label: number[];
  /** "face", a non-face kind ("round" | "blob" | "object" | "scene" | "texture"), or "nonface" when the source does not say. */
  kind: string[];
  group: (Group | null)[];
  /** 1–6 on manifest.skinTones, lightest first. */
  skinTone: (number | null)[];
  presentation: ("F" | "M" | null)[];
  hat: (boolean | null)[];
  glasses: (boolean | null)[];
  /** "none" | "stubble" | "moustache" | "beard" */
  facialHair: (string | null)[];
  /** "black" | "darkBrown" | "brown" | "blond" | "red" | "grey" | "white" */
  hairColor: (string | null)[];
  /** "short" | "long" | "bob" | "bun" | "curly" | "bald" */
  hairStyle: (string | null)[];
  /** Degrees: head turn (− toward the viewer's left), in-plane tilt (clockwise +), light azimuth (− from the left). */
  yaw: (number | null)[];
  roll: (number | null)[];
  light: (number | null)[];
  smile: (boolean | null)[];
  /** "wall" | "studio" | "bokeh" | "outdoor" | "pattern" (faces; non-faces draw their own). */
  background: (string | null)[];
  /** 0–1: blur blended in; grain amplitude as a fraction of full scale. */
  blur: (number | null)[];
  noise: (number | null)[];
  /** Non-faces painted in a skin-ramp colour (null for faces). */
  skinColored: (boolean | null)[];
}

export type AttributeName = keyof FacesSplitAttributes;

export interface FacesAttributes {
  train: FacesSplitAttributes;
  test: FacesSplitAttributes;
}

export const ATTRIBUTE_NAMES: AttributeName[] = [
  "label", "kind", "group", "skinTone", "presentation", "hat", "glasses", "facialHair", "hairColor", "hairStyle",
  "yaw", "roll", "light", "smile", "background", "blur", "noise", "skinColored"
];

/** Attribute arrays of `count` nulls, to be filled in by a source. */
export function emptyAttributes(count: number): FacesSplitAttributes {
  return Object.fromEntries(ATTRIBUTE_NAMES.map((name) => [name, new Array(count).fill(null)])) as
    unknown as FacesSplitAttributes;
}

// A synthetic face: the attributes that describe it (its ground truth) and how they are drawn
// for a seeded random stream. Everything here is a rendering choice for drawings; none of it
// is a claim about people. `presentation` ("F" / "M") only switches rendering priors (hair
// length, facial hair, brow thickness) so that the four groups of the course's test set exist.
import {between, paintBackground, pick, type Background} from "./background.ts";
import {blur, createRaster, finish, rgb, type Raster, type Rgb} from "./draw.ts";
import {drawHead, type Head} from "./head.ts";

/**
 * The six skin tones, sRGB bytes, lightest first. Defined for this project as an even ramp in
 * lightness from pale to deep brown, loosely after the six types of the Fitzpatrick scale
 * (Fitzpatrick 1988) but not measured from any population; 1–3 count as "lighter", 4–6 as "darker".
 */
export const SKIN_TONES: readonly Rgb[] = [
  rgb(241, 212, 190), rgb(226, 184, 152), rgb(198, 148, 110), rgb(160, 108, 72), rgb(116, 76, 50), rgb(76, 50, 36)
];

export const HAIR_COLORS = {
  black: rgb(28, 24, 22), darkBrown: rgb(62, 42, 30), brown: rgb(110, 74, 46), blond: rgb(205, 170, 108),
  red: rgb(150, 72, 38), grey: rgb(150, 148, 145), white: rgb(218, 214, 208)
} as const;
export type HairColor = keyof typeof HAIR_COLORS;
export const HAIR_STYLES = ["short", "long", "bob", "bun", "curly", "bald"] as const;
export type HairStyle = (typeof HAIR_STYLES)[number];
export const FACIAL_HAIR = ["none", "stubble", "moustache", "beard"] as const;
export type FacialHair = (typeof FACIAL_HAIR)[number];

/** A face's ground truth, as stored in faces-attributes.json. Angles in degrees. */
export interface FaceSpec {
  skinTone: 1 | 2 | 3 | 4 | 5 | 6;
  presentation: "F" | "M";
  hat: boolean;
  glasses: boolean;
  facialHair: FacialHair;
  hairColor: HairColor;
  hairStyle: HairStyle;
  /** Head turn, − = toward the viewer's left, |yaw| ≤ 35°. */
  yaw: number;
  /** In-plane tilt, clockwise positive, |roll| ≤ 15°. */
  roll: number;
  /** Light direction's azimuth, − = from the viewer's left, |light| ≤ 70°. */
  light: number;
  smile: boolean;
  background: Background;
  /** Blur strength 0–1 (share of a 3×3 box blur blended in) and grain amplitude 0–1 (× 255 levels ≈ σ). */
  blur: number;
  noise: number;
}

/** The attributes the dataset fixes by quota; the rest are drawn here. */
export type FaceQuota = Pick<FaceSpec, "skinTone" | "presentation" | "hat" | "glasses">;

/** Draws the free attributes of a face with the quota attributes given. */
export function sampleFace(quota: FaceQuota, random: () => number): FaceSpec {
  const {skinTone, presentation} = quota;
  const female = presentation === "F";
  // Hair colour priors by tone: lighter tones get more blond, red and brown; all get grey sometimes.
  const hairColor: HairColor = random() < 0.08 ? pick(["grey", "white"] as const, random)
    : skinTone <= 2 ? pick(["black", "darkBrown", "brown", "brown", "blond", "blond", "red"] as const, random)
    : skinTone === 3 ? pick(["black", "darkBrown", "darkBrown", "brown", "blond"] as const, random)
    : pick(["black", "black", "black", "darkBrown"] as const, random);
  const hairStyle: HairStyle = female
    ? pick(["long", "long", "long", "bob", "bob", "bun", "curly", "short"] as const, random)
    : pick(["short", "short", "short", "short", "curly", "bald", "long"] as const, random);
  const facialHair: FacialHair = female ? "none"
    : pick(["none", "none", "none", "none", "stubble", "moustache", "beard"] as const, random);
  return {
    ...quota, facialHair, hairColor, hairStyle,
    yaw: Math.round(between(-35, 35, random)), roll: Math.round(between(-15, 15, random) * random()),
    light: Math.round(between(-70, 70, random)), smile: random() < 0.5,
    background: paintBackgroundKind(random),
    blur: Number((random() < 0.35 ? between(0.3, 1, random) : 0).toFixed(2)),
    noise: Number((random() < 0.2 ? between(0.004, 0.012, random) : 0).toFixed(3))
  };
}

function paintBackgroundKind(random: () => number): Background {
  return pick(["wall", "wall", "studio", "bokeh", "outdoor", "pattern"] as const, random);
}

/** Renders `spec` to 64×64 RGB bytes; `random` drives only the details that are not attributes. */
export function renderFace(spec: FaceSpec, random: () => number, size = 64): Uint8Array {
  const r: Raster = createRaster(size);
  paintBackground(r, random, spec.background);
  const k = size / 64;
  const s = between(1.0, 1.22, random) * k;
  const base = SKIN_TONES[spec.skinTone - 1];
  // Per-face variation of a tone: ±5 % brightness and a little more or less red.
  const bright = between(0.95, 1.05, random), warm = between(-0.03, 0.03, random);
  const skin: Rgb = [base[0] * bright * (1 + warm), base[1] * bright, base[2] * bright * (1 - warm)];
  const lam = (spec.light * Math.PI) / 180;
  const lightVec = normalize([Math.sin(lam), -0.45, Math.cos(lam) + 0.25]);
  const head: Head = {
    spec, skin, light: lightVec, random,
    cx: size / 2 + between(-2.5, 2.5, random) * k, cy: size * 0.5 + between(-2, 2.5, random) * k,
    rx: 13.5 * s * between(0.88, 1.08, random), ry: 17.5 * s * between(0.95, 1.08, random),
    roll: (spec.roll * Math.PI) / 180, yaw: (spec.yaw * Math.PI) / 180,
    hair: HAIR_COLORS[spec.hairColor], jaw: between(0, 1, random)
  };
  drawHead(r, head);
  blur(r, spec.blur, spec.blur > 0.7 ? 2 : 1);
  const exposure = between(0.88, 1.1, random), tint = between(-0.04, 0.04, random);
  return finish(r, [exposure * (1 + tint), exposure, exposure * (1 - tint)], spec.noise, random);
}

function normalize(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

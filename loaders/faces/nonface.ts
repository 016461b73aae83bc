// Non-face images, the negatives of the detector. They are chosen to be hard to tell from the
// faces by shape alone: round shaded things, skin-coloured blobs (hand-like shapes), objects,
// scenes and textures, on the faces' own backgrounds and with the same blur, grain and
// exposure as the faces. Their skin colours come from the darker tones only: like the browns
// of wood, bread and leather among ImageNet's negatives, they overlap darker skin, so that on
// skewed training faces "lighter skin means face" is a tempting shortcut.
import {between, paintBackground, pick} from "./background.ts";
import {blur, createRaster, ellipse, fillWith, finish, mix, polygon, rect, rgb, scale, sphereShade, stroke,
  valueNoise, type Raster, type Rgb} from "./draw.ts";
import {SKIN_TONES} from "./face.ts";

export const NONFACE_KINDS = ["round", "blob", "object", "scene", "texture"] as const;
export type NonFaceKind = (typeof NONFACE_KINDS)[number];

/** Share of round things, objects and textures painted in a skin colour, by quota (hand-like blobs always are, scenes never). */
export const SKIN_COLORED_SHARE = 0.5;
/** The tones of the skin ramp (face.ts) that skin-coloured non-faces are painted in: 4–6, the darker ones. */
export const NONFACE_SKIN_TONES = [4, 5, 6] as const;

/** A non-face's ground truth. `skinColored`: painted with a darker tone of the skin ramp (NONFACE_SKIN_TONES). */
export interface NonFaceSpec {
  kind: NonFaceKind;
  skinColored: boolean;
  blur: number;
  noise: number;
}

const OBJECT_COLORS: Rgb[] = [
  rgb(230, 120, 30), rgb(200, 40, 40), rgb(120, 170, 60), rgb(240, 230, 210), rgb(60, 90, 160),
  rgb(190, 170, 60), rgb(90, 60, 40), rgb(170, 170, 175), rgb(40, 40, 45), rgb(150, 90, 150)
];

/** Draws the free attributes of a non-face; its kind and whether it is skin-coloured come from the dataset's quotas. */
export function sampleNonFace(kind: NonFaceKind, skinColored: boolean, random: () => number): NonFaceSpec {
  return {
    kind, skinColored,
    blur: Number((random() < 0.35 ? between(0.3, 1, random) : 0).toFixed(2)),
    noise: Number((random() < 0.2 ? between(0.004, 0.012, random) : 0).toFixed(3))
  };
}

/** Renders `spec` to 64×64 RGB bytes. */
export function renderNonFace(spec: NonFaceSpec, random: () => number, size = 64): Uint8Array {
  const r = createRaster(size);
  const color = (): Rgb => {
    if (!spec.skinColored) return pick(OBJECT_COLORS, random);
    const c = SKIN_TONES[pick(NONFACE_SKIN_TONES, random) - 1], k = between(0.92, 1.08, random);
    return [c[0] * k, c[1] * k, c[2] * k];
  };
  const lam = between(-1.2, 1.2, random);
  const light = [Math.sin(lam) * 0.85, -0.45, Math.cos(lam) * 0.85];
  const len = Math.hypot(...light);
  const L = light.map((x) => x / len);
  const k = size / 64;
  if (spec.kind === "texture") {
    // The second colour is pulled toward a darker copy of the first, so no texture comes out flat.
    const a = color();
    paintTexture(r, a, mix(color(), scale(a, 0.55), 0.5), random);
  }
  else if (spec.kind === "scene") paintScene(r, random);
  else paintBackground(r, random);
  if (spec.kind === "round") {
    // Balls, fruit, eggs, plates, bread rolls: one or a few shaded ellipses with a highlight.
    for (let n = random() < 0.7 ? 1 : 2 + Math.floor(random() * 2); n > 0; --n) {
      const rx = between(9, 22, random) * k, ry = rx * between(0.75, 1.35, random), angle = between(-0.5, 0.5, random);
      const cx = between(18, 46, random) * k, cy = between(18, 48, random) * k, c = color();
      ellipse(r, cx + rx * 0.15, cy + ry * 0.9, rx * 0.9, ry * 0.2, 0, {color: [0, 0, 0], alpha: 0.25, soft: 4});
      ellipse(r, cx, cy, rx, ry, angle, {color: c, shade: sphereShade(L, angle)});
      ellipse(r, cx + L[0] * rx * 0.4, cy + L[1] * ry * 0.5, rx * 0.25, ry * 0.18, angle,
        {color: [1, 1, 1], alpha: between(0.1, 0.5, random), soft: 3});
      // Spots, stems, dents or markings: small dark marks placed at random, never as eyes and mouth.
      for (let m = Math.floor(random() * 4); m > 0; --m) {
        const t = random() * 2 * Math.PI, d = random() * 0.7;
        ellipse(r, cx + Math.cos(t) * rx * d, cy + Math.sin(t) * ry * d, between(0.6, 2.5, random),
          between(0.6, 2.5, random), random() * 3, {color: scale(c, 0.5), alpha: 0.6});
      }
      if (random() < 0.3) stroke(r, [[cx, cy - ry], [cx + between(-3, 3, random), cy - ry - 5 * k]], 1.5 * k,
        {color: rgb(80, 60, 30)});
    }
  } else if (spec.kind === "blob") {
    // A hand-like shape: a palm and four or five fingers, or an arm; skin-coloured and lit.
    const c = color(), cx = between(22, 42, random) * k, cy = between(26, 44, random) * k, angle = between(-1, 1, random);
    const palm = between(9, 14, random) * k;
    for (let f = 0; f < (random() < 0.5 ? 5 : 4); ++f) {
      const a = angle - Math.PI / 2 + (f - 1.5) * 0.35, len2 = palm * between(1.3, 2, random);
      const tip = [cx + Math.cos(a) * len2, cy + Math.sin(a) * len2];
      stroke(r, [[cx, cy], tip], palm * 0.42, {color: scale(c, 0.95), shade: (u) => 1.05 - 0.2 * u});
    }
    ellipse(r, cx, cy, palm, palm * 1.15, angle, {color: c, shade: sphereShade(L, angle, 0.5, 0.6)});
    if (random() < 0.6) rect(r, cx - Math.sin(angle) * palm * 1.8, cy + Math.cos(angle) * palm * 1.8, palm * 0.7,
      palm * 1.2, angle, palm * 0.5, {color: scale(c, 0.9), shade: sphereShade(L, angle, 0.5, 0.6)});
  } else if (spec.kind === "object") {
    // Cups, bottles, boxes, lamps: rectangles and ellipses with rim highlights.
    const c = color(), cx = between(20, 44, random) * k, cy = between(24, 42, random) * k;
    const hw = between(6, 14, random) * k, hh = between(8, 20, random) * k, shade = sphereShade(L, 0, 0.55, 0.5);
    rect(r, cx, cy, hw, hh, between(-0.2, 0.2, random), between(0, hw, random), {color: c, shade});
    const top = pick(["rim", "neck", "shade", "lid"] as const, random);
    if (top === "rim") ellipse(r, cx, cy - hh, hw, hw * 0.3, 0, {color: scale(c, 0.6)});
    else if (top === "neck") rect(r, cx, cy - hh - 5 * k, hw * 0.35, 6 * k, 0, 1, {color: scale(c, 0.85), shade});
    else if (top === "shade") polygon(r, [[cx - hw * 1.6, cy - hh], [cx + hw * 1.6, cy - hh], [cx + hw * 0.8, cy - hh * 2],
      [cx - hw * 0.8, cy - hh * 2]], {color: color(), shade});
    else rect(r, cx, cy - hh, hw * 1.1, 2 * k, 0, 1, {color: color()});
    if (random() < 0.5) stroke(r, [[cx + hw, cy - hh * 0.4], [cx + hw * 1.6, cy], [cx + hw, cy + hh * 0.4]], 2 * k,
      {color: scale(c, 0.8)});
  }
  blur(r, spec.blur, spec.blur > 0.7 ? 2 : 1);
  const exposure = between(0.88, 1.1, random), tint = between(-0.04, 0.04, random);
  return finish(r, [exposure * (1 + tint), exposure, exposure * (1 - tint)], spec.noise, random);
}

/** Wood, fabric, stone or foliage: warped stripes or layered noise in two colours. */
function paintTexture(r: Raster, a: Rgb, b: Rgb, random: () => number) {
  const coarse = valueNoise(random, r.size, between(6, 20, random)), fine = valueNoise(random, r.size, 2);
  const mode = pick(["grain", "stone", "weave"] as const, random), period = between(3, 9, random);
  fillWith(r, (x, y, out) => {
    const t = mode === "grain" ? 0.5 + 0.5 * Math.sin((x + 12 * coarse(x, y)) / period)
      : mode === "stone" ? coarse(x, y) * 0.7 + fine(x, y) * 0.3
      : 0.5 + 0.25 * (Math.sin(x / period * 3) + Math.sin(y / period * 3)) * (0.6 + 0.4 * fine(x, y));
    for (let k = 0; k < 3; ++k) out[k] = a[k] + (b[k] - a[k]) * t;
  });
}

/** Landscapes: sky, hills and trees, with a sun or a cloud now and then. */
function paintScene(r: Raster, random: () => number) {
  const size = r.size;
  paintBackground(r, random, "outdoor");
  for (let n = Math.floor(between(1, 4, random)); n > 0; --n) {
    const base = between(0.45, 0.8, random) * size, peak = between(0.15, 0.5, random) * size, x = between(0, size, random);
    polygon(r, [[x - size * 0.6, base], [x, peak], [x + size * 0.6, base], [x + size * 0.6, size], [x - size * 0.6, size]],
      {color: mix(rgb(90, 100, 110), rgb(60, 90, 50), random()), alpha: 0.9, shade: (_u, v) => 1 - 0.2 * v});
  }
  if (random() < 0.5) {
    const s = between(3, 7, random);
    ellipse(r, between(5, 59, random), between(5, 20, random), s, s, 0, {color: rgb(250, 235, 190), soft: 1.5});
  }
  for (let n = Math.floor(between(0, 5, random)); n > 0; --n) {
    const x = between(0, size, random), y = between(0.55, 0.95, random) * size, h = between(6, 18, random);
    stroke(r, [[x, y], [x, y - h]], 1.5, {color: rgb(70, 50, 35)});
    ellipse(r, x, y - h, h * 0.45, h * 0.55, 0, {color: mix(rgb(40, 90, 40), rgb(110, 130, 50), random()),
      shade: sphereShade([0.3, -0.6, 0.74])});
  }
}

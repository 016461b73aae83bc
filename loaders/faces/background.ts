// Backgrounds shared by faces and non-faces, so that the surroundings alone tell a
// classifier nothing: walls, studio light, out-of-focus scenes and soft patterns.
import {ellipse, fillWith, mix, rgb, valueNoise, type Raster, type Rgb} from "./draw.ts";

export const BACKGROUNDS = ["wall", "studio", "bokeh", "outdoor", "pattern"] as const;
export type Background = (typeof BACKGROUNDS)[number];

// Muted room, sky, foliage and fabric colours, picked by eye for variety.
const PALETTE: Rgb[] = [
  rgb(214, 210, 200), rgb(180, 190, 200), rgb(120, 130, 140), rgb(70, 80, 95), rgb(40, 42, 48),
  rgb(160, 140, 120), rgb(110, 90, 75), rgb(200, 180, 150), rgb(90, 120, 90), rgb(60, 90, 130),
  rgb(150, 60, 60), rgb(230, 225, 215), rgb(20, 20, 25), rgb(130, 160, 190), rgb(190, 150, 110)
];

export const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
export const between = (lo: number, hi: number, random: () => number) => lo + (hi - lo) * random();

/** A random palette colour, jittered in brightness. */
export function backgroundColor(random: () => number): Rgb {
  const c = pick(PALETTE, random);
  const k = between(0.8, 1.15, random);
  return [c[0] * k, c[1] * k, c[2] * k];
}

/** Fills the raster with a background of `kind` (random when not given) and returns the kind. */
export function paintBackground(r: Raster, random: () => number, kind: Background = pick(BACKGROUNDS, random)) {
  const {size} = r;
  const a = backgroundColor(random), b = backgroundColor(random);
  const noise = valueNoise(random, size, between(8, 24, random));
  if (kind === "wall") {
    const tilt = between(-0.5, 0.5, random);
    const far = mix(a, b, 0.35);
    fillWith(r, (x, y, out) => {
      const t = (y + tilt * x) / size, n = 0.94 + 0.1 * noise(x, y);
      for (let k = 0; k < 3; ++k) out[k] = (a[k] + (far[k] - a[k]) * t) * n;
    });
  } else if (kind === "studio") {
    const cx = between(0.2, 0.8, random) * size, cy = between(0.2, 0.6, random) * size;
    const lit = mix(a, [1, 1, 1], 0.2), shadow = mix(a, [0, 0, 0], 0.55);
    fillWith(r, (x, y, out) => {
      const t = Math.min(1, Math.sqrt((x - cx) ** 2 + (y - cy) ** 2) / (0.9 * size));
      for (let k = 0; k < 3; ++k) out[k] = lit[k] + (shadow[k] - lit[k]) * t;
    });
  } else if (kind === "bokeh") {
    fillWith(r, (x, y, out) => {
      const t = noise(x, y);
      for (let k = 0; k < 3; ++k) out[k] = a[k] + (b[k] - a[k]) * t;
    });
    for (let k = Math.floor(between(3, 9, random)); k > 0; --k) {
      const s = between(3, 9, random);
      ellipse(r, between(0, size, random), between(0, size, random), s, s, 0,
        {color: mix(backgroundColor(random), [1, 1, 1], 0.3), alpha: between(0.2, 0.5, random), soft: s * 0.8});
    }
  } else if (kind === "outdoor") {
    const horizon = between(0.35, 0.75, random) * size;
    const sky = mix(rgb(120, 165, 215), rgb(220, 225, 230), random()), ground = mix(rgb(70, 110, 60), b, 0.3);
    fillWith(r, (x, y, out) => {
      const t = Math.min(1, Math.max(0, (y - horizon + 6 * (noise(x, 0) - 0.5)) / 6 + 0.5));
      const haze = Math.min(1, y / horizon) * 0.3, shade = 1 - 0.4 * noise(x, y);
      for (let k = 0; k < 3; ++k) out[k] = (sky[k] + (1 - sky[k]) * haze) * (1 - t) + ground[k] * shade * t;
    });
  } else {
    const period = between(5, 14, random), angle = between(0, Math.PI, random);
    const cos = Math.cos(angle), sin = Math.sin(angle);
    const stripe = mix(a, b, 0.5);
    fillWith(r, (x, y, out) => {
      const t = 0.5 + 0.5 * Math.sin(((x * cos + y * sin) / period) * 2 * Math.PI);
      for (let k = 0; k < 3; ++k) out[k] = a[k] + (stripe[k] - a[k]) * t;
    });
  }
  return kind;
}

// Draws a head and its features in face coordinates: u runs across the face (−1 left edge,
// +1 right edge, frontal view) and v down it (−1 crown, +1 chin). Yaw moves a surface point
// at u to sin(asin u + yaw) and narrows it by the cosine ratio, so the far eye shrinks and the
// nose shifts; roll rotates everything about the head's centre.
import {between, pick} from "./background.ts";
import {curve, ellipse, mix, rect, scale, sphereShade, stroke, valueNoise, type Raster, type Rgb, type Shade} from "./draw.ts";
import type {FaceSpec} from "./face.ts";

export interface Head {
  spec: FaceSpec;
  skin: Rgb;
  hair: Rgb;
  /** Unit light vector in image axes (x right, y down, z toward the viewer). */
  light: number[];
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Radians. */
  roll: number;
  yaw: number;
  /** 0 = oval, 1 = square jaw. */
  jaw: number;
  random: () => number;
}

const EYE_COLORS = [rgb255(60, 40, 28), rgb255(90, 60, 35), rgb255(110, 95, 60), rgb255(70, 100, 140), rgb255(80, 110, 80)];
const FRAME_COLORS = [rgb255(20, 20, 20), rgb255(90, 55, 30), rgb255(190, 160, 90), rgb255(170, 170, 175)];
const HAT_COLORS = [rgb255(170, 40, 40), rgb255(40, 60, 120), rgb255(30, 30, 30), rgb255(200, 190, 160),
  rgb255(60, 110, 70), rgb255(230, 140, 40), rgb255(120, 120, 125)];

function rgb255(r: number, g: number, b: number): Rgb {
  return [r / 255, g / 255, b / 255];
}

export function drawHead(r: Raster, h: Head) {
  const {spec, skin, hair, light, random, rx, ry, roll} = h;
  const sin = Math.sin(roll), cos = Math.cos(roll);
  /** Face coordinates → image pixels. */
  const at = (u: number, v: number) => [h.cx + u * rx * cos - v * ry * sin, h.cy + u * rx * sin + v * ry * cos];
  /** Where a surface point at frontal u appears after yaw, and its horizontal foreshortening. */
  const turn = (u: number) => {
    const t = Math.asin(Math.max(-1, Math.min(1, u))) + h.yaw;
    return {u: Math.sin(t), w: Math.max(0, Math.cos(t)) / Math.max(0.2, Math.sqrt(1 - u * u))};
  };
  const shadeHead = sphereShade(light, roll, 0.5, 0.6);
  const headShade: Shade = (_u, _v, x, y) => {
    const dx = x - h.cx, dy = y - h.cy;
    return shadeHead((dx * cos + dy * sin) / rx, Math.max(-1, (-dx * sin + dy * cos) / ry), x, y);
  };
  const texture = valueNoise(random, r.size, 3.5);
  const hairShade = (amount: number): Shade => {
    const sphere = sphereShade(light, roll, 0.55, 0.55);
    return (u, v, x, y) => sphere(u, v, x, y) * (1 - amount / 2 + amount * texture(x, y));
  };
  const dark = scale(skin, 0.55);
  const style = spec.hairStyle, haired = style !== "bald";

  // Body and neck, then the hair that falls behind the head.
  const [bx, by] = [h.cx + between(-2, 2, random), h.cy + ry * 1.95];
  ellipse(r, bx, by, rx * 2.3, ry * 0.85, 0, {color: pick(HAT_COLORS, random), shade: sphereShade(light, 0, 0.5, 0.5)});
  if (style === "long" || style === "bob" || style === "curly") {
    const [lx, ly] = style === "long" ? at(0, 0.35) : style === "bob" ? at(0, 0.05) : at(0, -0.25);
    const [lrx, lry] = style === "long" ? [1.32, 1.3] : style === "bob" ? [1.22, 1.08] : [1.45, 1.12];
    ellipse(r, lx, ly, rx * lrx, ry * lry, roll, {color: scale(hair, 0.8), shade: hairShade(0.5), soft: style === "curly" ? 2 : 1});
  }
  const [nx, ny] = at(0, 1.05);
  rect(r, nx, ny, rx * 0.42, ry * 0.4, roll / 2, 2, {color: scale(skin, 0.78), shade: headShade});

  if (style === "bun" && !spec.hat) {
    const [ux, uy] = at(turn(0).u * 0.3, -1.05);
    ellipse(r, ux, uy, rx * 0.42, ry * 0.3, roll, {color: hair, shade: hairShade(0.4)});
  }
  if (haired) {
    const [tx, ty] = at(0, -0.2);
    ellipse(r, tx, ty, rx * 1.07, ry * 0.92, roll, {color: hair, shade: hairShade(0.4)});
  }
  // Ears, head, jaw.
  for (const side of [-1, 1]) {
    const {u, w} = turn(side * 0.97);
    if (w < 0.15 && Math.sign(u) !== side) continue;
    const [ex, ey] = at(u + side * 0.06, 0.1);
    ellipse(r, ex, ey, rx * 0.14, ry * 0.2, roll, {color: scale(skin, 0.92), shade: headShade});
  }
  const shift = Math.sin(h.yaw) * 0.06;
  const [hx, hy] = at(shift, 0);
  ellipse(r, hx, hy, rx, ry, roll, {color: skin, shade: headShade});
  if (h.jaw > 0.5) {
    const [jx, jy] = at(shift, 0.55);
    rect(r, jx, jy, rx * (0.6 + 0.25 * h.jaw), ry * 0.42, roll, rx * 0.45, {color: skin, shade: headShade});
  }
  // Light's highlight on the forehead and the shadow of the eye sockets.
  const [fx, fy] = at(shift + light[0] * 0.35, -0.45);
  ellipse(r, fx, fy, rx * 0.35, ry * 0.2, roll, {color: [1, 1, 1], alpha: 0.12, soft: 4});
  const eyeV = between(-0.04, 0.06, random);
  for (const side of [-1, 1]) {
    const {u, w} = turn(side * 0.36);
    const [sx, sy] = at(u, eyeV - 0.04);
    ellipse(r, sx, sy, rx * 0.22 * w + 0.5, ry * 0.12, roll, {color: dark, alpha: 0.3, soft: 2.5});
  }
  // Facial hair sits under the mouth and nose.
  if (spec.facialHair === "beard" || spec.facialHair === "stubble") {
    const beard = spec.facialHair === "beard";
    const [gx, gy] = at(shift, beard ? 0.78 : 0.72);
    ellipse(r, gx, gy, rx * 0.86, ry * (beard ? 0.36 : 0.34), roll,
      {color: mix(hair, dark, 0.3), alpha: beard ? 0.85 : 0.25, soft: beard ? 2.5 : 3, shade: hairShade(0.6)});
  }
  drawNose(r, h, at, turn, dark);
  drawMouth(r, h, at, turn, dark);
  for (const side of [-1, 1]) drawEye(r, h, at, turn, side, eyeV);
  if (haired) drawHairFront(r, h, at, hairShade);
  if (spec.glasses) drawGlasses(r, h, at, turn, eyeV);
  if (spec.hat) drawHat(r, h, at, turn);
}

type At = (u: number, v: number) => number[];
type Turn = (u: number) => {u: number; w: number};

function drawNose(r: Raster, h: Head, at: At, turn: Turn, dark: Rgb) {
  const u = Math.sin(h.yaw) * 1.15, side = h.light[0] > 0 ? -1 : 1;
  const len = between(0.36, 0.46, h.random), width = between(0.1, 0.16, h.random);
  stroke(r, [at(u + side * width * 0.6, 0.05), at(u + side * width, len - 0.05)], 1.6,
    {color: dark, alpha: 0.3, soft: 2});
  const [tx, ty] = at(u, len);
  ellipse(r, tx, ty, h.rx * width, h.ry * 0.07, h.roll, {color: [1, 1, 1], alpha: 0.12, soft: 1.5});
  const [ux, uy] = at(u, len + 0.07);
  ellipse(r, ux, uy, h.rx * (width + 0.05), h.ry * 0.045, h.roll, {color: dark, alpha: 0.45, soft: 1.5});
  for (const s of [-1, 1]) {
    const [qx, qy] = at(u + s * width * 0.55 * turn(s * 0.1).w, len + 0.04);
    ellipse(r, qx, qy, 0.8, 0.55, h.roll, {color: scale(dark, 0.5), alpha: 0.5});
  }
}

function drawMouth(r: Raster, h: Head, at: At, turn: Turn, dark: Rgb) {
  const {spec, random} = h;
  const v = between(0.58, 0.66, random), half = between(0.24, 0.34, random);
  const left = turn(-half), right = turn(half), mid = Math.sin(h.yaw) * 0.97;
  const lift = spec.smile ? 0.07 : between(-0.02, 0.02, random);
  const lips = mix(scale(h.skin, 0.82), rgb255(165, 60, 70), spec.presentation === "F" ? 0.45 : 0.25);
  const [cx, cy] = at(mid, v);
  const w = ((right.u - left.u) / 2) * h.rx;
  ellipse(r, cx, cy - 0.8, w * 0.9, 1.1, h.roll, {color: scale(lips, 0.85), alpha: 0.85});
  ellipse(r, cx, cy + 1.2, w * 0.8, spec.smile ? 1.2 : 1.6, h.roll, {color: lips, alpha: 0.85,
    shade: sphereShade(h.light, h.roll, 0.7, 0.4)});
  if (spec.smile && random() < 0.4) ellipse(r, cx, cy + 0.3, w * 0.6, 0.9, h.roll, {color: [0.93, 0.9, 0.86]});
  const line = curve(at(left.u, v - lift), at(mid, v + (spec.smile ? 0.08 : 0)), at(right.u, v - lift));
  stroke(r, line, 0.9, {color: scale(dark, 0.5), alpha: 0.8});
  if (spec.facialHair === "moustache" || (spec.facialHair === "beard" && random() < 0.7)) {
    const m = curve(at(left.u - 0.04, v - 0.08), at(mid, v - 0.16), at(right.u + 0.04, v - 0.08));
    stroke(r, m, 2.2, {color: mix(h.hair, dark, 0.2), alpha: 0.9});
  }
}

function drawEye(r: Raster, h: Head, at: At, turn: Turn, side: number, v: number) {
  const {u, w} = turn(side * 0.36);
  if (w < 0.25) return;
  const {random, spec, roll} = h;
  const [ex, ey] = at(u, v);
  const ew = h.rx * 0.15 * w, eh = h.ry * 0.055;
  ellipse(r, ex, ey, ew, eh, roll, {color: [0.9, 0.88, 0.85], shade: sphereShade(h.light, roll, 0.75, 0.3)});
  const iris = spec.skinTone >= 4 ? EYE_COLORS[0] : pick(EYE_COLORS, random);
  const gaze = Math.sin(h.yaw) * ew * 0.3;
  ellipse(r, ex + gaze, ey, eh * 1.05, eh * 1.05, 0, {color: iris});
  ellipse(r, ex + gaze, ey, eh * 0.45, eh * 0.45, 0, {color: [0.05, 0.05, 0.05]});
  ellipse(r, ex + gaze + 0.5, ey - 0.5, 0.45, 0.45, 0, {color: [1, 1, 1], alpha: 0.7});
  const lid = curve(at(u - side * 0.16 * w, v + 0.01), at(u, v - 0.09), at(u + side * 0.16 * w, v));
  stroke(r, lid, spec.presentation === "F" ? 1.2 : 0.9, {color: [0.1, 0.07, 0.06], alpha: 0.85});
  // Brows: heavier for "M" presentation, the same hue as the hair.
  const bv = v - between(0.17, 0.23, random), thick = spec.presentation === "M" ? between(1.5, 2.1, random)
    : between(0.9, 1.3, random);
  const inner = turn(side * 0.14), outer = turn(side * 0.56);
  const brow = curve(at(inner.u, bv + 0.02), at(turn(side * 0.35).u, bv - 0.07), at(outer.u, bv + 0.03));
  stroke(r, brow, thick, {color: mix(h.hair, [0.1, 0.08, 0.06], 0.35), alpha: 0.85});
}

function drawHairFront(r: Raster, h: Head, at: At, hairShade: (amount: number) => Shade) {
  const {spec, random, roll} = h;
  const part = between(-0.5, 0.5, random);
  const line = spec.hairStyle === "short" ? between(-0.62, -0.48, random) : between(-0.55, -0.4, random);
  const [cx, cy] = at(part * 0.2, line - 0.42);
  ellipse(r, cx, cy, h.rx * 1.04, h.ry * 0.45, roll + part * 0.15, {color: h.hair, shade: hairShade(0.45)});
  if (spec.hairStyle === "long" || spec.hairStyle === "bob") {
    for (const side of [-1, 1]) {
      const [sx, sy] = at(side * 0.98, spec.hairStyle === "long" ? 0.15 : -0.05);
      ellipse(r, sx, sy, h.rx * 0.2, h.ry * 0.62, roll - side * 0.1, {color: h.hair, shade: hairShade(0.5)});
    }
  } else {
    for (const side of [-1, 1]) {
      const [sx, sy] = at(side * 0.93, -0.3);
      ellipse(r, sx, sy, h.rx * 0.12, h.ry * 0.28, roll, {color: h.hair, alpha: 0.9, shade: hairShade(0.4)});
    }
  }
}

function drawGlasses(r: Raster, h: Head, at: At, turn: Turn, v: number) {
  const {random, roll} = h;
  const frame = pick(FRAME_COLORS, random), sun = random() < 0.2, round = random() < 0.5;
  const ends: number[][] = [];
  for (const side of [-1, 1]) {
    const {u, w} = turn(side * 0.37);
    if (w < 0.2) continue;
    const [gx, gy] = at(u, v + 0.01);
    const hw = h.rx * 0.25 * w, hh = h.ry * (round ? 0.13 : 0.1);
    rect(r, gx, gy, hw + 0.8, hh + 0.8, roll, round ? hh : 1.2, {color: frame, alpha: 0.95});
    rect(r, gx, gy, hw - 0.2, hh - 0.2, roll, round ? hh : 0.8, {color: sun ? [0.08, 0.08, 0.1] : [0.85, 0.9, 0.95],
      alpha: sun ? 0.92 : 0.15});
    ends.push(at(u - side * 0.25 * w, v), at(u + side * 0.25 * w, v));
  }
  if (ends.length === 4) stroke(r, [ends[0], ends[2]], 0.9, {color: frame});
  if (!sun) {
    // The clear lenses were painted over the eyes; repaint the eyes faintly on top for clarity.
    for (const side of [-1, 1]) {
      const {u, w} = turn(side * 0.36);
      if (w < 0.25) continue;
      const [ex, ey] = at(u, v);
      ellipse(r, ex + Math.sin(h.yaw) * 0.5, ey, h.ry * 0.05, h.ry * 0.05, 0, {color: [0.05, 0.05, 0.05], alpha: 0.6});
    }
  }
}

function drawHat(r: Raster, h: Head, at: At, turn: Turn) {
  const {random, roll, light} = h;
  const kind = pick(["beanie", "cap", "brimmed"] as const, random);
  const color = pick(HAT_COLORS, random), shade = sphereShade(light, roll, 0.5, 0.6);
  if (kind === "beanie") {
    const [cx, cy] = at(0, -0.72);
    ellipse(r, cx, cy, h.rx * 1.12, h.ry * 0.58, roll, {color, shade});
    const [bx, by] = at(0, -0.36);
    rect(r, bx, by, h.rx * 1.1, h.ry * 0.1, roll, 2, {color: scale(color, 0.8), shade});
  } else if (kind === "cap") {
    const [cx, cy] = at(0, -0.68);
    ellipse(r, cx, cy, h.rx * 1.1, h.ry * 0.52, roll, {color, shade});
    const [bx, by] = at(turn(0).u * 1.3, -0.36);
    ellipse(r, bx, by, h.rx * 0.85, h.ry * 0.14, roll, {color: scale(color, 0.7), shade});
  } else {
    const [wx, wy] = at(0, -0.52);
    ellipse(r, wx, wy, h.rx * 1.75, h.ry * 0.22, roll, {color: scale(color, 0.85), shade});
    const [cx, cy] = at(0, -0.85);
    rect(r, cx, cy, h.rx * 0.9, h.ry * 0.38, roll, 4, {color, shade});
    const [bx, by] = at(0, -0.6);
    rect(r, bx, by, h.rx * 0.9, h.ry * 0.07, roll, 1, {color: scale(color, 0.4)});
  }
}

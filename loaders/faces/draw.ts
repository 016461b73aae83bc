// Drawing primitives for the synthetic faces: a small RGB float raster and shapes painted
// with soft, anti-aliased edges. Every shape is a signed distance d (pixels, < 0 inside);
// its coverage of a pixel is clamp(0.5 − d / soft), a one-pixel ramp when soft = 1, so edges
// are smooth without supersampling and larger `soft` values give out-of-focus edges.

/** An sRGB colour, each channel in [0, 1]. */
export type Rgb = readonly [number, number, number];

/** height × width × 3 channels in [0, 1], row-major, channels interleaved. */
export interface Raster {
  size: number;
  data: Float32Array;
}

/** A multiplier on the paint colour at a pixel, given the shape's normalised local (u, v). */
export type Shade = (u: number, v: number, x: number, y: number) => number;

export interface Paint {
  color: Rgb;
  /** Opacity of the fully covered part, 0–1. */
  alpha?: number;
  /** Edge width in pixels (1 = anti-aliased, larger = blurred). */
  soft?: number;
  shade?: Shade;
}

export function createRaster(size: number, color: Rgb = [0, 0, 0]): Raster {
  const data = new Float32Array(size * size * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = color[0];
    data[i + 1] = color[1];
    data[i + 2] = color[2];
  }
  return {size, data};
}

/** An sRGB byte triple as an Rgb. */
export const rgb = (r: number, g: number, b: number): Rgb => [r / 255, g / 255, b / 255];

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export const scale = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];

/** Paints pixels of the box [x0, x1) × [y0, y1) with `coverage(x, y, local)` at pixel centres. */
function paint(r: Raster, box: number[], p: Paint, coverage: (x: number, y: number, uv: Float64Array) => number) {
  const {color, alpha = 1, shade} = p;
  const x0 = Math.max(0, Math.floor(box[0])), x1 = Math.min(r.size, Math.ceil(box[2]));
  const y0 = Math.max(0, Math.floor(box[1])), y1 = Math.min(r.size, Math.ceil(box[3]));
  const uv = new Float64Array(2);
  for (let y = y0; y < y1; ++y) {
    for (let x = x0; x < x1; ++x) {
      const a = coverage(x + 0.5, y + 0.5, uv) * alpha;
      if (a <= 0) continue;
      const k = shade ? shade(uv[0], uv[1], x + 0.5, y + 0.5) : 1;
      const i = (y * r.size + x) * 3;
      for (let c = 0; c < 3; ++c) r.data[i + c] += (color[c] * k - r.data[i + c]) * a;
    }
  }
}

const ramp = (d: number, soft: number) => Math.min(1, Math.max(0, 0.5 - d / soft));

/** An ellipse with radii rx, ry rotated by `angle` radians; shade gets u, v ∈ [−1, 1] along its axes. */
export function ellipse(r: Raster, cx: number, cy: number, rx: number, ry: number, angle: number, p: Paint) {
  const soft = p.soft ?? 1, cos = Math.cos(angle), sin = Math.sin(angle), reach = Math.max(rx, ry) + soft + 1;
  paint(r, [cx - reach, cy - reach, cx + reach, cy + reach], p, (x, y, uv) => {
    const dx = x - cx, dy = y - cy;
    const px = dx * cos + dy * sin, py = -dx * sin + dy * cos;
    const u = px / rx, v = py / ry, d = Math.sqrt(u * u + v * v);
    uv[0] = u;
    uv[1] = v;
    // First-order distance to the boundary: (d − 1) / |∇d|, exact on circles.
    const gx = px / (rx * rx), gy = py / (ry * ry), g = Math.sqrt(gx * gx + gy * gy) / (d || 1);
    return ramp(d < 1e-6 ? -Math.min(rx, ry) : (d - 1) / g, soft);
  });
}

/** A rectangle of half sizes hw, hh with rounded corners of radius `round`, rotated by `angle`. */
export function rect(r: Raster, cx: number, cy: number, hw: number, hh: number, angle: number, round: number,
  p: Paint) {
  const soft = p.soft ?? 1, cos = Math.cos(angle), sin = Math.sin(angle), reach = Math.hypot(hw, hh) + soft + 1;
  const rr = Math.min(round, hw, hh);
  paint(r, [cx - reach, cy - reach, cx + reach, cy + reach], p, (x, y, uv) => {
    const dx = x - cx, dy = y - cy;
    const px = dx * cos + dy * sin, py = -dx * sin + dy * cos;
    uv[0] = px / hw;
    uv[1] = py / hh;
    const qx = Math.abs(px) - hw + rr, qy = Math.abs(py) - hh + rr;
    const ox = Math.max(qx, 0), oy = Math.max(qy, 0);
    const d = Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - rr;
    return ramp(d, soft);
  });
}

/** A stroke of `width` pixels through `points` (round caps and joins); u runs 0 → 1 along it. */
export function stroke(r: Raster, points: number[][], width: number, p: Paint) {
  const soft = p.soft ?? 1, half = width / 2, pad = half + soft + 1;
  const xs = points.map((q) => q[0]), ys = points.map((q) => q[1]);
  const box = [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
  paint(r, box, p, (x, y, uv) => {
    let best = Infinity;
    for (let k = 0; k + 1 < points.length; ++k) {
      const [ax, ay] = points[k], [bx, by] = points[k + 1];
      const ex = bx - ax, ey = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey || 1)));
      const fx = x - ax - t * ex, fy = y - ay - t * ey, d = Math.sqrt(fx * fx + fy * fy);
      if (d < best) {
        best = d;
        uv[0] = (k + t) / Math.max(1, points.length - 1);
      }
    }
    uv[1] = 0;
    return ramp(best - half, soft);
  });
}

/** A filled polygon (even–odd rule); shade gets (x, y) only. */
export function polygon(r: Raster, points: number[][], p: Paint) {
  const soft = p.soft ?? 1, pad = soft + 1;
  const xs = points.map((q) => q[0]), ys = points.map((q) => q[1]);
  const box = [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
  paint(r, box, p, (x, y) => {
    let best = Infinity, inside = false;
    for (let k = 0, j = points.length - 1; k < points.length; j = k++) {
      const [ax, ay] = points[j], [bx, by] = points[k];
      if ((ay > y) !== (by > y) && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      const ex = bx - ax, ey = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey || 1)));
      const fx = x - ax - t * ex, fy = y - ay - t * ey;
      best = Math.min(best, Math.sqrt(fx * fx + fy * fy));
    }
    return ramp(inside ? -best : best, soft);
  });
}

/** Points of the quadratic Bézier a → b with control c, for `stroke`. */
export function curve(a: number[], c: number[], b: number[], steps = 8): number[][] {
  return Array.from({length: steps + 1}, (_, k) => {
    const t = k / steps, s = 1 - t;
    return [s * s * a[0] + 2 * s * t * c[0] + t * t * b[0], s * s * a[1] + 2 * s * t * c[1] + t * t * b[1]];
  });
}

/**
 * Lambert lighting of an ellipsoid seen face-on: the normal at local (u, v) is (u, v, √(1 − u² − v²)).
 * `light` is a unit vector in image axes (x right, y down, z toward the viewer); `angle` is the
 * ellipse's rotation, so the light is turned into its frame once.
 */
export function sphereShade(light: readonly number[], angle = 0, ambient = 0.45, diffuse = 0.65): Shade {
  const cos = Math.cos(angle), sin = Math.sin(angle);
  const lu = light[0] * cos + light[1] * sin, lv = -light[0] * sin + light[1] * cos, lz = light[2];
  return (u, v) => {
    const z = Math.sqrt(Math.max(0, 1 - u * u - v * v));
    return ambient + diffuse * Math.max(0, u * lu + v * lv + z * lz);
  };
}

/** Smooth value noise in [0, 1] on a grid of `cell` pixels (bilinear with smoothstep). */
export function valueNoise(random: () => number, size: number, cell: number): (x: number, y: number) => number {
  const n = Math.ceil(size / cell) + 2;
  const grid = Float32Array.from({length: n * n}, () => random());
  const smooth = (t: number) => t * t * (3 - 2 * t);
  return (x, y) => {
    const gx = Math.max(0, x / cell), gy = Math.max(0, y / cell);
    const ix = Math.min(n - 2, Math.floor(gx)), iy = Math.min(n - 2, Math.floor(gy));
    const tx = smooth(Math.min(1, gx - ix)), ty = smooth(Math.min(1, gy - iy));
    const top = grid[iy * n + ix] * (1 - tx) + grid[iy * n + ix + 1] * tx;
    const bottom = grid[(iy + 1) * n + ix] * (1 - tx) + grid[(iy + 1) * n + ix + 1] * tx;
    return top * (1 - ty) + bottom * ty;
  };
}

/** Sets every pixel from `f(x, y)`, which writes its colour into `out`. */
export function fillWith(r: Raster, f: (x: number, y: number, out: number[]) => void) {
  const out = [0, 0, 0];
  for (let y = 0; y < r.size; ++y) {
    for (let x = 0; x < r.size; ++x) {
      f(x + 0.5, y + 0.5, out);
      const i = (y * r.size + x) * 3;
      r.data[i] = out[0];
      r.data[i + 1] = out[1];
      r.data[i + 2] = out[2];
    }
  }
}

/** Blurs with `passes` separable box passes of radius 1, blended with the original by `amount` ∈ [0, 1]. */
export function blur(r: Raster, amount: number, passes = 1) {
  if (amount <= 0) return;
  const {size, data} = r;
  const original = data.slice();
  const tmp = new Float32Array(data.length);
  for (let pass = 0; pass < passes; ++pass) {
    for (const [step, along] of [[3, 1], [size * 3, 0]] as const) {
      tmp.set(data);
      for (let y = 0; y < size; ++y) {
        for (let x = 0; x < size; ++x) {
          const i = (y * size + x) * 3, pos = along ? x : y;
          const lo = pos > 0 ? i - step : i, hi = pos < size - 1 ? i + step : i;
          for (let c = 0; c < 3; ++c) data[i + c] = (tmp[lo + c] + tmp[i + c] + tmp[hi + c]) / 3;
        }
      }
    }
  }
  for (let i = 0; i < data.length; ++i) data[i] = original[i] + (data[i] - original[i]) * Math.min(1, amount);
}

/**
 * Per-pixel colour transform to bytes: gain per channel (white balance, exposure), then grain,
 * then 64 levels per channel (6 bits, levels k·255/63). The quantisation is invisible at this size
 * and cuts the PNG sprites by ≈ 40 % (measured: 5.2 → 3.2 kB per face), which keeps the page's files small.
 */
export function finish(r: Raster, gain: Rgb, grain: number, random: () => number): Uint8Array {
  const bytes = new Uint8Array(r.data.length), data = r.data;
  const g0 = gain[0] * 63, g1 = gain[1] * 63, g2 = gain[2] * 63, toByte = 255 / 63;
  const level = (x: number) => Math.round((x < 0 ? 0 : x > 63 ? 63 : x)) * toByte + 0.5;
  for (let i = 0; i < data.length; i += 3) {
    // Sum of two uniforms: a cheap, bounded, bell-shaped grain shared by the three channels.
    const n = grain > 0 ? grain * (random() + random() - 1) * 2.45 * 63 : 0;
    bytes[i] = level(data[i] * g0 + n);
    bytes[i + 1] = level(data[i + 1] * g1 + n);
    bytes[i + 2] = level(data[i + 2] * g2 + n);
  }
  return bytes;
}

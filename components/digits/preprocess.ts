// Turning a drawing into an MNIST-like digit. MNIST digits were size-normalised to fit
// a 20 × 20 box and centred by their centre of mass in a 28 × 28 image (LeCun et al.,
// "The MNIST database"); a drawing must get the same treatment or the model sees a
// digit unlike any it was trained on.

/** Ink bounding box of a [height, width] grey image (0 = empty), or null if blank. */
export function inkBounds(values: ArrayLike<number>, width: number, height: number, threshold = 0.05) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width; ++x) {
      if (values[y * width + x] > threshold) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x);
        y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : {x0, y0, x1, y1};
}

/** Shifts a [size, size] image so its centre of mass lies at the centre (integer shift). */
export function centreByMass(values: Float32Array, size: number): Float32Array {
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < size; ++y) {
    for (let x = 0; x < size; ++x) {
      const v = values[y * size + x];
      mass += v; mx += v * x; my += v * y;
    }
  }
  if (mass === 0) return values.slice();
  const dx = Math.round((size - 1) / 2 - mx / mass);
  const dy = Math.round((size - 1) / 2 - my / mass);
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; ++y) {
    for (let x = 0; x < size; ++x) {
      const sx = x - dx, sy = y - dy;
      if (sx >= 0 && sx < size && sy >= 0 && sy < size) out[y * size + x] = values[sy * size + sx];
    }
  }
  return out;
}

/** Area-averages the box [x0, x1] × [y0, y1] of a large grey image into a `box` × `box`
 * square (aspect kept) placed in the middle of a `size` × `size` image. */
export function fitIntoBox(
  values: ArrayLike<number>, width: number,
  bounds: {x0: number; y0: number; x1: number; y1: number},
  box = 20, size = 28
): Float32Array {
  const w = bounds.x1 - bounds.x0 + 1;
  const h = bounds.y1 - bounds.y0 + 1;
  const scale = box / Math.max(w, h); // output pixels per input pixel
  const outW = Math.max(1, Math.round(w * scale));
  const outH = Math.max(1, Math.round(h * scale));
  const offX = Math.floor((size - outW) / 2);
  const offY = Math.floor((size - outH) / 2);
  const sum = new Float32Array(size * size);
  const count = new Float32Array(size * size);
  for (let y = bounds.y0; y <= bounds.y1; ++y) {
    const oy = offY + Math.min(outH - 1, Math.floor((y - bounds.y0) * scale));
    for (let x = bounds.x0; x <= bounds.x1; ++x) {
      const ox = offX + Math.min(outW - 1, Math.floor((x - bounds.x0) * scale));
      sum[oy * size + ox] += values[y * width + x];
      count[oy * size + ox] += 1;
    }
  }
  return sum.map((s, i) => (count[i] ? Math.min(1, s / count[i]) : 0));
}

/** A drawing ([height, width] grey, 0 = background, 1 = ink) → a 28 × 28 MNIST-like digit,
 * or null when nothing is drawn. */
export function drawingToDigit(values: ArrayLike<number>, width: number, height: number): Float32Array | null {
  const bounds = inkBounds(values, width, height);
  if (!bounds) return null;
  return centreByMass(fitIntoBox(values, width, bounds), 28);
}

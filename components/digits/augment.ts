// Data augmentation for the digits: shift the batch by up to `max` pixels in each
// direction (one seeded shift per batch, zero-padded). MNIST digits are centred by their
// centre of mass, but handwriting wanders by a pixel or two; seeing shifted copies makes
// a model trained on few digits generalise better.
import {tf} from "../tf.ts";

/** xs: [b, 28, 28, 1] → the same shape, shifted by (dy, dx) ∈ [−max, max]². */
export function shiftBatch(xs: tf.Tensor, random: () => number, max = 2): tf.Tensor {
  const [, h, w] = xs.shape as number[];
  const dy = Math.floor(random() * (2 * max + 1)) - max;
  const dx = Math.floor(random() * (2 * max + 1)) - max;
  return tf.tidy(() => {
    const padded = tf.pad(xs, [[0, 0], [max, max], [max, max], [0, 0]]); // [b, h + 2max, w + 2max, 1]
    return tf.slice(padded, [0, max - dy, max - dx, 0], [-1, h, w, -1]);
  });
}

export interface AffineOptions {
  /** Largest shift in each direction [px]. */
  shift: number;
  /** Largest rotation either way [degrees]. */
  degrees: number;
  /** Largest relative change of size: 0.1 draws scales in [0.9, 1.1]. */
  scale: number;
}

/**
 * xs: [b, h, w, 1] → the same shape, each image moved by its own seeded affine map (a
 * rotation and a scaling about the image centre, then a shift; bilinear, zero outside).
 * One draw per image rather than per batch: the model never sees two images of a batch
 * moved alike, which is what lets a small training set stand in for a larger one.
 */
export function affineBatch(xs: tf.Tensor, random: () => number, {shift, degrees, scale}: AffineOptions): tf.Tensor {
  const [b, h, w] = xs.shape as number[];
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const rows = new Float32Array(b * 8);
  const between = (limit: number) => (2 * random() - 1) * limit;
  for (let i = 0; i < b; ++i) {
    const angle = (between(degrees) * Math.PI) / 180;
    const size = 1 + between(scale);
    const tx = between(shift);
    const ty = between(shift);
    // tf.image.transform maps each output pixel (x, y) to the input point it samples, so
    // the row holds the inverse map: rotate by −angle, divide by the size, undo the shift.
    const cos = Math.cos(angle) / size;
    const sin = Math.sin(angle) / size;
    const [a0, a1, b0, b1] = [cos, sin, -sin, cos];
    rows.set([a0, a1, cx - (a0 * (cx + tx) + a1 * (cy + ty)), b0, b1, cy - (b0 * (cx + tx) + b1 * (cy + ty)), 0, 0], i * 8);
  }
  return tf.tidy(() => {
    const maps = tf.tensor2d(rows, [b, 8]);
    if (tf.getBackend() !== "cpu") return tf.image.transform(xs as tf.Tensor4D, maps, "bilinear", "constant", 0);
    // tfjs 4.22's CPU Transform kernel returns after the first image of a batch (a `return`
    // inside its batch loop), leaving the others blank: there, one image at a time.
    const images = tf.split(xs, b) as tf.Tensor4D[];
    const one = tf.split(maps, b);
    return tf.concat(images.map((image, i) => tf.image.transform(image, one[i] as tf.Tensor2D, "bilinear", "constant", 0)));
  });
}

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

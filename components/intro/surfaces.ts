// Loss surfaces over two parameters (p1, p2), for watching gradient descent move. Each is
// tfjs operations on a batch of points [n, 2] → losses [n], so the optimiser's gradient
// and the contour grid come from the same code.
import {tf} from "../tf.ts";

export type SurfaceName = "bowl" | "valley" | "twin";

export const SURFACE_NAMES: readonly SurfaceName[] = ["bowl", "valley", "twin"];

export type OptimizerName = "sgd" | "momentum" | "adam";

export const OPTIMIZERS: readonly OptimizerName[] = ["sgd", "momentum", "adam"];

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: "plain gradient descent",
  momentum: "momentum",
  adam: "Adam"
};

export interface Surface {
  label: string;
  tex: string;
  /** The square drawn: [lo, hi] on both axes. */
  domain: [number, number];
  /** Where the ball starts. */
  start: [number, number];
  /** The lowest loss on the surface, for the figure's "distance to the minimum". */
  minimum: number;
  loss: (p: tf.Tensor2D) => tf.Tensor1D;
}

/** Column j of [n, 2] points as [n]. */
function column(p: tf.Tensor2D, j: 0 | 1): tf.Tensor1D {
  return p.slice([0, j], [-1, 1]).reshape([-1]) as tf.Tensor1D;
}

export const SURFACES: Record<SurfaceName, Surface> = {
  // Convex, with curvatures 1 and 5: plain descent diverges for a learning rate above
  // 2/5 = 0.4 (the step overshoots along p2 by more than it started from).
  bowl: {
    label: "convex bowl",
    tex: String.raw`L(p) = \tfrac12 p_1^2 + \tfrac52 p_2^2`,
    domain: [-3, 3],
    start: [-2.5, 1.5],
    minimum: 0,
    loss: (p) => tf.add(tf.mul(0.5, tf.square(column(p, 0))), tf.mul(2.5, tf.square(column(p, 1))))
  },
  // Rosenbrock's banana valley (H. H. Rosenbrock, The Computer Journal 3(3), 1960),
  // shifted so that its minimum (1, 1) sits inside the square, and flattened by 10.
  valley: {
    label: "banana valley (Rosenbrock)",
    tex: String.raw`L(p) = (1 - p_1)^2 + 10\,(p_2 - p_1^2)^2`,
    domain: [-2, 2],
    start: [-1.5, -1],
    minimum: 0,
    loss: (p) => {
      const [a, b] = [column(p, 0), column(p, 1)];
      return tf.add(tf.square(tf.sub(1, a)), tf.mul(10, tf.square(tf.sub(b, tf.square(a)))));
    }
  },
  // Not convex: two valleys, the left one deeper. Where the ball ends depends on its start
  // and its speed.
  twin: {
    label: "two valleys (not convex)",
    tex: String.raw`L(p) = (p_1^2 - 1)^2 + p_2^2 + 0.3\,p_1`,
    domain: [-2, 2],
    start: [1.8, 1.5],
    minimum: twinMinimum(),
    loss: (p) => {
      const [a, b] = [column(p, 0), column(p, 1)];
      return tf.add(tf.add(tf.square(tf.sub(tf.square(a), 1)), tf.square(b)), tf.mul(0.3, a));
    }
  }
};

/** The deeper minimum of the twin surface, by bisection on its p1 derivative 4p(p² − 1) + 0.3. */
function twinMinimum(): number {
  let [lo, hi] = [-1.5, -0.5];
  for (let i = 0; i < 60; ++i) {
    const mid = (lo + hi) / 2;
    if (4 * mid * (mid * mid - 1) + 0.3 < 0) lo = mid;
    else hi = mid;
  }
  return (lo * lo - 1) ** 2 + 0.3 * lo;
}

/** The loss at one point, computed by tfjs. */
export async function lossAt(name: SurfaceName, point: [number, number]): Promise<number> {
  const loss = tf.tidy(() => SURFACES[name].loss(tf.tensor2d([point], [1, 2])));
  try {
    return (await loss.data())[0];
  } finally {
    loss.dispose();
  }
}

/** Losses on an n × n grid over the surface's square, row by row from the top (p2 = hi). */
export async function lossGrid(name: SurfaceName, n: number): Promise<Float32Array> {
  const [lo, hi] = SURFACES[name].domain;
  const losses = tf.tidy(() => {
    const ticks = tf.linspace(lo, hi, n); // [n]
    const p1 = tf.tile(ticks.reshape([1, n]), [n, 1]); // [n, n]: p1 varies along a row
    const p2 = tf.tile(ticks.reverse().reshape([n, 1]), [1, n]); // [n, n]: p2 falls down the rows
    return SURFACES[name].loss(tf.stack([p1.reshape([-1]), p2.reshape([-1])], 1) as tf.Tensor2D); // [n²]
  });
  try {
    return (await losses.data()) as Float32Array;
  } finally {
    losses.dispose();
  }
}

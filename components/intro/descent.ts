// Gradient descent on a loss surface with the optimisers of tf.train: the point p = (p1, p2)
// is a tf.variable, and each step is optimizer.minimize(loss), as in the lab's training loop.
import {tf} from "../tf.ts";
import {SURFACES, type OptimizerName, type SurfaceName} from "./surfaces.ts";

export interface DescentOptions {
  surface: SurfaceName;
  optimizer: OptimizerName;
  learningRate: number;
  /** Momentum's β (the fraction of the last step kept); ignored by the others. */
  momentum: number;
  start?: [number, number];
}

export interface DescentState {
  step: number;
  point: [number, number];
  loss: number;
  /** ∇L at `point`, the direction of steepest ascent. */
  gradient: [number, number];
  /** The loss or the point became non-finite or huge: the run is over. */
  diverged: boolean;
}

export interface Descent {
  readonly state: DescentState;
  readonly path: readonly [number, number][];
  /** Takes `count` optimiser steps (fewer once diverged) and returns the new state. */
  step(count?: number): Promise<DescentState>;
  dispose(): void;
}

/** Beyond this the ball has left any sensible picture: we call the run diverged. */
export const DIVERGENCE_LIMIT = 1e6;

function createOptimizer({optimizer, learningRate, momentum}: DescentOptions): tf.Optimizer {
  if (!(learningRate > 0)) throw new Error(`descent: learning rate must be > 0, got ${learningRate}`);
  if (optimizer === "sgd") return tf.train.sgd(learningRate);
  if (optimizer === "momentum") return tf.train.momentum(learningRate, momentum);
  return tf.train.adam(learningRate);
}

export async function createDescent(options: DescentOptions): Promise<Descent> {
  const surface = SURFACES[options.surface];
  const start = options.start ?? surface.start;
  const optimizer = createOptimizer(options);
  // tidy disposes the initial value; the variable (a copy) survives it.
  const p = tf.tidy(() => tf.variable(tf.tensor2d([start], [1, 2]))); // [1, 2], the parameters being fitted
  const lossOf = () => surface.loss(p).sum() as tf.Scalar;
  const path: [number, number][] = [start];
  let disposed = false;

  /** The loss and gradient at p now, read back together. */
  const measure = async (step: number): Promise<DescentState> => {
    const [value, grad, point] = tf.tidy(() => {
      const {value, grads} = tf.variableGrads(lossOf, [p]);
      return [value, grads[p.name], p.clone()];
    });
    try {
      const [l, g, q] = await Promise.all([value.data(), grad.data(), point.data()]);
      const loss = l[0];
      const diverged = !Number.isFinite(loss) || Math.abs(loss) > DIVERGENCE_LIMIT || !Number.isFinite(q[0] + q[1]);
      return {step, point: [q[0], q[1]], loss, gradient: [g[0], g[1]], diverged};
    } finally {
      tf.dispose([value, grad, point]);
    }
  };

  let state = await measure(0);
  return {
    get state() {
      return state;
    },
    path,
    async step(count = 1) {
      if (disposed) throw new Error("descent: step() after dispose()");
      for (let i = 0; i < count && !state.diverged; ++i) {
        // minimize() returns no cost here (returnCost false), so nothing to dispose.
        optimizer.minimize(lossOf, false, [p]);
        state = await measure(state.step + 1);
        if (disposed) break;
        path.push(state.point);
      }
      return state;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      p.dispose();
      disposeOptimizer(optimizer);
    }
  };
}

/**
 * optimizer.dispose(), plus what tfjs 4.22 forgets: MomentumOptimizer.dispose() does not
 * call SGDOptimizer's, so the learning-rate scalar `c` it inherits stays allocated.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) {
    const inherited = (optimizer as unknown as {c?: tf.Tensor}).c;
    if (inherited && !inherited.isDisposed) inherited.dispose();
  }
}

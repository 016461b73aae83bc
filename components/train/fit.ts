// Supervised training of a compiled tf.LayersModel on the generic loop: each epoch visits
// the examples in a seeded random order, one trainOnBatch call per step. Unlike
// model.fit, it can pause, stop and report every step, and it yields to the page.
import {tf} from "../tf.ts";
import {permutation} from "../random.ts";
import {startLoop} from "./loop.ts";
import type {LoopOptions, Metrics, Trainer} from "./loop.ts";

export interface Dataset {
  /** Inputs, [n, …features]. */
  xs: tf.Tensor;
  /** Targets, [n, …]: one-hot or values, whatever the model's loss expects. */
  ys: tf.Tensor;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Evaluated at the end of each epoch: val_loss, val_accuracy… in the epoch record. */
  validation?: Dataset;
  /** Batch size of the validation pass; default 4 × batchSize (no gradients to hold). */
  validationBatchSize?: number;
  /** Changes a batch of inputs [b, …] before the step; runs inside tf.tidy. `random` is
   * the epoch's seeded generator, so an augmented run is reproducible too. */
  augment?: (xs: tf.Tensor, random: () => number) => tf.Tensor;
  loop?: LoopOptions;
}

/**
 * Trains `model` (compiled, with or without metrics) on `data`. Step records hold the
 * model's metricsNames ("loss", and "accuracy" where tfjs says "acc"); epoch records
 * hold their means plus "val_"-prefixed validation metrics. The caller owns `data`,
 * `validation` and `model`; the trainer keeps no tensor of its own once it ends.
 */
export function fitModel(model: tf.LayersModel, data: Dataset, options: FitOptions): Trainer {
  const {epochs, batchSize, seed, validation, augment, loop} = options;
  const n = checkDataset(data, "data");
  if (validation) checkDataset(validation, "validation");
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`fitModel: batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  if (!model.optimizer) {
    throw new Error(`fitModel: model "${model.name}" is not compiled; call model.compile({optimizer, loss}) first`);
  }
  const names = model.metricsNames.map(metricName);
  const validationBatchSize = options.validationBatchSize ?? 4 * batchSize;
  let order: Int32Array = new Int32Array(0); // [n] example indices for the current epoch

  return startLoop(
    {
      epochs,
      stepsPerEpoch: Math.ceil(n / batchSize),
      seed,
      async step({step, random}) {
        // The first draws of each epoch's generator fix its order of examples.
        if (step === 0) order = permutation(n, random);
        const indices = order.slice(step * batchSize, Math.min(n, (step + 1) * batchSize));
        const [xs, ys] = tf.tidy(() => {
          const picked = tf.tensor1d(indices, "int32"); // [b]
          const batchXs = tf.gather(data.xs, picked); // [b, …features]
          return [augment ? augment(batchXs, random) : batchXs, tf.gather(data.ys, picked)];
        });
        try {
          return toMetrics(names, await model.trainOnBatch(xs, ys), "");
        } finally {
          tf.dispose([xs, ys]);
        }
      },
      endEpoch: validation ? () => evaluate(model, validation, validationBatchSize, names) : undefined
    },
    loop
  );
}

async function evaluate(
  model: tf.LayersModel,
  {xs, ys}: Dataset,
  batchSize: number,
  names: string[]
): Promise<Metrics> {
  // evaluate() batches internally and returns one scalar per metric, which we own.
  const scalars = [model.evaluate(xs, ys, {batchSize})].flat();
  try {
    const values = await Promise.all(scalars.map(async (s) => (await s.data())[0]));
    return toMetrics(names, values, "val_");
  } finally {
    tf.dispose(scalars);
  }
}

function toMetrics(names: string[], values: number | number[], prefix: string): Metrics {
  const list = Array.isArray(values) ? values : [values];
  if (list.length !== names.length) {
    throw new Error(`fitModel: the model returned ${list.length} metric values, expected ${names.length} (${names})`);
  }
  return Object.fromEntries(names.map((name, i) => [prefix + name, list[i]]));
}

/** tfjs calls accuracy "acc"; the essays and the history call it "accuracy". */
function metricName(name: string): string {
  return name === "acc" ? "accuracy" : name;
}

function checkDataset({xs, ys}: Dataset, what: string): number {
  const n = xs.shape[0];
  if (xs.rank < 1 || !n) throw new Error(`fitModel: ${what}.xs must be [n ≥ 1, …], got shape [${xs.shape}]`);
  if (ys.shape[0] !== n) {
    throw new Error(`fitModel: ${what}.ys must have ${n} rows like ${what}.xs, got shape [${ys.shape}]`);
  }
  return n;
}

// The LSTM written out with plain tensor ops on the weights of the Keras-style model in
// model.ts. Training and sampling use it instead of model.apply: it computes the input
// side of all time steps in one matrix product, looks characters up with a one-hot
// product (whose gradient every backend has, unlike gather's), and exposes the gates.
//
// One step (Hochreiter & Schmidhuber 1997; gate order i, f, g, o as in Keras and tfjs):
//   z = x·W + h·U + b            [b, 4·units]
//   i = σ(z_i)  f = σ(z_f)  g = tanh(z_g)  o = σ(z_o)
//   c' = f ⊙ c + i ⊙ g           h' = o ⊙ tanh(c')
import {tf} from "../tf.ts";
import {LAYERS} from "./model.ts";

export interface LstmWeights {
  embeddings: tf.Tensor2D; // [V, E]
  kernel: tf.Tensor2D; // W: [E, 4·units]
  recurrent: tf.Tensor2D; // U: [units, 4·units]
  bias: tf.Tensor1D; // b: [4·units]
  outKernel: tf.Tensor2D; // [units, V]
  outBias: tf.Tensor1D; // [V]
}

// Type aliases, not interfaces: tf.tidy may return them (TensorContainer has an index signature).
export type LstmState = {
  h: tf.Tensor2D; // [b, units]
  c: tf.Tensor2D; // [b, units]
};

export type StepResult = LstmState & {
  /** The four gates' activations, each [b, units]: input, forget, candidate, output. */
  gates: {i: tf.Tensor2D; f: tf.Tensor2D; g: tf.Tensor2D; o: tf.Tensor2D};
};

/** The model's variables (not copies): gradients taken through them train the model. */
export function weightsOf(model: tf.LayersModel): LstmWeights {
  const read = (layer: string, k: number) => model.getLayer(layer).trainableWeights[k].read();
  return {
    embeddings: read(LAYERS.embedding, 0) as tf.Tensor2D,
    kernel: read(LAYERS.lstm, 0) as tf.Tensor2D,
    recurrent: read(LAYERS.lstm, 1) as tf.Tensor2D,
    bias: read(LAYERS.lstm, 2) as tf.Tensor1D,
    outKernel: read(LAYERS.logits, 0) as tf.Tensor2D,
    outBias: read(LAYERS.logits, 1) as tf.Tensor1D
  };
}

export function zeroState(batch: number, units: number): LstmState {
  return {h: tf.zeros([batch, units]), c: tf.zeros([batch, units])};
}

/** Character ids [b, t] → embedded vectors projected onto the gates, [b, t, 4·units]. */
function inputProjection(w: LstmWeights, ids: tf.Tensor2D): tf.Tensor3D {
  const [b, t] = ids.shape;
  const [vocabulary] = w.embeddings.shape;
  const onehot = tf.oneHot(ids.reshape([-1]).toInt(), vocabulary).toFloat(); // [b·t, V]
  const x = tf.matMul(onehot, w.embeddings); // [b·t, E]
  return tf.add(tf.matMul(x, w.kernel), w.bias).reshape([b, t, -1]) as tf.Tensor3D; // [b, t, 4·units]
}

/** One step from a projected input `zx` [b, 4·units]. */
function cellStep(w: LstmWeights, zx: tf.Tensor2D, {h, c}: LstmState): StepResult {
  const z = tf.add(zx, tf.matMul(h, w.recurrent)); // [b, 4·units]
  const [zi, zf, zg, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
  const gates = {i: tf.sigmoid(zi), f: tf.sigmoid(zf), g: tf.tanh(zg), o: tf.sigmoid(zo)};
  const next = tf.add(tf.mul(gates.f, c), tf.mul(gates.i, gates.g)) as tf.Tensor2D;
  return {h: tf.mul(gates.o, tf.tanh(next)) as tf.Tensor2D, c: next, gates};
}

/** Runs the cell over the t positions of `ids` [b, t] from `state`, handing each step to `visit`. */
function scan(w: LstmWeights, ids: tf.Tensor2D, state: LstmState | undefined, visit: (result: StepResult) => void): LstmState {
  const [b, t] = ids.shape;
  let current = state ?? zeroState(b, w.recurrent.shape[0]);
  const zx = tf.unstack(inputProjection(w, ids), 1) as tf.Tensor2D[]; // t × [b, 4·units]
  for (let k = 0; k < t; ++k) {
    const result = cellStep(w, zx[k], current);
    current = {h: result.h, c: result.c};
    visit(result);
  }
  return current;
}

/** The hidden states [b, t, units] → logits [b, t, V] through the dense layer. */
function readOut(w: LstmWeights, hs: tf.Tensor2D[]): tf.Tensor3D {
  const [b, units] = hs[0].shape;
  const all = tf.stack(hs, 1).reshape([b * hs.length, units]); // [b·t, units]
  return tf.add(tf.matMul(all, w.outKernel), w.outBias).reshape([b, hs.length, -1]) as tf.Tensor3D;
}

/**
 * Logits for every position of `ids` [b, t] → [b, t, V], from `state` (zeros by default).
 * Call inside tf.tidy (or a gradient function): the intermediate tensors are not freed here.
 */
export function unroll(w: LstmWeights, ids: tf.Tensor2D, state?: LstmState): {logits: tf.Tensor3D; state: LstmState} {
  const hs: tf.Tensor2D[] = [];
  const last = scan(w, ids, state, ({h}) => hs.push(h));
  return {logits: readOut(w, hs), state: last};
}

/** Everything the cell computed at each position, each [b, t, units], and the logits [b, t, V]. */
export type Trace = {
  i: tf.Tensor3D; // input gate
  f: tf.Tensor3D; // forget gate
  g: tf.Tensor3D; // candidate
  o: tf.Tensor3D; // output gate
  c: tf.Tensor3D; // cell state after the step
  h: tf.Tensor3D; // hidden state after the step
  logits: tf.Tensor3D;
};

/** unroll() that keeps the gates and states of every step (the gate figure). Call inside tf.tidy. */
export function unrollTrace(w: LstmWeights, ids: tf.Tensor2D, state?: LstmState): Trace {
  const steps: StepResult[] = [];
  scan(w, ids, state, (result) => steps.push(result));
  const along = (pick: (s: StepResult) => tf.Tensor2D) => tf.stack(steps.map(pick), 1) as tf.Tensor3D;
  return {
    i: along((s) => s.gates.i), f: along((s) => s.gates.f), g: along((s) => s.gates.g), o: along((s) => s.gates.o),
    c: along((s) => s.c), h: along((s) => s.h), logits: readOut(w, steps.map((s) => s.h))
  };
}

/** One character per row, `ids` [b]: the next state, its gates and the logits [b, V]. */
export function step(w: LstmWeights, ids: tf.Tensor1D, state: LstmState): StepResult & {logits: tf.Tensor2D} {
  const zx = inputProjection(w, ids.reshape([-1, 1]) as tf.Tensor2D).reshape([ids.shape[0], -1]) as tf.Tensor2D;
  const next = cellStep(w, zx, state);
  const logits = tf.add(tf.matMul(next.h, w.outKernel), w.outBias) as tf.Tensor2D; // [b, V]
  return {...next, logits};
}

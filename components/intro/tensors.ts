// The tensors of the first section, and the operations applied to them. Everything shown
// as a result is computed by tfjs on the current backend and read back asynchronously.
import {tf} from "../tf.ts";

export type ExampleName = "scalar" | "vector" | "matrix" | "image";

export const EXAMPLE_NAMES: readonly ExampleName[] = ["scalar", "vector", "matrix", "image"];

export const EXAMPLE_LABELS: Record<ExampleName, string> = {
  scalar: "a scalar (one number)",
  vector: "a vector (a list)",
  matrix: "a matrix (a table)",
  image: "an image (height × width × colour)"
};

export type Dtype = "float32" | "int32" | "bool";

export const DTYPES: readonly Dtype[] = ["float32", "int32", "bool"];

/** The image example's size: small enough to print, big enough to look like a picture. */
export const IMAGE_SHAPE: [number, number, number] = [6, 8, 3];

/**
 * One example tensor, cast to `dtype`. `value` (the reader's slider) is mixed into every
 * entry, so changing it changes the numbers but never the shape.
 */
export function exampleTensor(name: ExampleName, value: number, dtype: Dtype): tf.Tensor {
  return tf.tidy(() => {
    let t: tf.Tensor;
    if (name === "scalar") t = tf.scalar(value); // []
    else if (name === "vector") t = tf.tensor1d([value, 2, -1.5, 0]); // [4]
    else if (name === "matrix") t = tf.tensor2d([[value, 1, 0], [-2, 0.5, 3]]); // [2, 3]
    else {
      // [6, 8, 3]: red grows left to right, green top to bottom, blue is the slider (clipped to 0…1).
      const [h, w] = IMAGE_SHAPE;
      const red = tf.tile(tf.linspace(0, 1, w).reshape([1, w, 1]), [h, 1, 1]); // [h, w, 1]
      const green = tf.tile(tf.linspace(0, 1, h).reshape([h, 1, 1]), [1, w, 1]); // [h, w, 1]
      const blue = tf.fill([h, w, 1], Math.min(1, Math.max(0, value))); // [h, w, 1]
      t = tf.concat([red, green, blue], 2);
    }
    return t.dtype === dtype ? t : tf.cast(t, dtype);
  });
}

export interface TensorFacts {
  shape: number[];
  rank: number;
  dtype: string;
  size: number;
  values: number[];
}

/** What the figure shows of a tensor; values are read back from the backend. */
export async function tensorFacts(t: tf.Tensor): Promise<TensorFacts> {
  const values = Array.from(await t.data(), Number);
  return {shape: [...t.shape], rank: t.rank, dtype: t.dtype, size: t.size, values};
}

export type OpName = "add" | "mul" | "broadcast" | "scale" | "matmul";

export const OP_NAMES: readonly OpName[] = ["add", "mul", "broadcast", "scale", "matmul"];

export interface OpSpec {
  label: string;
  /** The code the reader would write. */
  code: string;
  /** The second operand. */
  b: number[][] | number[] | number;
}

/** A is [2, 3] with a = A[0][0] set by the reader; the second operands are fixed. */
export const OPS: Record<OpName, OpSpec> = {
  add: {label: "elementwise sum A + B", code: "tf.add(A, B)", b: [[1, 1, 1], [2, 2, 2]]},
  mul: {label: "elementwise product A ⊙ B", code: "tf.mul(A, B)", b: [[2, 0, 1], [1, -1, 0.5]]},
  broadcast: {label: "broadcasting A + v (v is added to every row)", code: "tf.add(A, v)", b: [10, 20, 30]},
  scale: {label: "broadcasting a scalar, 2 · A", code: "tf.mul(A, 2)", b: 2},
  matmul: {label: "matrix product A · C", code: "tf.matMul(A, C)", b: [[1, 0], [0, 1], [1, -1]]}
};

/** The reader's matrix A, [2, 3]. */
export function matrixA(a: number): number[][] {
  return [[a, 1, 0], [-2, 0.5, 3]];
}

export interface OpResult {
  shape: number[];
  /** Row-major values of the result. */
  values: number[];
}

/** Runs the operation with tfjs and reads the result back. */
export async function runOp(op: OpName, a: number): Promise<OpResult> {
  const out = tf.tidy(() => {
    const A = tf.tensor2d(matrixA(a)); // [2, 3]
    const b = OPS[op].b;
    if (op === "add") return tf.add(A, tf.tensor2d(b as number[][])); // [2, 3]
    if (op === "mul") return tf.mul(A, tf.tensor2d(b as number[][])); // [2, 3]
    if (op === "broadcast") return tf.add(A, tf.tensor1d(b as number[])); // [2, 3] + [3] → [2, 3]
    if (op === "scale") return tf.mul(A, tf.scalar(b as number)); // [2, 3] · [] → [2, 3]
    return tf.matMul(A, tf.tensor2d(b as number[][])); // [2, 3] · [3, 2] → [2, 2]
  });
  try {
    return {shape: [...out.shape], values: Array.from(await out.data())};
  } finally {
    out.dispose();
  }
}

/** The same operations in plain JavaScript: the reference the tests hold tfjs to. */
export function opReference(op: OpName, a: number): number[] {
  const A = matrixA(a);
  const b = OPS[op].b;
  if (op === "matmul") {
    const C = b as number[][];
    return A.flatMap((row) => [0, 1].map((j) => row.reduce((sum, v, k) => sum + v * C[k][j], 0)));
  }
  return A.flatMap((row, i) =>
    row.map((v, j) => {
      if (op === "add") return v + (b as number[][])[i][j];
      if (op === "mul") return v * (b as number[][])[i][j];
      if (op === "broadcast") return v + (b as number[])[j];
      return v * (b as number);
    })
  );
}

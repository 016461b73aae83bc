// Two-class point sets on the plane for the "fitting a network" section, generated from a
// seed so that a run can be repeated exactly. Points lie in about [-1, 1]²; label 1 or 0.
import {tf} from "../tf.ts";
import {gaussian, mulberry32} from "../random.ts";

export type DatasetName = "circles" | "xor" | "spiral";

export const DATASET_NAMES: readonly DatasetName[] = ["circles", "xor", "spiral"];

export const DATASET_LABELS: Record<DatasetName, string> = {
  circles: "a disc inside a ring",
  xor: "four quadrants (XOR)",
  spiral: "two interleaved spirals"
};

export interface PointSet {
  /** x1, x2 of point i at 2i, 2i + 1. */
  points: Float32Array;
  /** 0 or 1 per point. */
  labels: Uint8Array;
}

export interface DatasetOptions {
  /** Number of points, split evenly between the classes. */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise?: number;
  seed: number;
}

export function makeDataset(name: DatasetName, {n = 200, noise = 0.05, seed}: DatasetOptions): PointSet {
  if (!Number.isInteger(n) || n < 2) throw new Error(`makeDataset: n must be an integer ≥ 2, got ${n}`);
  const random = mulberry32(seed);
  const points = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; ++i) {
    const label = i % 2; // alternate, so any prefix is balanced
    const [x1, x2] = pointOf(name, label, random);
    points[2 * i] = x1 + noise * gaussian(random);
    points[2 * i + 1] = x2 + noise * gaussian(random);
    labels[i] = label;
  }
  return {points, labels};
}

function pointOf(name: DatasetName, label: number, random: () => number): [number, number] {
  const angle = 2 * Math.PI * random();
  if (name === "circles") {
    // Class 1 fills a disc of radius 0.5 (uniform in area), class 0 a ring from 0.7 to 1.
    const r = label === 1 ? 0.5 * Math.sqrt(random()) : 0.7 + 0.3 * random();
    return [r * Math.cos(angle), r * Math.sin(angle)];
  }
  if (name === "xor") {
    // Class 1 where x1 and x2 have the same sign; kept 0.1 away from the axes.
    const a = 0.1 + 0.9 * random();
    const b = 0.1 + 0.9 * random();
    const s = random() < 0.5 ? 1 : -1;
    return label === 1 ? [s * a, s * b] : [s * a, -s * b];
  }
  // Spiral: radius grows with the turn t ∈ [0, 1]; class 0 is class 1 turned by π.
  const t = random();
  const theta = 3 * Math.PI * t + label * Math.PI;
  const r = 0.1 + 0.9 * t;
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

/** The point set as tensors: xs [n, 2], ys [n, 1] (float 0/1, for binary cross-entropy). */
export function toTensors({points, labels}: PointSet): {xs: tf.Tensor2D; ys: tf.Tensor2D} {
  return {
    xs: tf.tensor2d(points, [labels.length, 2]),
    ys: tf.tensor2d(Float32Array.from(labels), [labels.length, 1])
  };
}

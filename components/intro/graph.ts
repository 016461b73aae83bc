// The small computation graph of the essay, f(x, y) = (x·y) · σ(x + y), written node by
// node so that each value (forward pass) and each gradient (backward pass, the chain rule)
// can be shown where it is computed. The same function in tfjs checks the hand-made pass.
import {tf} from "../tf.ts";

export type NodeName = "x" | "y" | "u" | "v" | "s" | "f";

export interface GraphNode {
  name: NodeName;
  /** How the node is computed from its inputs, as shown in the figure. */
  label: string;
  inputs: NodeName[];
}

/** In topological order: every node after its inputs. */
export const NODES: readonly GraphNode[] = [
  {name: "x", label: "x", inputs: []},
  {name: "y", label: "y", inputs: []},
  {name: "u", label: "u = x · y", inputs: ["x", "y"]},
  {name: "v", label: "v = x + y", inputs: ["x", "y"]},
  {name: "s", label: "s = σ(v)", inputs: ["v"]},
  {name: "f", label: "f = u · s", inputs: ["u", "s"]}
];

export type Values = Record<NodeName, number>;

export interface Edge {
  from: NodeName;
  to: NodeName;
  /** ∂to/∂from, the local derivative of the edge's node with respect to its input. */
  local: number;
  /** ∂f/∂from along this edge alone: ∂f/∂to × ∂to/∂from. */
  gradient: number;
}

export interface GraphPass {
  values: Values;
  /** ∂f/∂node, summed over every path from the node to f. */
  gradients: Values;
  edges: Edge[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The forward pass: each node's value from its inputs' values. */
export function forward(x: number, y: number): Values {
  const u = x * y;
  const v = x + y;
  const s = sigmoid(v);
  return {x, y, u, v, s, f: u * s};
}

/** ∂node/∂input for each edge, at the forward values. */
function localDerivative(values: Values, to: NodeName, from: NodeName): number {
  const {x, y, u, s} = values;
  switch (to) {
    case "u": return from === "x" ? y : x; // ∂(xy)/∂x = y
    case "v": return 1; // ∂(x + y)/∂x = 1
    case "s": return s * (1 - s); // σ′(v) = σ(v)(1 − σ(v))
    case "f": return from === "u" ? s : u; // ∂(us)/∂u = s
    default: throw new Error(`graph: node "${to}" has no inputs`);
  }
}

/**
 * Forward, then backward: starting from ∂f/∂f = 1, each node in reverse order sends its
 * gradient times the local derivative down each input edge; a node used twice (x, y)
 * adds what arrives along both paths. This is the chain rule, and what tf.grad does.
 */
export function forwardBackward(x: number, y: number): GraphPass {
  const values = forward(x, y);
  const gradients: Values = {x: 0, y: 0, u: 0, v: 0, s: 0, f: 1};
  const edges: Edge[] = [];
  for (const node of [...NODES].reverse()) {
    for (const from of node.inputs) {
      const local = localDerivative(values, node.name, from);
      const gradient = gradients[node.name] * local;
      gradients[from] += gradient;
      edges.push({from, to: node.name, local, gradient});
    }
  }
  return {values, gradients, edges};
}

/** The same function as tfjs operations, for tf.variableGrads. */
export function graphTf(x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.mul(tf.mul(x, y), tf.sigmoid(tf.add(x, y))) as tf.Scalar;
}

/** f, ∂f/∂x and ∂f/∂y computed by tfjs on the current backend, with tf.variableGrads. */
export async function graphGradsTf(x: number, y: number): Promise<{f: number; dx: number; dy: number}> {
  // tidy disposes the initial scalars; the variables (copies) survive it.
  const [vx, vy] = tf.tidy(() => [tf.variable(tf.scalar(x)), tf.variable(tf.scalar(y))]);
  const {value, grads} = tf.variableGrads(() => graphTf(vx, vy), [vx, vy]);
  try {
    const [f, dx, dy] = await Promise.all([value.data(), grads[vx.name].data(), grads[vy.name].data()]);
    return {f: f[0], dx: dx[0], dy: dy[0]};
  } finally {
    tf.dispose([value, vx, vy, ...Object.values(grads)]);
  }
}

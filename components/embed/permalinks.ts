// Which control holds each URL parameter of the Intro essay (components/intro/params.ts):
// URL name → data-control name. Some are the same; the figures' own names are longer.
export const INTRO_URL_CONTROLS: Readonly<Record<string, string>> = {
  tensor: "tensor-example", dtype: "tensor-dtype", tvalue: "tensor-value", op: "op", opa: "op-a",
  gx: "computation-graph-x", gy: "computation-graph-y", cx: "chain-rule-x", cy: "chain-rule-y",
  w1: "w1", w2: "w2", b: "b", act: "act", x1: "x1", x2: "x2",
  dinputs: "dense-inputs", dunits: "dense-units", dact: "dense-activation",
  fn: "fn", x: "grad-x",
  surface: "surface", optimizer: "optimizer", lr: "lr", momentum: "momentum",
  dataset: "dataset", depth: "depth", width: "width", activation: "activation", fitlr: "fit-lr", seed: "seed"
};

// Which control holds each URL parameter of the Intro essay (components/intro/params.ts):
// URL name → data-control name. Most are the same; the essay's figures name two differently.
export const INTRO_URL_CONTROLS: Readonly<Record<string, string>> = {
  w1: "w1", w2: "w2", b: "b", act: "act",
  fn: "fn", x: "grad-x",
  surface: "surface", optimizer: "optimizer", lr: "lr", momentum: "momentum",
  dataset: "dataset", depth: "depth", width: "width", activation: "activation", fitlr: "fit-lr", seed: "seed"
};

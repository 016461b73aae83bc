// The one place components import TensorFlow.js from. The bundle step (scripts/bundle.ts)
// puts a single copy of tfjs-core in a shared chunk, whatever page imports it.
export * as tf from "@tensorflow/tfjs";

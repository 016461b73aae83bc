/** The TensorFlow.js WASM binaries, copied to src/_lib/wasm/ by the bundle step. */
export const WASM_FILES = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm"
] as const;

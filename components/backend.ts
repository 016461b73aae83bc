// The backend ladder: every page gets tfjs with the WebGPU, WebGL, WASM and CPU
// backends registered and runs on the best one this browser offers.
import "@tensorflow/tfjs-backend-webgpu";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import {tf} from "./tf.ts";
import {WASM_FILES} from "./wasm-files.ts";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";

export const BACKENDS: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

/** Tried in order for training. WASM is left out: tfjs registers no gradient for
 * conv2d (Conv2DBackpropFilter) or embeddings (UnsortedSegmentSum) there. */
export const TRAINING_LADDER: readonly BackendName[] = ["webgpu", "webgl", "cpu"];

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: "WebGPU (GPU)",
  webgl: "WebGL (GPU)",
  wasm: "WASM (CPU, inference only)",
  cpu: "plain JavaScript (CPU)"
};

/** Renderer names of GPU emulations in software (Chromium's SwiftShader, Mesa's llvmpipe). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/**
 * The software renderer under the running WebGL or WebGPU backend ("SwiftShader"), or null
 * when it runs on a real GPU, when the browser hides the renderer, or on WASM/CPU. A GPU
 * backend emulated on the CPU is far slower than the label "GPU" promises, so pages say so.
 */
export function softwareRenderer(): string | null {
  try {
    const backend = tf.backend() as unknown as {
      gpgpu?: {gl?: WebGLRenderingContext};
      adapterInfo?: {vendor?: string; architecture?: string};
    };
    let renderer = "";
    if (tf.getBackend() === "webgl" && backend.gpgpu?.gl) {
      const gl = backend.gpgpu.gl;
      const info = gl.getExtension("WEBGL_debug_renderer_info");
      renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? "");
    } else if (tf.getBackend() === "webgpu" && backend.adapterInfo) {
      renderer = `${backend.adapterInfo.vendor ?? ""} ${backend.adapterInfo.architecture ?? ""}`;
    }
    const match = SOFTWARE_RENDERER.exec(renderer);
    if (!match) return null;
    return /swiftshader/i.test(match[0]) ? "SwiftShader" : match[0];
  } catch {
    return null; // a lost context or a backend without these fields: claim nothing
  }
}

export function canTrain(backend: string): boolean {
  return backend !== "wasm";
}

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === "string" && (BACKENDS as readonly string[]).includes(name);
}

let wasmConfigured = false;

/** Points the WASM backend at the binaries served beside the bundle (never a CDN). */
function configureWasm(baseUrl: string): void {
  if (wasmConfigured) return;
  const paths: Record<string, string> = {};
  for (const name of WASM_FILES) paths[name] = new URL(name, baseUrl).href;
  setWasmPaths(paths);
  wasmConfigured = true;
}

export interface BackendChoice {
  /** The backend now running. */
  backend: BackendName;
  /** The backend asked for, if it could not be started. */
  refused?: {asked: string; reason: string};
}

/**
 * Starts the requested backend, or the first of the training ladder that starts.
 * An unknown or failing request is reported in `refused`, never thrown: the page
 * keeps working on the next rung of the ladder.
 */
export async function initBackend(requested?: string | null, wasmBaseUrl = defaultWasmBase()): Promise<BackendChoice> {
  configureWasm(wasmBaseUrl);
  let refused: BackendChoice["refused"];
  if (requested != null && requested !== "") {
    if (!isBackendName(requested)) {
      refused = {asked: requested, reason: `unknown backend "${requested}"; expected one of ${BACKENDS.join(", ")}`};
    } else if (await trySetBackend(requested)) {
      return {backend: requested};
    } else {
      refused = {asked: requested, reason: `${BACKEND_LABELS[requested]} is not available in this browser`};
    }
  }
  for (const name of TRAINING_LADDER) {
    if (await trySetBackend(name)) return {backend: name, refused};
  }
  throw new Error("no TensorFlow.js backend could be started (tried webgpu, webgl, cpu)");
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    // Asked first here, so that a browser without WebGPU costs no warning and stack trace
    // from tfjs in the console, only the next rung of the ladder.
    if (name === "webgpu" && !(await hasWebGpuAdapter())) return false;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

function defaultWasmBase(): string {
  return new URL("_lib/wasm/", siteRoot()).href;
}

/** The site's root URL, found from Framework's client script so that it holds at any
 * page depth (/digits, /embed/…) and under any base path. */
export function siteRoot(): string {
  const doc = (globalThis as {document?: Document}).document;
  if (!doc) return "http://localhost/";
  for (const el of doc.querySelectorAll<HTMLLinkElement | HTMLScriptElement>("link[href], script[src]")) {
    const url = el instanceof HTMLLinkElement ? el.href : el.src;
    const at = url.indexOf("/_observablehq/");
    if (at >= 0) return url.slice(0, at + 1);
  }
  return new URL("./", doc.baseURI).href;
}

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as {gpu?: {requestAdapter(): Promise<unknown>}} | undefined)?.gpu;
  if (!gpu) return false;
  return (await gpu.requestAdapter()) !== null;
}

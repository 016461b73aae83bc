// The figures as a JavaScript module, published by the build at the stable path
// /modules/figures.js (observablehq.config.ts, dynamicPaths). A page that imports it mounts
// any figure of /embed/ into an element of its own:
//   import {mount} from "https://your-host/modules/figures.js";
//   await mount("perceptron", document.querySelector("#slide-3"), {params: {w1: 2, act: "tanh"}});
// Framework rewrites each FileAttachment below into the data file's built, hashed URL,
// resolved against this module's own address: the module finds its data wherever the
// host page is. Keep this list the same as src/embed/[figure].md's (a unit test checks).
/* global URL -- a browser module */
import {FileAttachment} from "observablehq:stdlib";
import {EMBED_NAMES, mountFigure} from "../_lib/figures.js";

const files = {
  "mnist.json": FileAttachment("../data/mnist.json"),
  "mnist-images.png": FileAttachment("../data/mnist-images.png"),
  "mnist-labels.bin": FileAttachment("../data/mnist-labels.bin"),
  "mnist-fc.json": FileAttachment("../data/mnist-fc.json"),
  "mnist-cnn.json": FileAttachment("../data/mnist-cnn.json"),
  "rl-cartpole.json": FileAttachment("../data/rl-cartpole.json"),
  "rl-pong.json": FileAttachment("../data/rl-pong.json"),
  "abc-corpus.json": FileAttachment("../data/abc-corpus.json"),
  "music-lstm.json": FileAttachment("../data/music-lstm.json"),
  "faces.json": FileAttachment("../data/faces.json"),
  "faces-train.png": FileAttachment("../data/faces-train.png"),
  "faces-test.png": FileAttachment("../data/faces-test.png"),
  "faces-attributes.json": FileAttachment("../data/faces-attributes.json"),
  "faces-cnn.json": FileAttachment("../data/faces-cnn.json"),
  "faces-control.json": FileAttachment("../data/faces-control.json"),
  "faces-dbvae.json": FileAttachment("../data/faces-dbvae.json"),
  "faces-cards.json": FileAttachment("../data/faces-cards.json"),
  "faces-seed-study.json": FileAttachment("../data/faces-seed-study.json")
};

/** The names of the figures, as on /embed/. */
export const FIGURE_NAMES = EMBED_NAMES;

/**
 * Builds figure `name` into `element`; resolves to {root, notes, backend, dispose}.
 * options.params: the figure's settings, as a query string or an object, with the URL
 * parameter names of its embed page; options.backend: the TensorFlow.js backend to ask for.
 */
export function mount(name, element, options = {}) {
  return mountFigure(name, element, options, {files, siteRoot});
}

// The built site serves this file twice: at /modules/figures.js, which only re-exports, and
// at /_import/modules/figures.<hash>.js, which runs (this import.meta.url). Either way the
// site's root is the folder above "_import/" or "modules/"; the WASM binaries and the
// stylesheet live at stable paths under it.
const siteRoot = (() => {
  const here = import.meta.url;
  const at = here.lastIndexOf("/_import/");
  return at >= 0 ? here.slice(0, at + 1) : new URL("../", here).href;
})();

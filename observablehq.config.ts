// Observable Framework configuration. Everything the site needs is local: no
// implicit CDN imports, no web fonts, no telemetry (see README, "How it is built").
import {EMBED_NAMES} from "./components/embed/names.ts";
import {WASM_FILES} from "./components/wasm-files.ts";

export default {
  title: "Manus — explorable deep learning",
  root: "src",
  output: "dist",
  pages: [
    {name: "Intro", path: "/intro"},
    {name: "Music", path: "/music"},
    {name: "Digits", path: "/digits"},
    {name: "Faces", path: "/faces"},
    {name: "Reinforcement learning", path: "/rl"},
    // pager: null keeps the deck out of the previous/next links (its front matter cannot:
    // Framework reads a listed page's pager from this list only).
    {name: "Slides", path: "/slides", pager: null}
  ],
  // The default theme links a font from a remote host: use our own stylesheet only.
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="data:,">',
  footer: "Manus — companion essays to MIT 6.S191. Runs entirely in your browser; nothing leaves this page.",
  search: false,
  // The TensorFlow.js WASM binaries are fetched by the backend itself at run time, so they
  // must sit at stable, unhashed paths in the built site. Each embeddable figure gets a
  // chrome-less page built from src/embed/[figure].md, and a module of its own from
  // src/modules/[figure].js beside /modules/figures.js, which mounts any of them, and their
  // stylesheet (README, "Figures for slides").
  dynamicPaths: [
    ...WASM_FILES.map((name) => `/_lib/wasm/${name}`),
    ...EMBED_NAMES.map((name) => `/embed/${name}`),
    "/modules/figures.js",
    "/modules/figures.css",
    ...EMBED_NAMES.map((name) => `/modules/${name}.js`)
  ]
};

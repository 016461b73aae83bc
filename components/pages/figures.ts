// What the exported figure module (src/modules/figures.js, published at /modules/figures.js)
// imports: the mount step and the names. No page chrome, no backend line, no URL state: the
// host page owns its address and its layout.
export {mountFigure, toSearch} from "../embed/module.ts";
export {EMBED_NAMES} from "../embed/names.ts";

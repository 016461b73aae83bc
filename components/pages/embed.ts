// What the embed pages (src/embed/[figure].md) import, and the permalink helper the essays
// wire in: the backend line (its top-level await starts tfjs first), the mount step and the names.
export {startBackend, backendChoice} from "../ready.ts";
export {mountEmbed} from "../embed/mount.ts";
export {EMBED_NAMES} from "../embed/names.ts";
export {INTRO_URL_CONTROLS} from "../embed/permalinks.ts";
export {bindUrlState, controlsIn} from "../url-state.ts";

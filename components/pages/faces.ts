// Everything the Faces page (src/faces.md) imports.
export {tf} from "../tf.ts";
export {startBackend, backendChoice} from "../ready.ts";
export {notice} from "../controls.ts";
export {mathBlock, math} from "../math.ts";
export {unpackFaces} from "../faces/data.ts";
export type {FacesManifest, AttributeTable} from "../faces/data.ts";
export {createFacesLab} from "../faces/lab.ts";
export {normalizeFacesParams} from "../faces/params.ts";
export {createBrowseFigure, createAttributesFigure} from "../faces/figures/story.ts";
export {createSeedStudyFigure} from "../faces/figures/study.ts";
export {shippedRecipe} from "../faces/study.ts";
export {gapThreshold} from "../faces/figures/groups.ts";
export {accuracyFromMetrics} from "../faces/runs.ts";
export {seededRandom} from "../faces/train.ts";
export {bindUrlState} from "../url-state.ts";

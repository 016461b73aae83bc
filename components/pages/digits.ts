// Everything the Digits page (src/digits.md) imports.
export {tf} from "../tf.ts";
export {startBackend, backendChoice} from "../ready.ts";
export {notice} from "../controls.ts";
export {createFigure} from "../figures/figure.ts";
export {unpackSprite} from "../digits/data.ts";
export type {DigitsManifest} from "../digits/data.ts";
export {createDigitsLab} from "../digits/lab.ts";
export {createDigitsModel, parameterTable} from "../digits/models.ts";
export {normalizeDigitsParams, digitsParamsToSearch} from "../digits/params.ts";
export {createSampleGrid, createPixelTable, createParameterTable} from "../digits/figures/story.ts";

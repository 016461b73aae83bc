// What the Intro essay (src/intro.md) imports: the backend line, tfjs itself, the maths
// typesetter, the essay's settings step and its figures.
export {tf} from "../tf.ts";
export {startBackend} from "../ready.ts";
export {math, mathBlock} from "../math.ts";
export {notice} from "../controls.ts";
export {normalizeIntroParams} from "../intro/params.ts";
export {ACTIVATION_TEX} from "../intro/perceptron.ts";
export {FUNCTIONS} from "../intro/functions.ts";
export {SURFACES} from "../intro/surfaces.ts";
export {createTensorFigure, createOpsFigure} from "../intro/figures/tensors.ts";
export {createGraphFigure} from "../intro/figures/graph.ts";
export {createPerceptronFigure} from "../intro/figures/perceptron.ts";
export {createDenseFigure} from "../intro/figures/dense.ts";
export {createDerivativeFigure} from "../intro/figures/derivative.ts";
export {createDescentFigure} from "../intro/figures/descent.ts";
export {createFitFigures} from "../intro/figures/fit.ts";

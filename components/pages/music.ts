// What src/music.md imports (bundled to src/_lib/music.js by scripts/bundle.ts).
export {tf} from "../tf.ts";
export {startBackend} from "../ready.ts";
export {canTrain} from "../backend.ts";
export {button, controlRow, notice} from "../controls.ts";
export {createFigure, percent} from "../figures/figure.ts";
export {historyFromJSON} from "../train/history.ts";
export {createModelSlot} from "../music/slot.ts";
export {createGeneratorPanel} from "../music/generator.ts";
export {createTrainingPanel} from "../music/training-panel.ts";
export {loadPretrainedMusic} from "../music/pretrained.ts";
export {normalizeMusicParams, MUSIC_DEFAULTS, MUSIC_URL_CONTROLS} from "../music/params.ts";
export {createGateFigure} from "../music/figures/gates.ts";
export {bindUrlState, controlsIn} from "../url-state.ts";
export {createSweepPanel, SWEEP_TEMPERATURES} from "../music/sweep.ts";
export {corpusFigure} from "../music/figures/corpus.ts";
export {addMusicStyles} from "../music/style.ts";
export {renderMath, mathBlock, math} from "../math.ts";

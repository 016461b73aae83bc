// What src/music.md imports (bundled to src/_lib/music.js by scripts/bundle.ts).
export {tf} from "../tf.ts";
export {startBackend} from "../ready.ts";
export {canTrain} from "../backend.ts";
export {loadCheckpoint} from "../checkpoint.ts";
export {button, controlRow, notice} from "../controls.ts";
export {createFigure, percent} from "../figures/figure.ts";
export {historyFromJSON} from "../train/history.ts";
export {vocabularyFrom} from "../music/dataset.ts";
export {createModelSlot} from "../music/slot.ts";
export {createGeneratorPanel} from "../music/generator.ts";
export {createTrainingPanel, vocabularyOfCard} from "../music/training-panel.ts";
export {normalizeMusicParams, MUSIC_DEFAULTS} from "../music/params.ts";
export {createSweepFigure} from "../music/figures/sweep.ts";
export {runSweep, SWEEP_TEMPERATURES} from "../music/sweep.ts";
export {corpusFigure} from "../music/figures/corpus.ts";
export {addMusicStyles} from "../music/style.ts";
export {renderMath, mathBlock, math} from "../math.ts";

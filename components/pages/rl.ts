// Entry of the Reinforcement learning page (src/rl.md): everything the page's cells use.
export {tf} from "../tf.ts";
export {startBackend} from "../ready.ts";
export {controlRow, notice, slider} from "../controls.ts";
export {createPolicy} from "../rl/agent.ts";
export {opponentSelect, startArena} from "../rl/arena.ts";
export {CART_POLE_VERSIONS} from "../rl/cartpole.ts";
export {createPongPanel, createTrainingPanel} from "../rl/panel.ts";
export {normalizeRlParams, PONG_TRAINING, RL_DEFAULTS, RL_RANGES, RL_URL_CONTROLS} from "../rl/params.ts";
export {bindUrlState, controlsIn} from "../url-state.ts";
export {loadPretrained, pretrainReference} from "../rl/pretrained.ts";
export {createReturnsFigure} from "../rl/returns-figure.ts";
export {makeTask} from "../rl/tasks.ts";
export {createAgentCard, createAgentEye, createCanvasFigure} from "../rl/views.ts";

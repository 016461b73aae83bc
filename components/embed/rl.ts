// Embeds of the Reinforcement learning essay's figures, built with the essay's own modules.
import {controlRow, notice, slider} from "../controls.ts";
import {createPolicy} from "../rl/agent.ts";
import {opponentSelect, startArena} from "../rl/arena.ts";
import type {Arena} from "../rl/arena.ts";
import {CART_POLE_VERSIONS} from "../rl/cartpole.ts";
import {createPongPanel, createTrainingPanel} from "../rl/panel.ts";
import {normalizeRlParams, RL_URL_CONTROLS} from "../rl/params.ts";
import {loadPretrained, pretrainReference} from "../rl/pretrained.ts";
import {createReturnsFigure} from "../rl/returns-figure.ts";
import {makeTask} from "../rl/tasks.ts";
import {createAgentCard, createAgentEye, createCanvasFigure} from "../rl/views.ts";
import {controlsIn} from "../url-state.ts";
import type {RL_EMBEDS} from "./names.ts";
import type {Embed, EmbedBuilder, EmbedContext} from "./types.ts";

type RlEmbed = (typeof RL_EMBEDS)[number];

function embed(parts: HTMLElement[], notes: readonly string[], rest: Partial<Pick<Embed, "controls" | "dispose">> = {}): Embed {
  return {essay: "rl", parts, notes, controls: rest.controls ?? {}, normalize: normalizeRlParams, dispose: rest.dispose ?? (() => {})};
}

const cartpole = async ({files}: EmbedContext) => loadPretrained(await files["rl-cartpole.json"].text(), "rl-cartpole", "cartpole-dense");
const pong = async ({files}: EmbedContext) => loadPretrained(await files["rl-pong.json"].text(), "rl-pong", "pong-mlp");

export const RL_BUILDERS: Record<RlEmbed, EmbedBuilder> = {
  "rl-returns": async ({search}) => {
    const {settings, notes} = normalizeRlParams(search);
    // As in the essay: the slider beside the figure moves γ.
    const gamma = slider({label: "Discount γ", min: 0, max: 1, step: 0.01, value: settings.gamma, name: "gamma", format: (v) => v.toFixed(2)});
    const figure = createReturnsFigure(settings.gamma);
    gamma.addEventListener("input", () => figure.update(gamma.value));
    return embed([controlRow(gamma), figure.root], notes, {controls: {gamma}});
  },
  "rl-cartpole-pretrained": async (context) => {
    const {settings, notes} = normalizeRlParams(context.search);
    const loaded = await cartpole(context);
    const view = createCanvasFigure("rl-cartpole-pretrained", 480, 240, "The pretrained agent balancing");
    if (!loaded) {
      view.describe("No pretrained Cart-Pole agent is committed.");
      return embed([notice("No pretrained Cart-Pole agent is committed (data/checkpoints/rl-cartpole.json is missing).", "error"), view.root], notes);
    }
    const arena = startArena({task: makeTask("cartpole", {version: "v0"}), model: loaded.model, seed: settings.seed, view});
    return embed([createAgentCard("rl-cartpole-card", "Pretrained Cart-Pole agent", loaded.card, ""), view.root], notes, {dispose: () => (arena.stop(), loaded.model.dispose())});
  },
  "rl-cartpole-training": async (context) => {
    const {settings, notes} = normalizeRlParams(context.search);
    // Only the pretraining run's history is drawn (as the reference band): the weights can go.
    const loaded = await cartpole(context);
    const reference = pretrainReference(loaded);
    loaded?.model.dispose();
    const panel = createTrainingPanel({
      name: "rl-cartpole", task: makeTask("cartpole", {version: "v0"}), seed: settings.seed, learningRate: settings.learningRate,
      parallel: settings.parallel, episodes: settings.episodes, speed: settings.speed, reference,
      solvedAt: CART_POLE_VERSIONS.v0.solvedThreshold
    });
    return embed([panel.root], notes, {controls: controlsIn([panel.root], RL_URL_CONTROLS), dispose: () => void panel.dispose()});
  },
  "rl-pong": async (context) => {
    const {settings, notes} = normalizeRlParams(context.search);
    const loaded = await pong(context);
    const model = loaded?.model ?? createPolicy("pong-mlp", settings.seed);
    const task = makeTask("pong");
    const view = createCanvasFigure("rl-pong", 320, 320, "Pong: the agent (right, green)");
    const eye = createAgentEye("rl-pong-eye", task.makeEnvironment(0).actionNames);
    const opponent = opponentSelect(settings.opponent);
    let arena: Arena = startArena({task, model, seed: settings.seed, view, eye, opponent: opponent.value});
    // A new opponent starts a new game, as in the essay.
    opponent.addEventListener("input", () => {
      arena.stop();
      arena = startArena({task, model, seed: settings.seed, view, eye, opponent: opponent.value});
    });
    const card = createAgentCard("rl-pong-card", "Pong agent", loaded?.card ?? null,
      `No pretrained Pong agent is in this build: the agent below is untrained (random weights, seed ${settings.seed}), so it mostly loses.`);
    return embed([card, controlRow(opponent), view.root, eye.root], notes, {controls: {opponent}, dispose: () => (arena.stop(), model.dispose())});
  },
  "rl-pong-training": async (context) => {
    const {settings, notes} = normalizeRlParams(context.search);
    const loaded = await pong(context);
    const reference = pretrainReference(loaded);
    loaded?.model.dispose();
    const panel = createPongPanel(settings.seed, settings.pongSpeed, reference);
    return embed([panel.root], notes, {controls: controlsIn([panel.root], RL_URL_CONTROLS), dispose: () => void panel.dispose()});
  }
};

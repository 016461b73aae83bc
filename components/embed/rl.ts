// Embeds of the Reinforcement learning essay's figures, built with the essay's own modules.
import {controlRow, notice, slider} from "../controls.ts";
import {startArena} from "../rl/arena.ts";
import {CART_POLE_VERSIONS} from "../rl/cartpole.ts";
import {createTrainingPanel} from "../rl/panel.ts";
import {normalizeRlParams} from "../rl/params.ts";
import {loadPretrained, pretrainReference} from "../rl/pretrained.ts";
import {createReturnsFigure} from "../rl/returns-figure.ts";
import {makeTask} from "../rl/tasks.ts";
import {createCanvasFigure} from "../rl/views.ts";
import type {RL_EMBEDS} from "./names.ts";
import type {Embed, EmbedBuilder, EmbedContext} from "./types.ts";

type RlEmbed = (typeof RL_EMBEDS)[number];

function embed(parts: HTMLElement[], notes: readonly string[], rest: Partial<Pick<Embed, "controls" | "dispose">> = {}): Embed {
  return {essay: "rl", parts, notes, controls: rest.controls ?? {}, normalize: normalizeRlParams, dispose: rest.dispose ?? (() => {})};
}

const cartpole = async ({files}: EmbedContext) => loadPretrained(await files["rl-cartpole.json"].text(), "rl-cartpole", "cartpole-dense");

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
    return embed([view.root], notes, {dispose: () => (arena.stop(), loaded.model.dispose())});
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
    return embed([panel.root], notes, {dispose: () => void panel.dispose()});
  }
};

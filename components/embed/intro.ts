// Embeds of the Intro essay's figures, built with the essay's own modules. Each figure holds
// its own controls; the URL's settings reach them through the essay's normalize step.
import {createDenseFigure} from "../intro/figures/dense.ts";
import {createDerivativeFigure} from "../intro/figures/derivative.ts";
import {createDescentFigure} from "../intro/figures/descent.ts";
import {createFitFigures} from "../intro/figures/fit.ts";
import {createGraphFigure} from "../intro/figures/graph.ts";
import {createPerceptronFigure} from "../intro/figures/perceptron.ts";
import {createOpsFigure, createTensorFigure} from "../intro/figures/tensors.ts";
import type {IntroSettings} from "../intro/params.ts";
import {normalizeIntroParams} from "../intro/params.ts";
import {controlsIn} from "../url-state.ts";
import type {INTRO_EMBEDS} from "./names.ts";
import {INTRO_URL_CONTROLS} from "./permalinks.ts";
import type {EmbedBuilder} from "./types.ts";

type IntroEmbed = (typeof INTRO_EMBEDS)[number];

interface Built {
  root: HTMLElement;
  dispose(): void;
  /** Further figures shown below the first (the fit's loss curve). */
  more?: HTMLElement[];
}

function intro(build: (settings: IntroSettings) => Built): EmbedBuilder {
  return async ({search}) => {
    const {settings, notes} = normalizeIntroParams(search);
    const figure = build(settings);
    const parts = [figure.root, ...(figure.more ?? [])];
    return {essay: "intro", parts, notes, controls: controlsIn(parts, INTRO_URL_CONTROLS), normalize: normalizeIntroParams, dispose: () => figure.dispose()};
  };
}

export const INTRO_BUILDERS: Record<IntroEmbed, EmbedBuilder> = {
  "tensor-anatomy": intro((settings) => createTensorFigure(settings)),
  "tensor-ops": intro((settings) => createOpsFigure(settings)),
  "computation-graph": intro((settings) => createGraphFigure({name: "computation-graph", backward: false, x: settings.gx, y: settings.gy})),
  perceptron: intro((settings) => createPerceptronFigure(settings)),
  "dense-layer": intro((settings) => createDenseFigure(settings)),
  derivative: intro((settings) => createDerivativeFigure(settings)),
  "chain-rule": intro((settings) => createGraphFigure({name: "chain-rule", backward: true, x: settings.cx, y: settings.cy})),
  "gradient-descent": intro((settings) => createDescentFigure(settings)),
  "decision-boundary": intro((settings) => {
    const fit = createFitFigures(settings);
    return {root: fit.root, more: [fit.curve], dispose: () => fit.dispose()};
  })
};

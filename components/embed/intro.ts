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
  "tensor-anatomy": intro(() => createTensorFigure()),
  "tensor-ops": intro(() => createOpsFigure()),
  "computation-graph": intro(() => createGraphFigure({name: "computation-graph", backward: false, x: 1, y: -0.5})),
  perceptron: intro((settings) => createPerceptronFigure(settings)),
  "dense-layer": intro(() => createDenseFigure()),
  derivative: intro((settings) => createDerivativeFigure(settings)),
  "chain-rule": intro(() => createGraphFigure({name: "chain-rule", backward: true, x: 1, y: -0.5})),
  "gradient-descent": intro((settings) => createDescentFigure(settings)),
  "decision-boundary": intro((settings) => {
    const fit = createFitFigures(settings);
    return {root: fit.root, more: [fit.curve], dispose: () => fit.dispose()};
  })
};

// One figure as a module of its own, /modules/<figure>.js (one per name of /embed/, listed in
// observablehq.config.ts): the same as /modules/figures.js with the name already chosen.
//   import {mount} from "https://your-host/modules/perceptron.js";
//   await mount(document.querySelector("#slide-3"), {params: {w1: 2}});
/* global observable -- Framework writes the name of this page's figure over observable.params.figure at build time */
import {mount as mountFigure} from "./figures.js";

/** This module's figure. */
export const name = observable.params.figure;

/** Builds this figure into `element`; options as for figures.js's mount(). */
export function mount(element, options = {}) {
  return mountFigure(name, element, options);
}

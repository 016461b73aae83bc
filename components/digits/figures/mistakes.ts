// A gallery of misread test digits, the most confident mistakes first.
import {createFigure} from "../../figures/figure.ts";
import type {Digits} from "../data.ts";
import {digitImage} from "../data.ts";
import type {Mistake} from "../evaluate.ts";
import {createCanvas, drawGrey} from "./pixels.ts";

const SCALE = 2;
const SHOWN = 40;

export function createMistakesFigure(name = "digits-mistakes") {
  const frame = createFigure(name, {
    title: "Mistakes",
    caption: "Each tile: the test digit, then true → predicted and the model's confidence. Select a tile to inspect it."
  });
  const grid = document.createElement("div");
  grid.className = "digit-gallery";
  frame.body.append(grid);
  frame.describe("Not evaluated yet: the model is being measured on the held-out digits.");
  return {
    root: frame.root,
    /** Redraws the gallery; `onPick` gets the index of a digit the reader selects. */
    update(digits: Digits, list: Mistake[], tested: number, onPick?: (index: number) => void) {
      const {rows, cols, classNames} = digits.manifest;
      grid.replaceChildren(
        ...list.slice(0, SHOWN).map((m) => {
          const tile = document.createElement("button");
          tile.type = "button";
          tile.className = "digit-tile";
          const label = `${classNames[m.truth]} → ${classNames[m.predicted]} (${Math.round(m.confidence * 100)} %)`;
          tile.title = `test digit #${m.index}: ${label}`;
          const canvas = createCanvas(cols * SCALE, rows * SCALE, `digit ${classNames[m.truth]} read as ${classNames[m.predicted]}`);
          drawGrey(canvas.getContext("2d")!, digitImage(digits, m.index), cols, rows, 0, 0, SCALE);
          const caption = document.createElement("span");
          caption.textContent = label;
          tile.append(canvas, caption);
          if (onPick) tile.addEventListener("click", () => onPick(m.index));
          return tile;
        })
      );
      frame.describe(
        `${list.length} of ${tested} test digits are misread; the ${Math.min(SHOWN, list.length)} most confident mistakes are shown.` +
          (list.length ? ` The first: a ${classNames[list[0].truth]} read as ${classNames[list[0].predicted]} with ${Math.round(list[0].confidence * 100)} % confidence.` : "")
      );
    }
  };
}

// The data figures of the Faces story: a browser of faces and non-faces, and the
// attribute distribution of the training set against the balanced test set.
import {createFigure, percent} from "../../figures/figure.ts";
import type {FaceAttributes, Faces, FacesSplit} from "../data.ts";
import {groupOf, imageOf} from "../data.ts";
import {createCanvas, drawStrip} from "./pixels.ts";

const PER_ROW = 9;

/** Rows of training faces and of non-faces, picked by `random` (seeded) each time "shuffle" is asked. */
export function createBrowseFigure(faces: Faces, random: () => number, name = "faces-browse") {
  const frame = createFigure(name, {title: "Synthetic training images: faces (top rows) and non-faces (bottom rows)"});
  const {train, side} = faces;
  const faceIdx: number[] = [];
  const nonIdx: number[] = [];
  train.labels.forEach((label, k) => (label ? faceIdx : nonIdx).push(k));
  const canvases = [0, 1, 2, 3].map((r) => createCanvas(10, 10, r < 2 ? "a row of synthetic faces" : "a row of non-face images"));
  const shuffle = document.createElement("button");
  shuffle.type = "button";
  shuffle.className = "manus-button";
  shuffle.dataset.control = "browse-shuffle";
  shuffle.textContent = "Show others";
  const holder = document.createElement("div");
  holder.style.cssText = "display:flex;flex-direction:column;gap:2px";
  holder.append(...canvases);
  frame.body.append(holder, shuffle);
  const pickFrom = (list: number[]) => Array.from({length: PER_ROW}, () => list[Math.floor(random() * list.length)]);
  function draw() {
    canvases.forEach((canvas, r) => {
      const list = r < 2 ? faceIdx : nonIdx;
      if (list.length) drawStrip(canvas, pickFrom(list).map((k) => imageOf(train, side, k)), side, 1);
    });
  }
  shuffle.addEventListener("click", draw);
  draw();
  frame.describe(
    `${faceIdx.length} synthetic faces and ${nonIdx.length} non-face images of ${side} × ${side} RGB pixels in the training set; ` +
      `${faces.test.n} images in the test set. Two rows of faces and two of non-faces are shown.`
  );
  return frame.root;
}

interface Row {
  label: string;
  test: (a: FaceAttributes) => boolean;
}

const ROWS: Row[] = [
  ...[1, 2, 3, 4, 5, 6].map((t) => ({label: `skin tone ${t}${t <= 3 ? " (lighter)" : " (darker)"}`, test: (a: FaceAttributes) => a.skinTone === t})),
  {label: "presentation F", test: (a) => a.presentation === "F"},
  {label: "presentation M", test: (a) => a.presentation === "M"},
  {label: "hat", test: (a) => a.hat === true},
  {label: "glasses", test: (a) => a.glasses === true}
];

function shares(split: FacesSplit): {n: number; values: number[]} {
  const list = split.attributes.filter((a): a is FaceAttributes => a !== null);
  return {n: list.length, values: ROWS.map((row) => list.filter(row.test).length / (list.length || 1))};
}

/** Share of faces with each attribute value, training set against test set. */
export function createAttributesFigure(faces: Faces, name = "faces-attributes"): HTMLElement {
  const frame = createFigure(name, {
    title: "Who is in the data: attributes of the faces, training vs test",
    caption: "The training set is skewed on purpose, as CelebA is: few darker skin tones and few hats. The test set is balanced over the four groups lighter/darker × F/M."
  });
  const train = shares(faces.train);
  const test = shares(faces.test);
  const table = document.createElement("table");
  table.style.fontSize = "13px";
  const head = table.createTHead().insertRow();
  for (const text of ["attribute", `training faces (${train.n})`, `test faces (${test.n})`]) {
    const th = document.createElement("th");
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  ROWS.forEach((row, i) => {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.label;
    for (const [share, colour] of [[train.values[i], "#4269d0"], [test.values[i], "#efb118"]] as const) {
      const cell = tr.insertCell();
      const bar = document.createElement("span");
      bar.style.cssText = `display:inline-block;height:10px;margin-right:6px;vertical-align:middle;background:${colour};width:${Math.round(share * 160)}px`;
      cell.append(bar, percent(share));
    }
  });
  frame.body.append(table);
  const darker = (s: {values: number[]}) => s.values[3] + s.values[4] + s.values[5];
  const groups = {LF: 0, LM: 0, DF: 0, DM: 0};
  faces.test.attributes.forEach((a) => {
    const g = groupOf(a);
    if (g) groups[g] += 1;
  });
  frame.describe(
    `Darker skin tones (4–6): ${percent(darker(train))} of the training faces, ${percent(darker(test))} of the test faces. ` +
      `Hats: ${percent(train.values[8])} of training faces, ${percent(test.values[8])} of test faces. ` +
      `Test faces per group: LF ${groups.LF}, LM ${groups.LM}, DF ${groups.DF}, DM ${groups.DM}.`
  );
  return frame.root;
}

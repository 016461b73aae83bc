// The Intro essay in the browser: every figure is there with its text alternative, each
// answers a moved control with numbers that agree with the maths, and 200 slider moves
// leak no tensor. One page is shared by the tests (its shaders compile once).
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {backendOf, closePage, expectCleanPage, MODE, openPage, waitForFigureAlt} from "./harness.ts";
import {finiteDifference, FUNCTIONS} from "../../components/intro/functions.ts";
import {forward, forwardBackward} from "../../components/intro/graph.ts";
import {mlpParams} from "../../components/intro/mlp.ts";
import {opReference} from "../../components/intro/tensors.ts";

const FIGURES = [
  "tensor-anatomy", "tensor-ops", "computation-graph", "perceptron", "dense-layer",
  "derivative", "chain-rule", "gradient-descent", "decision-boundary", "fit-loss"
];
/** Software GPU shaders compile slowly: a figure's first numbers can take a while. */
const FIGURE_WAIT = 90_000;

let page: Page;

beforeAll(async () => {
  page = await openPage("/intro");
  // WebGPU can start after the network has gone quiet: wait for the backend line and the last figure.
  await page.waitForSelector("[data-backend]", {timeout: FIGURE_WAIT});
  await page.waitForSelector('[data-figure="fit-loss"]', {timeout: FIGURE_WAIT});
});

afterAll(async () => {
  if (page) await closePage(page);
});

/** Sets a control (range or select) by its data-control name, as a reader would, and fires "input". */
async function setControl(name: string, value: string | number): Promise<void> {
  await page.$eval(
    `[data-control="${name}"] input, [data-control="${name}"] select`,
    (element, v) => {
      (element as HTMLInputElement).value = v;
      element.dispatchEvent(new Event("input", {bubbles: true}));
    },
    String(value)
  );
}

async function click(name: string): Promise<void> {
  await page.click(`[data-control="${name}"]`);
}

/** The first number after `label` in `text` ("output y = 0.6640" → 0.664). */
function numberAfter(text: string, label: string): number {
  const at = text.indexOf(label);
  if (at < 0) throw new Error(`"${label}" not found in: ${text}`);
  const match = /-?\d+(\.\d+)?(e[-+]?\d+)?/.exec(text.slice(at + label.length));
  if (!match) throw new Error(`no number after "${label}" in: ${text}`);
  return Number(match[0]);
}

/** Every number inside the first bracketed list after `label`, nested or not: "[[1, 2], [3, 4]]" → [1, 2, 3, 4]. */
function listAfter(text: string, label: string): number[] {
  const from = text.indexOf("[", text.indexOf(label) + label.length);
  let depth = 0;
  let to = from;
  do {
    if (text[to] === "[") depth++;
    else if (text[to] === "]") depth--;
    to++;
  } while (depth > 0 && to < text.length);
  return (text.slice(from, to).match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g) ?? []).map(Number);
}

async function numTensors(): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as {_tfengine: {state: {numTensors: number}}})._tfengine.state.numTensors);
}

/** The tensor count once it has held still for 1.5 s (work in flight frees its tensors when it ends). */
async function settledTensorCount(timeout = FIGURE_WAIT): Promise<number> {
  const deadline = Date.now() + timeout;
  let last = await numTensors();
  for (;;) {
    await page.waitForTimeout(1500);
    const now = await numTensors();
    if (now === last || Date.now() > deadline) return now;
    last = now;
  }
}

describe(`the Intro essay (${MODE} mode)`, () => {
  test("loads cleanly, shows its backend and every figure with a text alternative", async () => {
    await expectCleanPage(page);
    const backend = await backendOf(page);
    if (MODE === "gpu") expect(backend).toBe("webgpu");
    else expect(backend).not.toBe("webgpu");
    for (const name of FIGURES) await waitForFigureAlt(page, name, /[\s\S]{40,}/, FIGURE_WAIT);
    // The maths is typeset as MathML, offline.
    expect(await page.locator(".manus-math math").count()).toBeGreaterThan(10);
  });

  test("tensor-anatomy reports the image tensor's shape, rank and dtype", async () => {
    await setControl("tensor-example", "image");
    await setControl("tensor-dtype", "int32");
    const alt = await waitForFigureAlt(page, "tensor-anatomy", /dtype int32/, FIGURE_WAIT);
    expect(alt).toMatch(/shape \[6, 8, 3\], rank 3, dtype int32, 144 values/);
  });

  test("tensor-ops: the matrix product computed by tfjs equals the product by hand", async () => {
    await setControl("op", "matmul");
    await setControl("op-a", 2);
    const alt = await waitForFigureAlt(page, "tensor-ops", /matMul.*a = 2,/, FIGURE_WAIT);
    expect(alt).toMatch(/result shape \[2, 2\]/);
    expect(listAfter(alt, "values")).toEqual(opReference("matmul", 2).map((v) => expect.closeTo(v, 3)));
  });

  test("computation-graph recomputes every node from the inputs", async () => {
    await setControl("computation-graph-x", 2);
    await setControl("computation-graph-y", 1);
    const alt = await waitForFigureAlt(page, "computation-graph", /x = 2\.00, y = 1\.00/, FIGURE_WAIT);
    const expected = forward(2, 1);
    expect(numberAfter(alt, "f = u*s =")).toBeCloseTo(expected.f, 3);
    expect(numberAfter(alt, "TensorFlow.js computes f =")).toBeCloseTo(expected.f, 3);
  });

  test("perceptron: the output equals g(w·x + b) for the slider values", async () => {
    for (const [name, value] of [["w1", 2], ["w2", -0.5], ["b", 0.3], ["x1", 0.5], ["x2", 1], ["act", "tanh"]] as const) {
      await setControl(name, value);
    }
    let alt = await waitForFigureAlt(page, "perceptron", /w1 = 2\.00, w2 = -0\.50, b = 0\.30, activation tanh/, FIGURE_WAIT);
    expect(numberAfter(alt, "output y =")).toBeCloseTo(Math.tanh(2 * 0.5 - 0.5 * 1 + 0.3), 3);
    await setControl("act", "sigmoid");
    await setControl("b", -2);
    alt = await waitForFigureAlt(page, "perceptron", /b = -2\.00, activation sigmoid/, FIGURE_WAIT);
    const z = 2 * 0.5 - 0.5 * 1 - 2;
    expect(numberAfter(alt, "z =")).toBeCloseTo(z, 3);
    expect(numberAfter(alt, "output y =")).toBeCloseTo(1 / (1 + Math.exp(-z)), 3);
    expect(alt).toMatch(/negative side/);
  });

  test("dense-layer: parameter count from the shapes, and three equal results", async () => {
    await setControl("dense-inputs", 5);
    await setControl("dense-units", 2);
    const alt = await waitForFigureAlt(page, "dense-layer", /5 inputs and 2 /, FIGURE_WAIT);
    expect(alt).toMatch(/5\*2 \+ 2 = 12 parameters \(tfjs counts 12; the sequential model 12\)/);
    const byHand = listAfter(alt, "by hand");
    expect(byHand).toHaveLength(2);
    expect(listAfter(alt, "layer.apply")).toEqual(byHand.map((v) => expect.closeTo(v, 3)));
    expect(listAfter(alt, "model.predict")).toEqual(byHand.map((v) => expect.closeTo(v, 3)));
  });

  test("derivative: tf.grad's slope matches a finite difference within 1e-3", async () => {
    for (const [fn, x] of [["sine", 0.7], ["bump", -1.2]] as const) {
      await setControl("fn", fn);
      await setControl("grad-x", x);
      const alt = await waitForFigureAlt(page, "derivative", new RegExp(`= ${FUNCTIONS[fn].label.replace(/[()^]/g, "\\$&")} at x = ${x.toFixed(2)}`), FIGURE_WAIT);
      const slope = numberAfter(alt, "gradient from tf.grad =");
      expect(Math.abs(slope - finiteDifference(FUNCTIONS[fn].js, x))).toBeLessThan(1e-3);
    }
  });

  test("chain-rule: the backward pass matches tf.variableGrads and the chain rule", async () => {
    await setControl("chain-rule-x", -1);
    await setControl("chain-rule-y", 2);
    const alt = await waitForFigureAlt(page, "chain-rule", /x = -1\.00, y = 2\.00/, FIGURE_WAIT);
    const {gradients} = forwardBackward(-1, 2);
    expect(numberAfter(alt, "Backward pass: df/du =")).toBeCloseTo(gradients.u, 3);
    expect(numberAfter(alt, "tf.variableGrads gives df/dx =")).toBeCloseTo(gradients.x, 3);
    expect(numberAfter(alt, ", df/dy =")).toBeCloseTo(gradients.y, 3);
  });

  test("gradient-descent: converges on the bowl below loss 1e-3 in 60 steps at rate 0.1, diverges at 0.5", async () => {
    await setControl("surface", "bowl");
    await setControl("optimizer", "sgd");
    await setControl("lr", Math.log10(0.1)); // a log slider: the range input holds log10(rate)
    await waitForFigureAlt(page, "gradient-descent", /rate 0\.1000: after 0 steps/, FIGURE_WAIT);
    for (let i = 0; i < 6; ++i) await click("descent-ten");
    let alt = await waitForFigureAlt(page, "gradient-descent", /after 60 steps/, FIGURE_WAIT);
    expect(numberAfter(alt, "with loss")).toBeLessThan(1e-3);
    expect(alt).not.toMatch(/Diverged/);
    await setControl("lr", Math.log10(0.5));
    await waitForFigureAlt(page, "gradient-descent", /rate 0\.5000: after 0 steps/, FIGURE_WAIT);
    for (let i = 0; i < 3; ++i) await click("descent-ten");
    alt = await waitForFigureAlt(page, "gradient-descent", /Diverged at step \d+/, FIGURE_WAIT);
    expect(alt).toMatch(/below 2\/5 = 0\.4/);
  });

  test("200 slider moves leak no tensor", async () => {
    // Runs before any training, so that only the sliders' work can change the count.
    await click("descent-reset");
    const before = await settledTensorCount();
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-control="w1"] input');
      const other = document.querySelector<HTMLInputElement>('[data-control="grad-x"] input');
      if (!input || !other) throw new Error("no w1 or grad-x slider");
      for (let i = 0; i < 200; ++i) {
        input.value = String(-3 + (i % 60) * 0.1);
        input.dispatchEvent(new Event("input", {bubbles: true}));
        other.value = String(-2 + (i % 40) * 0.1);
        other.dispatchEvent(new Event("input", {bubbles: true}));
      }
      input.value = "1.7";
      input.dispatchEvent(new Event("input", {bubbles: true}));
    });
    await waitForFigureAlt(page, "perceptron", /w1 = 1\.70/, FIGURE_WAIT);
    expect(await settledTensorCount()).toBe(before); // stale updates finish and free their tensors
    await expectCleanPage(page);
  });

  test("decision-boundary: the parameter count follows the shape, and a few training steps redraw it", async () => {
    await setControl("depth", 1);
    await setControl("width", 4);
    await waitForFigureAlt(page, "decision-boundary", new RegExp(`1 hidden layer of 4 tanh units and a sigmoid output, ${mlpParams(1, 4)} parameters`), FIGURE_WAIT);
    await click("train");
    // A few steps only: training on a software GPU is slow, and the point is that it runs and redraws.
    const curve = await waitForFigureAlt(page, "fit-loss", /after ([3-9]|\d{2,}) steps/, FIGURE_WAIT);
    await click("train"); // pause
    expect(Number.isFinite(numberAfter(curve, "Loss"))).toBe(true);
    const alt = await waitForFigureAlt(page, "decision-boundary", /(running|paused) after [1-9]\d* steps/, FIGURE_WAIT);
    expect(numberAfter(alt, "accuracy on all points")).toBeGreaterThanOrEqual(0);
    // Paused is still in progress: WASM, which cannot train, is refused with a sentence, and the backend stays.
    const backend = await page.locator("[data-backend]").first().getAttribute("data-backend");
    await page.locator("[data-control=backend]").first().selectOption("wasm");
    await expect.poll(async () => (await page.locator(".manus-backend-message").first().textContent()) ?? "", {timeout: FIGURE_WAIT})
      .toMatch(/WASM \(CPU, inference only\) cannot train, and a model on this page is training/);
    expect(await page.locator("[data-backend]").first().getAttribute("data-backend")).toBe(backend);
    expect(await page.locator("[data-control=backend]").first().inputValue()).toBe(backend);
  });
});

describe(`the Intro essay's address parameters (${MODE} mode)`, () => {
  test("a bad value is named in a note and replaced; a good one is used", async () => {
    const other = await openPage(`/intro?backend=cpu&w1=9&act=${encodeURIComponent("<b>bold</b>")}&lr=0.2`);
    try {
      const notes = await other.$$eval(".manus-notice-error", (nodes) => nodes.map((node) => node.textContent ?? ""));
      expect(notes.join(" ")).toMatch(/w1="9" is outside -4–4/);
      expect(notes.join(" ")).toMatch(/act="<b>bold<\/b>" is not one of sigmoid, tanh, relu/);
      expect(await other.locator(".manus-notice-error b").count()).toBe(0); // shown as text, never as markup
      const alt = await waitForFigureAlt(other, "perceptron", /w1 = 4\.00/, FIGURE_WAIT);
      expect(alt).toMatch(/activation sigmoid/);
      await waitForFigureAlt(other, "gradient-descent", /learning rate 0\.2000/, FIGURE_WAIT);
    } finally {
      await closePage(other);
    }
  });

  test("every figure's controls are read from the address, and written back as they move", async () => {
    const other = await openPage("/intro?backend=cpu&tensor=image&dtype=int32&op=matmul&opa=-2&gx=2&gy=1&cx=0.5&cy=-1&x1=-1&x2=0.5&dinputs=5&dunits=2&dact=relu");
    try {
      expect(await waitForFigureAlt(other, "tensor-anatomy", /shape \[6, 8, 3\]/, FIGURE_WAIT)).toMatch(/int32/);
      await waitForFigureAlt(other, "tensor-ops", /^tf\.matMul\(A, C\) with a = -2,/, FIGURE_WAIT);
      await waitForFigureAlt(other, "computation-graph", /x = 2\.00, y = 1\.00/, FIGURE_WAIT);
      await waitForFigureAlt(other, "chain-rule", /x = 0\.50, y = -1\.00/, FIGURE_WAIT);
      await waitForFigureAlt(other, "dense-layer", /5 inputs and 2 /, FIGURE_WAIT);
      expect(await other.locator('[data-control="x1"] input').inputValue()).toBe("-1");
      expect(await other.locator('[data-control="dense-activation"] select').inputValue()).toBe("relu");
      await other.locator('[data-control="tensor-value"] input').fill("-1.5");
      await other.selectOption('[data-control="tensor-example"] select', "vector");
      await other.locator('[data-control="chain-rule-y"] input').fill("2");
      await expect.poll(() => new URL(other.url()).searchParams.toString(), {timeout: 10_000}).toMatch(/tensor=vector.*tvalue=-1\.5|tvalue=-1\.5.*tensor=vector/);
      const query = new URL(other.url()).searchParams;
      expect(query.get("cy")).toBe("2");
      expect(query.get("dinputs")).toBe("5");
    } finally {
      await closePage(other);
    }
  });
});

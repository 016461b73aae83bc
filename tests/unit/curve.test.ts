// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {createCurve} from "../../components/figures/curve.ts";
import type {CurveOptions, CurvePoint} from "../../components/figures/curve.ts";
import {mulberry32} from "../../components/random.ts";

/** A made-up run: loss falls from ~2 and accuracy rises from ~10 %, with seeded batch noise. */
function run(steps: number, seed: number): CurvePoint[] {
  const random = mulberry32(seed);
  return Array.from({length: steps}, (_, i) => {
    const step = i + 1;
    const noise = () => (random() - 0.5) * 0.2;
    const loss = 2 * Math.exp(-step / 50) + 0.1 + noise();
    const accuracy = 1 - 0.9 * Math.exp(-step / 40) + noise() / 2;
    return {epoch: Math.ceil(step / 50), step, loss, accuracy};
  });
}

const options: CurveOptions = {
  name: "digits-training",
  title: "Training",
  metrics: [
    {key: "loss", label: "Loss"},
    {key: "accuracy", label: "Accuracy", axis: "right"}
  ],
  xLabel: "step",
  width: 480,
  height: 200
};
const reference = {label: "Pretrained run", points: run(300, 2), spread: {kind: "minmax" as const, window: 20}};

const alt = (root: HTMLElement) => root.querySelector("[data-alt]")?.textContent;
const pathData = (root: HTMLElement, selector: string) => root.querySelector(selector)?.getAttribute("d") ?? "";

describe("createCurve", () => {
  it("draws a fixed run over a fixed reference (SVG snapshot)", () => {
    const curve = createCurve({...options, reference});
    curve.update(run(200, 1), "Epoch 4 of 6 · 55 steps/s · 20 s left");
    expect(curve.root.outerHTML).toMatchSnapshot();
  });

  it("states the latest numbers and the reference's at that step", () => {
    const curve = createCurve({...options, reference});
    curve.update([
      {epoch: 1, step: 1, loss: 0.5, accuracy: 0.9},
      {epoch: 1, step: 2, loss: 0.25, accuracy: 0.934}
    ]);
    const text = alt(curve.root);
    expect(text).toMatch(/^Loss 0\.\d+ and accuracy \d+\.\d % after 2 steps \(smoothed\); /);
    expect(text).toMatch(/; the reference run had loss [\d.]+ and accuracy [\d.]+ % at that step\.$/);
    const plain = createCurve({...options, smoothing: 0});
    plain.update([{epoch: 1, step: 120, loss: 0.231, accuracy: 0.934}]);
    expect(alt(plain.root)).toBe("Loss 0.231 and accuracy 93.4 % after 120 steps.");
  });

  it("says when the reader's run has gone past the end of the reference", () => {
    const points = [{step: 1, loss: 1, accuracy: 0.5}, {step: 2, loss: 0.5, accuracy: 0.8}];
    const curve = createCurve({...options, smoothing: 0, reference: {label: "ref", points}});
    curve.update([{step: 10, loss: 0.2, accuracy: 0.9}]);
    expect(alt(curve.root)).toBe(
      "Loss 0.200 and accuracy 90.0 % after 10 steps; the reference run ended at step 2 with loss 0.500 and accuracy 80.0 %."
    );
  });

  it("ends the x axis at a run's span, cutting a longer reference there", () => {
    const curve = createCurve({...options, reference});
    const xs = (selector: string) => [...pathData(curve.root, selector).matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    const ticks = () => [...curve.root.querySelectorAll(".axis.x .tick text")].map((t) => Number(t.textContent));
    curve.update(run(10, 1));
    expect(Math.max(...ticks())).toBe(300); // the whole reference run
    const left = 48; // the plot's left edge, where step 0 is
    const smoothWide = Math.max(...xs(".smooth")) - left;
    curve.update(run(10, 1), "step 10 of 40", 40);
    expect(Math.max(...ticks())).toBe(40);
    const right = 480 - 48; // the plot's right edge: the width less the right axis
    expect(Math.max(...xs(".ref-line"))).toBeLessThanOrEqual(right);
    expect(Math.max(...xs(".smooth")) - left).toBeGreaterThan(4 * smoothWide); // 10 of 40 steps, not of 300
    expect(alt(curve.root)).toMatch(/after 10 steps \(smoothed\); the reference run had loss/);
  });

  it("handles no data, with and without a reference", () => {
    const curve = createCurve(options);
    curve.update([]);
    expect(alt(curve.root)).toBe("No steps yet: the curve fills in as the model trains.");
    expect(pathData(curve.root, ".smooth")).toBe("");
    curve.setReference({label: "ref", points: [{step: 500, loss: 0.05, accuracy: 0.981}]});
    expect(alt(curve.root)).toBe(
      "No steps yet: the curve fills in as the model trains. " +
        "The reference run reached loss 0.0500 and accuracy 98.1 % after 500 steps."
    );
    curve.setReference(null);
    expect(pathData(curve.root, ".band")).toBe("");
  });

  it("breaks the line at NaN, clips Infinity to the edge and says where the run diverged", () => {
    const curve = createCurve({...options, metrics: [options.metrics[0]]});
    const diverge = (p: CurvePoint) => (p.step === 30 ? {...p, loss: Infinity} : p.step > 30 ? {...p, loss: NaN} : p);
    const points = run(40, 3).map(diverge);
    curve.update(points);
    const text = alt(curve.root) ?? "";
    expect(text).toContain("Loss NaN after 40 steps (smoothed).");
    expect(text).toContain("The run diverged at step 30");
    for (const selector of [".raw", ".smooth"]) expect(pathData(curve.root, selector)).not.toMatch(/NaN|Infinity/);
    expect(curve.root.querySelector(".diverged")?.getAttribute("display")).toBeNull();
  });

  it("reuses its elements between updates and draws at most maxPoints per line for 10 000 steps", () => {
    const curve = createCurve({...options, maxPoints: 300, reference: {label: "ref", points: run(10_000, 4)}});
    const before = curve.root.querySelector(".smooth");
    curve.update(run(100, 5));
    curve.update(run(10_000, 5), "done");
    expect(curve.root.querySelector(".smooth")).toBe(before);
    const vertices = (selector: string) => (pathData(curve.root, selector).match(/[ML]/g) ?? []).length;
    expect(vertices(".smooth")).toBeLessThanOrEqual(301);
    expect(vertices(".raw")).toBeLessThanOrEqual(301);
    expect(vertices(".ref-line")).toBeLessThanOrEqual(301);
    expect(alt(curve.root)).toMatch(/after 10000 steps \(smoothed\); .* done$/);
  });

  it("rejects a curve without metrics", () => {
    expect(() => createCurve({...options, metrics: []})).toThrow(
      'createCurve "digits-training": expected at least one metric, got none'
    );
  });
});

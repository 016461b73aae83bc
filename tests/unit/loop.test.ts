import {describe, expect, it, vi} from "vitest";
import {loopsInProgress, startLoop} from "../../components/train/loop.ts";
import type {LoopSpec, Trainer} from "../../components/train/loop.ts";
import type {History} from "../../components/train/history.ts";
import {historyFromJSON, historyToCsv, historyToJSON, movingBand, smoothEma} from "../../components/train/history.ts";

/** A fake clock that each step advances by `stepMs`; yields are counted, never waited for. */
function harness(stepMs = 1) {
  const clock = {t: 0, yields: 0};
  const options = {
    now: () => clock.t,
    yieldToBrowser: async () => {
      clock.yields++;
    },
    frameBudgetMs: 12
  };
  const step = (metrics: (ctx: Parameters<LoopSpec["step"]>[0]) => Record<string, number> = () => ({loss: 1})) =>
    (ctx: Parameters<LoopSpec["step"]>[0]) => {
      clock.t += stepMs;
      return metrics(ctx);
    };
  return {clock, options, step};
}

/** Lets pending promise callbacks and timers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("startLoop", () => {
  it("runs every step and records 1-based steps and epoch means merged with endEpoch", async () => {
    const {options, step} = harness();
    const trainer = startLoop(
      {
        epochs: 2,
        stepsPerEpoch: 3,
        seed: 1,
        step: step(({globalStep}) => ({loss: globalStep})),
        endEpoch: ({epoch}) => ({val_loss: 10 + epoch})
      },
      options
    );
    const history = await trainer.done;
    expect(trainer.status).toBe("done");
    const rows = history.steps.map((s) => [s.epoch, s.step, s.loss]);
    expect(rows).toEqual([[1, 1, 0], [1, 2, 1], [1, 3, 2], [2, 4, 3], [2, 5, 4], [2, 6, 5]]);
    expect(history.epochs).toEqual([{epoch: 1, loss: 1, val_loss: 10}, {epoch: 2, loss: 4, val_loss: 11}]);
    expect(trainer.progress).toMatchObject({epoch: 2, epochs: 2, step: 3, stepsDone: 6, totalSteps: 6, etaMs: 0});
  });

  it("gives the same random numbers for the same seed and epoch, and others for another seed", async () => {
    const run = (seed: number) =>
      startLoop({epochs: 2, stepsPerEpoch: 4, seed, step: ({random}) => ({r: random()})}, harness().options).done;
    const [a, b, c] = await Promise.all([run(7), run(7), run(8)]);
    const values = (h: typeof a) => h.steps.map((s) => s.r);
    expect(values(a)).toEqual(values(b));
    expect(values(a)).not.toEqual(values(c));
    expect(values(a).slice(0, 4)).not.toEqual(values(a).slice(4)); // each epoch has its own stream
  });

  it("pause() holds the next step until resume(), and the ETA leaves the pause out", async () => {
    const {clock, options, step} = harness(10);
    const trainer: Trainer = startLoop({epochs: 1, stepsPerEpoch: 10, seed: 0, step: step(({step: s}) => {
      if (s === 3) trainer.pause();
      return {loss: s};
    })}, options);
    await settle();
    expect(trainer.status).toBe("paused");
    expect(trainer.history.steps).toHaveLength(4);
    clock.t += 60_000; // a minute away from the page
    await settle();
    expect(trainer.history.steps).toHaveLength(4);
    expect(trainer.progress.elapsedMs).toBe(40);
    expect(trainer.progress.etaMs).toBe(60);
    trainer.resume();
    await trainer.done;
    expect(trainer.status).toBe("done");
    expect(trainer.progress).toMatchObject({stepsDone: 10, elapsedMs: 100, etaMs: 0, stepsPerSecond: 100});
  });

  it("stop() ends after the step in flight and resolves done with the history so far", async () => {
    const {options, step} = harness();
    const endEpoch = vi.fn(() => ({}));
    const trainer: Trainer = startLoop({epochs: 3, stepsPerEpoch: 4, seed: 0, endEpoch, step: step(({globalStep}) => {
      if (globalStep === 5) trainer.stop();
      return {loss: globalStep};
    })}, options);
    const history = await trainer.done;
    expect(trainer.status).toBe("stopped");
    expect(history.steps).toHaveLength(6);
    expect(history.epochs).toHaveLength(1); // the second epoch was cut short: no record
    expect(endEpoch).toHaveBeenCalledTimes(1);
  });

  it("stop() while paused ends the run", async () => {
    const {options, step} = harness();
    const trainer = startLoop({epochs: 1, stepsPerEpoch: 5, seed: 0, step: step()}, options);
    trainer.pause();
    await settle();
    trainer.stop();
    const history = await trainer.done;
    expect(trainer.status).toBe("stopped");
    expect(history.steps).toHaveLength(0);
  });

  it("a step that throws sets status failed, keeps the history and says where it failed", async () => {
    const {options, step} = harness();
    const trainer = startLoop({epochs: 2, stepsPerEpoch: 3, seed: 0, step: step(({globalStep}) => {
      if (globalStep === 4) throw new Error("out of memory");
      return {loss: globalStep};
    })}, options);
    const history = await trainer.done;
    expect(trainer.status).toBe("failed");
    expect(history.steps).toHaveLength(4);
    expect(trainer.error?.message).toBe("training failed at epoch 2, step 5 of 6: out of memory");
    expect((trainer.error?.cause as Error).message).toBe("out of memory");
  });

  it("fails with a clear message when a step returns something that is not metrics", async () => {
    const spec = {epochs: 1, stepsPerEpoch: 2, seed: 0, step: () => ({loss: "0.3"}) as never};
    const trainer = startLoop(spec, harness().options);
    await trainer.done;
    expect(trainer.status).toBe("failed");
    expect(trainer.error?.message).toContain('step() returned loss: "0.3", expected a number');
  });

  it("notifies listeners once per yielded frame and on status changes, not once per step", async () => {
    const {clock, options, step} = harness(1);
    const trainer = startLoop({epochs: 4, stepsPerEpoch: 250, seed: 0, step: step()}, options);
    const seen: string[] = [];
    trainer.subscribe((t) => seen.push(t.status));
    await trainer.done;
    // 1000 steps of 1 ms with a 12 ms budget: about 1000 / 12 frames, plus "done".
    expect(clock.yields).toBeGreaterThanOrEqual(80);
    expect(seen.length).toBe(clock.yields + 1);
    expect(seen.at(-1)).toBe("done");
  });

  it("keeps running when a listener throws, and reports the listener's error", async () => {
    const reportError = vi.fn();
    const spec = {epochs: 1, stepsPerEpoch: 3, seed: 0, step: () => ({loss: 1})};
    const trainer = startLoop(spec, {...harness().options, reportError});
    trainer.subscribe(() => {
      throw new Error("redraw failed");
    });
    await trainer.done;
    expect(trainer.status).toBe("done");
    expect(reportError).toHaveBeenCalledWith(expect.objectContaining({message: "redraw failed"}));
  });

  it("yields with a real macrotask by default", async () => {
    const spec = {epochs: 1, stepsPerEpoch: 20, seed: 0, step: async () => ({loss: 1})};
    const trainer = startLoop(spec, {frameBudgetMs: 0});
    await expect(trainer.done).resolves.toMatchObject({steps: expect.any(Array)});
    expect(trainer.history.steps).toHaveLength(20);
  });

  it("rejects bad sizes up front", () => {
    expect(() => startLoop({epochs: 1.5, stepsPerEpoch: 1, seed: 0, step: () => ({})})).toThrow(
      "startLoop: epochs must be an integer ≥ 0, got 1.5"
    );
    expect(() => startLoop({epochs: 1, stepsPerEpoch: 0, seed: 0, step: () => ({})})).toThrow("stepsPerEpoch");
  });
});

// The history helpers that the loop fills; kept here until history has its own test file.
describe("history helpers", () => {
  const history: History = {
    steps: [{epoch: 1, step: 1, loss: 0.5}, {epoch: 1, step: 2, loss: NaN, accuracy: 0.75}],
    epochs: [{epoch: 1, loss: 0.5}]
  };

  it("historyToCsv writes a header of all keys, epoch and step first, and leaves missing values empty", () => {
    expect(historyToCsv(history)).toBe("epoch,step,loss,accuracy\n1,1,0.5,\n1,2,NaN,0.75\n");
    expect(historyToCsv(history, "epochs")).toBe("epoch,loss\n1,0.5\n");
  });

  it("historyToJSON stores NaN as null and historyFromJSON reads it back", () => {
    const json = historyToJSON(history);
    expect(json.steps[1].loss).toBeNull();
    expect(historyFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(history);
    expect(() => historyFromJSON({steps: [{epoch: 1}], epochs: []})).toThrow('invalid history: steps[0] has no "step"');
  });

  it("smoothEma is debiased, skips non-finite values and returns the input at weight 0", () => {
    expect(smoothEma([2, 2, 2], 0.9)).toEqual([2, 2, 2].map((v) => expect.closeTo(v, 12)));
    const smoothed = smoothEma([1, NaN, 3], 0.5);
    expect(smoothed[1]).toBeNaN();
    expect(smoothed[2]).toBeCloseTo((0.25 * 1 + 0.5 * 3) / 0.75, 12);
    expect(smoothEma([1, 5], 0)).toEqual([1, 5]);
  });

  it("movingBand gives a window's mean and min..max, or mean ± std", () => {
    const series = {x: [1, 2, 3, 4], y: [0, 4, 2, 6]};
    const band = {x: [1, 2, 3, 4], mid: [2, 2, 3, 4], lo: [0, 0, 2, 2], hi: [4, 4, 4, 6]};
    expect(movingBand(series, {window: 2})).toEqual(band);
    expect(movingBand(series, {kind: "std", window: 4})?.lo[0]).toBeCloseTo(3 - Math.sqrt(5), 12);
    expect(movingBand({x: [], y: []})).toBeNull();
  });
});

describe("loopsInProgress", () => {
  it("counts a loop from its start until it ends, paused or not, and forgets it after stop or failure", async () => {
    const {options, step} = harness();
    const before = loopsInProgress();
    const paused = startLoop({epochs: 1, stepsPerEpoch: 1000, seed: 1, step: step()}, options);
    paused.pause();
    const failing = startLoop({epochs: 1, stepsPerEpoch: 3, seed: 1, step: () => { throw new Error("no gradient"); }}, options);
    expect(loopsInProgress()).toBe(before + 2);
    await failing.done;
    expect(failing.status).toBe("failed");
    expect(loopsInProgress()).toBe(before + 1);
    paused.stop();
    await paused.done;
    expect(loopsInProgress()).toBe(before);
  });
});

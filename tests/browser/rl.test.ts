// The Reinforcement learning page: both environments draw, Cart-Pole trains a few episodes on
// this mode's backend with a working speed control and pause, no tensor leaks from run to run,
// the tab stays responsive, and a human can move the left Pong paddle.
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {backendOf, closePage, expectCleanPage, figureAlt, MODE, openPage, waitForFigureAlt} from "./harness.ts";

const STATUS = ".manus-rl-status";

async function statusNumber(page: Page, key: "episodes" | "steps"): Promise<number> {
  return Number(await page.$eval(STATUS, (node, k) => (node as HTMLElement).dataset[k] ?? "0", key));
}

async function numTensors(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as {_tfengine: {state: {numTensors: number}}})._tfengine.state.numTensors);
}

/** Distinct colours among a sample of a canvas's pixels: a blank canvas has one. */
async function canvasColours(page: Page, figure: string): Promise<number> {
  return page.$eval(`[data-figure="${figure}"] canvas`, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

describe(`/rl (${MODE} mode)`, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage("/rl?speed=1&episodes=24");
  });
  afterAll(async () => {
    if (page) await closePage(page);
  });

  test("loads cleanly and draws Cart-Pole and Pong", async () => {
    await expectCleanPage(page);
    expect(await backendOf(page)).toEqual(MODE === "gpu" ? "webgpu" : expect.not.stringMatching(/^webgpu$/));
    await waitForFigureAlt(page, "rl-cartpole-pretrained", /Cart-Pole v0, episode \d+, step [1-9]/, 30_000);
    await waitForFigureAlt(page, "rl-pong", /Pong, episode 1, step [1-9]/, 30_000);
    expect(await canvasColours(page, "rl-cartpole-pretrained")).toBeGreaterThan(2);
    expect(await canvasColours(page, "rl-pong")).toBeGreaterThan(2);
    expect(await figureAlt(page, "rl-pong-eye")).toMatch(/up \d+ %, down \d+ %, stay \d+ %/);
    expect(await figureAlt(page, "rl-cartpole-card")).toMatch(/solved at episode: \d+/);
    expect(await figureAlt(page, "rl-returns")).toMatch(/γ = 0\.95/);
  });

  test("trains at real time, pauses, runs a few episodes as fast as possible, and leaks no tensor", async () => {
    const before = await numTensors(page);
    await page.click('[data-control="rl-cartpole-train"]');
    await page.waitForTimeout(2000);
    const started = Date.now();
    const steps0 = await statusNumber(page, "steps");
    await page.waitForTimeout(2000);
    const rate = ((await statusNumber(page, "steps")) - steps0) / ((Date.now() - started) / 1000);
    expect(rate, "steps per second at real time (Cart-Pole runs at 50)").toBeLessThanOrEqual(60);

    await page.click('[data-control="rl-cartpole-pause"]');
    // A step already in flight may still land (slow on a loaded machine): wait until the
    // count holds still for half a second, then it must not move while paused.
    await expect
      .poll(async () => {
        const before = await statusNumber(page, "steps");
        await page.waitForTimeout(500);
        return (await statusNumber(page, "steps")) - before;
      }, {timeout: 20_000})
      .toBe(0);
    const paused = await statusNumber(page, "steps");
    expect(await page.locator(STATUS).first().textContent()).toMatch(/^Paused: .* downloading or loading a run waits until this one ends\.$/);
    expect(await page.locator('[data-control="rl-cartpole-download-run"]').isDisabled()).toBe(true);
    // The paused view is described with the episodes the status counts, even when the batch
    // ended after Pause was pressed.
    const viewEpisodes = async () => Number(/after (\d+) episodes/.exec(await figureAlt(page, "rl-cartpole-training"))?.[1]);
    expect(await viewEpisodes()).toBe(await statusNumber(page, "episodes"));
    await page.waitForTimeout(1000);
    expect(await statusNumber(page, "steps"), "steps taken while paused").toBe(paused);
    await page.click('[data-control="rl-cartpole-pause"]');

    await page.selectOption('[data-control="rl-cartpole-speed"] select', "max");
    // The tab stays responsive: the loop yields, so animation frames keep arriving while it
    // trains at full speed. (How long the longest gap is, is a benchmark's question: a
    // bound in milliseconds here failed on a loaded 2-core machine.)
    // Five frames must arrive while it trains, within a minute; a loop that never yielded
    // would starve them and time the test out.
    const frames = await page.evaluate(() => new Promise<number>((resolve) => {
      let count = 0;
      const giveUp = performance.now() + 60_000;
      const frame = (now: number) => {
        count += 1;
        if (count < 5 && now < giveUp) requestAnimationFrame(frame);
        else resolve(count);
      };
      requestAnimationFrame(frame);
    }));
    expect(frames, "animation frames drawn while training at full speed (within a minute)").toBe(5);
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute("data-status") === "done", STATUS, {timeout: 150_000});
    expect(await statusNumber(page, "episodes")).toBe(24);
    const afterFirst = await numTensors(page);
    expect(afterFirst - before, "tensors kept after a run: the policy's weights only").toBeLessThanOrEqual(4 + 3);

    await page.click('[data-control="rl-cartpole-train"]');
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute("data-status") === "done", STATUS, {timeout: 150_000});
    expect(Math.abs((await numTensors(page)) - afterFirst), "tensors after a second 24-episode run").toBeLessThanOrEqual(3);
    expect(await figureAlt(page, "rl-cartpole-rewards")).toMatch(/after 24 episodes/);
    await expectCleanPage(page);
  });

  test("a human moves the left Pong paddle with the keyboard", async () => {
    await page.selectOption('[data-control="rl-pong-opponent"] select', "human");
    await waitForFigureAlt(page, "rl-pong", /You hold the left paddle \(its top at \d+ px\)/, 30_000);
    // The choice goes into the address, for a permalink.
    await expect.poll(() => new URL(page.url()).searchParams.get("opponent"), {timeout: 10_000}).toBe("human");
    await page.focus('[data-figure="rl-pong"] canvas');
    await page.keyboard.down("ArrowUp");
    await waitForFigureAlt(page, "rl-pong", /its top at 0 px/, 30_000);
    await page.keyboard.up("ArrowUp");
    await expectCleanPage(page);
  });
});

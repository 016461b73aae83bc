// Share a run, in the Intro and RL essays (Digits: tests/browser/digits.test.ts): a run file
// downloaded from one page and loaded into a fresh one brings back the settings (controls and
// address), the network and its history.
import {readFile} from "node:fs/promises";
import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, waitForFigureAlt} from "./harness.ts";

const WAIT = 120_000;

interface FileUpload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

async function downloadRun(page: Page, control: string): Promise<FileUpload> {
  const [download] = await Promise.all([page.waitForEvent("download", {timeout: 30_000}), page.locator(`[data-control=${control}]`).click()]);
  return {name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile((await download.path())!)};
}

/** What the decision boundary's alt says of the network and its data, its last batch loss and its accuracy. */
function fitSummary(text: string) {
  return {network: text.split(":")[0], loss: /batch loss ([\d.]+)/.exec(text)?.[1], accuracy: /accuracy on all points ([\d.]+) %/.exec(text)?.[1]};
}

describe(`sharing a run (${MODE} mode)`, () => {
  test("Intro: a trained network comes back in a fresh page with its settings, weights and history", async () => {
    const first = await openPage("/intro?backend=cpu&dataset=xor&depth=1&width=6&seed=7");
    let file: FileUpload;
    let before: string;
    try {
      await waitForFigureAlt(first, "decision-boundary", /1 hidden layer of 6/, WAIT);
      await first.locator("[data-figure=decision-boundary] [data-control=train]").click();
      await waitForFigureAlt(first, "fit-loss", /after ([5-9]|\d{2,}) steps/, WAIT);
      await first.locator("[data-figure=decision-boundary] [data-control=train]").click(); // pause
      before = await waitForFigureAlt(first, "decision-boundary", /paused after \d+ steps/, WAIT);
      file = await downloadRun(first, "fit-download-run");
      await expectCleanPage(first);
    } finally {
      await closePage(first);
    }
    expect(file.name).toMatch(/^intro-intro-mlp-run-[\d-]+\.manus\.json$/);
    const steps = /paused after (\d+) steps/.exec(before)![1];

    const second = await openPage("/intro?backend=cpu");
    try {
      await waitForFigureAlt(second, "decision-boundary", /untrained/, WAIT);
      await second.locator("[data-control=fit-load-run]").setInputFiles(file);
      const after = await waitForFigureAlt(second, "decision-boundary", new RegExp(`loaded from ${file.name.replaceAll(".", "\\.")}, trained for ${steps} steps`), WAIT);
      // The same network on the same data: the same predictions, so the same accuracy.
      expect(fitSummary(after)).toEqual(fitSummary(before));
      expect(fitSummary(before).accuracy).toMatch(/^\d+\.\d$/);
      expect(await figureAlt(second, "fit-loss")).toMatch(new RegExp(`after ${steps} steps`));
      await expect.poll(() => new URL(second.url()).search, {timeout: 10_000}).toMatch(/dataset=xor/);
      const query = new URL(second.url()).searchParams;
      expect([query.get("depth"), query.get("width"), query.get("seed")]).toEqual(["1", "6", "7"]);
      await expectCleanPage(second);
    } finally {
      await closePage(second);
    }
  }, 600_000);

  test("RL: the committed Cart-Pole agent, shared as a run, plays in the panel and sets the address", async () => {
    const checkpoint = JSON.parse(await readFile(new URL("../../data/checkpoints/rl-cartpole.json", import.meta.url), "utf8"));
    const params = {seed: "3", lr: "0.02", parallel: "4", episodes: "200"};
    const run = {...checkpoint, run: {format: "manus-run", version: 1, essay: "rl", params}};
    const page = await openPage("/rl");
    try {
      await page.locator("[data-control=rl-cartpole-load-run]").setInputFiles({name: "cartpole-run.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(run))});
      const panel = ".manus-rl-panel:has([data-figure=rl-cartpole-training])";
      const status = page.locator(`${panel} .manus-rl-status`);
      await expect.poll(async () => (await status.textContent()) ?? "", {timeout: 30_000})
        // How the agent was trained comes from its card; what Train would do, from the run's settings.
        .toMatch(/^Loaded from cartpole-run\.json: an agent trained for 336 episodes with seed 1, learning rate 0\.03, 8 games per step; .* Train starts a fresh agent with seed 3, learning rate 0\.02, 4 games per step\.$/);
      await waitForFigureAlt(page, "rl-cartpole-training", /^Cart-Pole v0, episode \d+, step \d+/, 30_000);
      expect(await figureAlt(page, "rl-cartpole-rewards")).toMatch(/after 336 episodes/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject(params);
      // A run of the Pong panel's model is refused by the Cart-Pole panel, and nothing changes.
      const pong = {...run, card: {...run.card, model: "rl-pong"}};
      await page.locator("[data-control=rl-cartpole-load-run]").setInputFiles({name: "pong.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pong))});
      const alert = page.locator(`${panel} .manus-notice-error`);
      await expect.poll(async () => (await alert.textContent()) ?? "", {timeout: 30_000})
        .toBe('Could not load pong.json: pong.json holds the model "rl-pong", which the rl essay does not show (expected rl-cartpole). Nothing was changed.');
      expect(await status.textContent()).toMatch(/^Loaded from cartpole-run\.json/);
      // Downloaded again, it carries the same settings.
      const again = await downloadRun(page, "rl-cartpole-download-run");
      expect(JSON.parse(again.buffer.toString("utf8")).run.params).toEqual(params);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  }, 300_000);
});

// The Faces essay in a real browser: the synthetic data load, the untrained DB-VAE fills
// the sampler, the α slider reweights it at once, a couple of DB-VAE training steps run
// on this mode's backend (twice, without a leaked tensor), and a hostile URL parameter is
// refused with a visible note.
// Tiny settings throughout (16 × 16 inputs, 2 steps): WebGPU on SwiftShader is slow.
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, settle, waitForFigureAlt} from "./harness.ts";

async function numTensors(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as {_tfengine: {state: {numTensors: number}}})._tfengine.state.numTensors);
}

const SAMPLER_READY = /α = [\d.]+, \d+ bins, debiasing on/;
const LOAD_TIMEOUT = MODE === "gpu" ? 60_000 : 30_000;

describe(`the Faces essay (${MODE} mode)`, () => {
  let page: Page;

  beforeAll(async () => {
    page = await openPage("/faces?size=16&steps=2&epochs=1&batch=8&test=40");
  });
  afterAll(async () => closePage(page));

  test("shows the synthetic data and says what it is", async () => {
    expect(await figureAlt(page, "faces-browse")).toMatch(/\d+ synthetic faces and \d+ non-face images of 64 × 64 RGB pixels/);
    expect(await figureAlt(page, "faces-attributes")).toMatch(/Darker skin tones \(4–6\): \d+\.\d % of the training faces/);
    expect(await page.locator("main").textContent()).toMatch(/synthetic drawings, not photographs/);
  });

  test("the α slider changes the sampling weights and the text at once", async () => {
    const before = await waitForFigureAlt(page, "faces-sampler", SAMPLER_READY, LOAD_TIMEOUT);
    const input = page.locator("[data-figure=faces-sampler] [data-control=alpha] input");
    await input.fill("-0.5"); // log10 scale: α = 10^-0.5 ≈ 0.32
    const after = await figureAlt(page, "faces-sampler");
    expect(after).toMatch(/α = 0\.32/);
    expect(after).not.toBe(before);
    expect(after).toMatch(/debiasing on \(maximum over dimensions\)/);
    await page.locator("[data-figure=faces-sampler] [data-control=combine] select").selectOption("product");
    const product = await figureAlt(page, "faces-sampler");
    expect(product).toMatch(/debiasing on \(product over dimensions\)/);
    expect(product).not.toBe(after);
    await page.locator("[data-figure=faces-sampler] [data-control=debias] select").selectOption("off");
    expect(await figureAlt(page, "faces-sampler")).toMatch(/debiasing off.*drawn 1\.00× as often/);
    // The address follows the controls (a permalink), keeping the parameters it did not set.
    await expect.poll(() => new URL(page.url()).search).toBe("?size=16&test=40&steps=2&epochs=1&batch=8&alpha=0.316&combine=product&debias=off");
  });

  test("says that the pretrained runs (made at 32 × 32) are not used at ?size=16", async () => {
    expect(await page.locator("[data-pretrained=faces]").textContent()).toMatch(/takes 32 × 32 images and this page is set to 16 × 16 \(\?size=16\): it is not used/);
  });

  test("trains the DB-VAE for a couple of steps and measures it per group", async () => {
    await page.locator("[data-control=train-dbvae]").click();
    const status = page.locator("[data-status=faces]");
    await expect.poll(async () => (await status.textContent()) ?? "", {timeout: 200_000}).toMatch(/^Done: DB-VAE \d+\.\d %/);
    expect(await figureAlt(page, "faces-vae-curve")).toMatch(/^Classification [\d.]+, reconstruction L1 [\d.]+ and KL divergence [\d.]+ after 2 steps/);
    expect(await figureAlt(page, "faces-group-accuracy")).toMatch(/DB-VAE, trained here: LF \d+\.\d %, LM \d+\.\d %, DF \d+\.\d %, DM \d+\.\d %/);
    // The reconstructions redraw after the measurement (on WebGPU, a beat later).
    await expect.poll(() => figureAlt(page, "faces-reconstructions"), {timeout: 60_000}).toMatch(/trained in this page for 2 steps/);
    await expectCleanPage(page, {ignoreConsole: []});
  });

  test("a second DB-VAE run leaks no tensor", async () => {
    const status = page.locator("[data-status=faces]");
    const afterFirst = await numTensors(page);
    // Cleared first, so that the "Done" waited for is the second run's.
    await status.evaluate((element) => void (element.textContent = ""));
    await page.locator("[data-control=retrain-dbvae]").click();
    await expect.poll(async () => (await status.textContent()) ?? "", {timeout: 200_000}).toMatch(/^Done: DB-VAE \d+\.\d %/);
    await expect.poll(() => figureAlt(page, "faces-reconstructions"), {timeout: 60_000}).toMatch(/trained in this page for 2 steps/);
    expect(await numTensors(page), "tensors after a second 2-step DB-VAE run").toBe(afterFirst);
  });
});

describe(`the Faces essay with a hostile URL parameter (${MODE} mode)`, () => {
  test("names it, inserts nothing as HTML, and keeps working", async () => {
    const hostile = encodeURIComponent("<img src=x onerror=alert(1)>");
    const page = await openPage(`/faces?size=${hostile}&alpha=-3&bins=1e309&test=40`, {settle: false});
    try {
      await settle(page, 180_000);
      const notes = (await page.locator(".manus-notice-error").allTextContents()).join("\n");
      expect(notes).toMatch(/size="<img src=x onerror=alert\(1\)>" is not a size here/);
      expect(notes).toMatch(/alpha="-3" is outside 0\.0001–1/);
      expect(notes).toMatch(/bins="1e309" is not a number/);
      expect(await page.locator("main img[src=x]").count()).toBe(0);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

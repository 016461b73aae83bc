// The Faces essay's embed pages: the accuracy figure opens on the pretrained runs (their
// cards' numbers when measured on the same test images, a fresh measurement otherwise),
// the sampler and the explorer take their settings from the address (the text
// alternative follows them), and hostile values are named, shown as text and never run.
// Small settings where no pretrained run is needed (16 × 16 inputs, 40 test images).
import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, waitForFigureAlt} from "./harness.ts";

async function openEmbed(path: string): Promise<Page> {
  const page = await openPage(path);
  await page.locator("[data-embed]").waitFor({state: "attached", timeout: 60_000});
  return page;
}

async function notesOf(page: Page): Promise<string> {
  return (await page.locator(".manus-embed > .manus-notice-error").allTextContents()).join("\n");
}

const GROUPS = /LF \d+\.\d %, LM \d+\.\d %, DF \d+\.\d %, DM \d+\.\d %/;

describe(`Faces embeds (${MODE} mode)`, () => {
  test("the accuracy figure shows the pretrained runs at once, and ?test= measures them afresh", async () => {
    const page = await openEmbed("/embed/faces-group-accuracy");
    try {
      const full = await waitForFigureAlt(page, "faces-group-accuracy", /DB-VAE, pretrained: /, 60_000);
      for (const run of ["standard CNN \\(skewed data\\)", "control CNN \\(balanced subset\\)", "DB-VAE"]) {
        expect(full).toMatch(new RegExp(`${run}, pretrained: ${GROUPS.source}`));
      }
      expect(await page.locator("[data-pretrained=faces]").textContent()).toMatch(/^Pretrained runs, loaded with the page: standard CNN .*\d+ steps of 32 images at 32 × 32 px/);
      expect(await notesOf(page)).toBe("");
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
    const small = await openEmbed("/embed/faces-group-accuracy?test=40");
    try {
      const alt = await waitForFigureAlt(small, "faces-group-accuracy", /DB-VAE, pretrained: /, 120_000);
      expect(alt).toMatch(/within the noise of \d test faces per group|Light − dark gap/);
      expect(await small.locator("[data-pretrained=faces]").textContent()).toMatch(/measured here on 40 test images/);
      await expectCleanPage(small);
    } finally {
      await closePage(small);
    }
  });

  test("the seed study shows every recipe's seeds, marks the shipped run, and counts the seeds that meet the target", async () => {
    const page = await openEmbed("/embed/faces-seed-study");
    try {
      const alt = await waitForFigureAlt(page, "faces-seed-study", /the target is met at \d+ of \d+ seeds?\./, 60_000);
      const rows = page.locator("[data-figure=faces-seed-study] tbody tr[data-seed]");
      expect(await rows.count()).toBeGreaterThanOrEqual(3);
      // One recipe sentence per recipe in the table, and exactly one shipped row.
      const recipes = new Set(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.recipe)));
      expect(alt.match(/the target is met/g)).toHaveLength(recipes.size);
      expect(await page.locator("[data-figure=faces-seed-study] td", {hasText: "(shipped)"}).count()).toBe(1);
      expect(await notesOf(page)).toBe("");
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("the training embeds open on the pretrained runs' curves, with ?steps= and ?kl= in their controls", async () => {
    const cnn = await openEmbed("/embed/faces-cnn-training?steps=12&epochs=2");
    try {
      await waitForFigureAlt(cnn, "faces-cnn-curve", /The reference run reached loss [\d.]+ and batch accuracy [\d.]+ % after \d+ steps/, 60_000);
      expect(await cnn.locator("[data-control=steps] input").inputValue()).toBe("12");
      expect(await cnn.locator("[data-control=epochs] input").inputValue()).toBe("2");
      expect(await cnn.locator("[data-control=train-cnn]").count()).toBe(1);
      await expectCleanPage(cnn);
    } finally {
      await closePage(cnn);
    }
    const vae = await openEmbed("/embed/faces-vae-training?kl=0.001");
    try {
      await waitForFigureAlt(vae, "faces-vae-curve", /The reference run reached classification [\d.]+, reconstruction L1 [\d.]+ and KL divergence [\d.]+ after \d+ steps/, 60_000);
      await waitForFigureAlt(vae, "faces-reconstructions", /^Reconstructions of 8 test faces by the DB-VAE \(pretrained/, 60_000);
      expect(await vae.locator("[data-control=kl]").textContent()).toContain("0.0010"); // a log slider: its input holds log10
      await expectCleanPage(vae);
    } finally {
      await closePage(vae);
    }
  });

  test("the sampler follows ?alpha=, ?bins=, ?combine= and its sliders", async () => {
    const page = await openEmbed("/embed/faces-sampler?size=16&test=40&alpha=0.5&bins=20&combine=product");
    try {
      const alt = await waitForFigureAlt(page, "faces-sampler", /α = 0\.50, 20 bins, debiasing on \(product over dimensions\)/, 120_000);
      expect(alt).toMatch(/Mean weight relative to the other faces: darker skin [\d.]+×, hat [\d.]+×/);
      expect(await notesOf(page)).toBe("");
      await page.locator("[data-figure=faces-sampler] [data-control=bins] input").fill("5");
      expect(await figureAlt(page, "faces-sampler")).toMatch(/α = 0\.50, 5 bins/);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("the latent explorer starts on ?face= with its sliders at ?z1=", async () => {
    const page = await openEmbed("/embed/faces-latent?size=16&test=40&face=3&z1=1.5");
    try {
      const alt = await waitForFigureAlt(page, "faces-latent", /^Test face 4, decoded/, 120_000);
      expect(alt).toMatch(/moved by z\d+ \+1\.5σ, z\d+ \+0\.0σ/);
      await page.locator("[data-figure=faces-latent] [data-control=latent-1] input").fill("-2");
      await expect.poll(() => figureAlt(page, "faces-latent")).toMatch(/moved by z\d+ \+1\.5σ, z\d+ -2\.0σ/);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("hostile parameters are named in notes, shown as text and never run", async () => {
    const script = "<img src=x onerror=window.__pwned=1>";
    const page = await openEmbed(`/embed/faces-sampler?size=16&test=40&combine=${encodeURIComponent(script)}&alpha=NaN&bins=1e309&z1=${"9".repeat(5000)}`);
    try {
      const notes = await notesOf(page);
      expect(notes).toMatch(/combine="<img src=x onerror=window\.__pwned=1>" is not max or product; using max\./);
      expect(notes).toMatch(/alpha="NaN" is not a number/);
      expect(notes).toMatch(/bins="1e309" is not a number/);
      expect(notes).toMatch(/z1="9{40}…" is not a number/);
      expect(notes.length).toBeLessThan(1500);
      await waitForFigureAlt(page, "faces-sampler", /α = 0\.010, 10 bins, debiasing on \(maximum over dimensions\)/, 120_000);
      expect(await page.locator("img[src=x]").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined();
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

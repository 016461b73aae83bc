// The Music essay's embed pages: each takes its settings from the address (the text
// alternative follows them), names and neutralises hostile values, writes and plays a tune
// without a request off the machine, and exports the gate figure as PNG and SVG.
// WebGL in both modes, as in music.test.ts: WebGPU on SwiftShader reads each generated
// character back far too slowly for a test (the site-wide page test covers WebGPU).
import {readFile} from "node:fs/promises";
import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, reportOf, waitForFigureAlt} from "./harness.ts";

async function openEmbed(path: string): Promise<Page> {
  const page = await openPage(`${path}${path.includes("?") ? "&" : "?"}backend=webgl`);
  await page.locator("[data-embed]").waitFor({state: "attached", timeout: 60_000});
  return page;
}

async function notesOf(page: Page): Promise<string> {
  return (await page.locator(".manus-embed > .manus-notice-error").allTextContents()).join("\n");
}

describe(`Music embeds (${MODE} mode)`, () => {
  test("the distribution follows ?t= and the temperature slider", async () => {
    const page = await openEmbed("/embed/music-distribution?t=0.3");
    try {
      const alt = await waitForFigureAlt(page, "music-distribution", /At temperature 0\.30 /, 60_000);
      expect(alt).toMatch(/^After the start string "X:"\. At temperature 0\.30 the likeliest next character is \S+ with [\d.]+ %/);
      expect(await notesOf(page)).toBe("");
      await page.locator("[data-control=temperature] input").fill("1.5");
      expect(await figureAlt(page, "music-distribution")).toMatch(/At temperature 1\.50 /);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("hostile parameters are named in notes, shown as text and never run", async () => {
    const script = "<img src=x onerror=window.__pwned=1>";
    const page = await openEmbed(`/embed/music-distribution?t=${encodeURIComponent(script)}&seed=1e309&lr=NaN&gchars=5000` +
      `&gtune=${"a".repeat(5000)}&start=${encodeURIComponent(script)}`);
    try {
      const notes = await notesOf(page);
      expect(notes).toMatch(/t="<img src=x onerror=window\.__pwned=1>" is not a number; using 1\./);
      expect(notes).toMatch(/seed="1e309" is not a number/);
      expect(notes).toMatch(/lr="NaN" is not a number/);
      expect(notes).toMatch(/gchars="5000" is outside 20–200 in steps of 10; using 200\./);
      expect(notes).toMatch(/gtune="a{40}…" is not a number/);
      expect(notes.length).toBeLessThan(1000);
      // The start string is only characters the model reads (these are all in its vocabulary): shown as text.
      await waitForFigureAlt(page, "music-distribution", /^After the start string "<img src=x onerror=window\.__pwned=1>"\. At temperature 1\.00 /, 60_000);
      expect(await page.locator("img[src=x]").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined();
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("the gate figure reads as many characters as ?gchars= asks, inspects ?gat=, moves with the arrow keys, exports", async () => {
    const page = await openEmbed("/embed/music-gates?gchars=40&gat=5");
    try {
      const alt = await waitForFigureAlt(page, "music-gates", /reading the first 40 characters/, 60_000);
      expect(alt).toMatch(/^The LSTM \(128 units, the pretrained checkpoint\) reading the first 40 characters of tune 1 of the corpus\. Shown: units \d+(, \d+){5},/);
      expect(alt).toMatch(/At character 5 \(.\), unit \d+ has i = [01]\.\d\d, f = [01]\.\d\d, o = [01]\.\d\d, c = -?\d+\.\d\d\.$/);
      expect(await page.locator("[data-figure=music-gates] svg rect").count()).toBeGreaterThan(4 * 6 * 40);
      await page.locator("[data-control=gate-position]").focus();
      await page.keyboard.press("ArrowRight");
      expect(await figureAlt(page, "music-gates")).toMatch(/At character 6 /);
      await page.waitForFunction(() => location.search.includes("gat=6"), null, {timeout: 5_000});
      for (const format of ["png", "svg"] as const) {
        const [download] = await Promise.all([
          page.waitForEvent("download", {timeout: 30_000}),
          page.locator(`[data-figure=music-gates] [data-control=export-${format}]`).click()
        ]);
        expect(download.suggestedFilename()).toBe(`music-gates.${format}`);
        const bytes = await readFile((await download.path())!);
        if (format === "png") expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
        else expect(bytes.toString("utf8")).toMatch(/^<svg [\s\S]*<rect[^>]*fill="rgb\(/);
      }
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("the tune embed writes a whole tune for ?seed=, draws it and plays it offline", async () => {
    const page = await openEmbed("/embed/music-tune?seed=3");
    try {
      const alt = await waitForFigureAlt(page, "music-tune", /^At temperature 1\.00 with seed 3, the model wrote (".*"|\d+ characters without)/, 180_000);
      if (/without a whole tune/.test(alt)) throw new Error(`no whole tune with seed 3: ${alt}`);
      expect(alt).toMatch(/characters of ABC.*; abcjs (parses it without a warning|reports \d+ problems?)\.$/);
      await page.waitForSelector("[data-figure=music-tune] [data-tune] svg", {timeout: 30_000});
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.locator("[data-figure=music-tune] [data-control=play]").click();
      await page.waitForSelector(".manus-note-playing", {timeout: 10_000});
      expect(requests.filter((url) => !/^(http:\/\/127\.0\.0\.1|blob:|data:)/.test(url))).toEqual([]);
      expect(reportOf(page).blocked).toEqual([]);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("the corpus embed shows the course corpus, and the sweep embed is ready to run on the pretrained model", async () => {
    const corpus = await openEmbed("/embed/music-corpus");
    try {
      expect(await figureAlt(corpus, "music-corpus")).toMatch(/^806 tunes, \d+ characters, a vocabulary of 83 characters; \d+ tunes \([\d.]+ %\) parse cleanly/);
      expect(await corpus.locator("[data-figure=music-corpus] svg").count()).toBeGreaterThan(0); // the sample tune as notation
      await expectCleanPage(corpus);
    } finally {
      await closePage(corpus);
    }
    const sweep = await openEmbed("/embed/music-sweep");
    try {
      expect(await figureAlt(sweep, "music-sweep")).toMatch(/^Not run yet/);
      expect(await sweep.locator("[data-control=run-sweep]").isEnabled()).toBe(true);
      expect(await notesOf(sweep)).toBe("");
      await expectCleanPage(sweep);
    } finally {
      await closePage(sweep);
    }
  });

  test("the training embed keeps ?batch= and ?epochs= in its controls", async () => {
    const page = await openEmbed("/embed/music-training?batch=8&epochs=2");
    try {
      expect(await page.locator("[data-control=batch-size] input").inputValue()).toBe("8");
      expect(await page.locator("[data-control=epochs] input").inputValue()).toBe("2");
      expect(await figureAlt(page, "music-training")).not.toBe("");
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

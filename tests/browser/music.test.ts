// The Music essay in the browser: it loads clean, generates reproducibly from the
// pretrained model with notation, plays without any request off the machine, follows the
// temperature control, trains a few steps, and refuses a malformed .abc upload.
import {readFile} from "node:fs/promises";
import {describe, expect, test} from "vitest";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, reportOf, waitForFigureAlt} from "./harness.ts";
import type {Page} from "playwright-core";

async function generateOnce(page: Page): Promise<string> {
  await page.locator("[data-control=length] input").fill("300");
  await page.click("[data-control=generate]");
  await page.waitForFunction(() => {
    const generate = document.querySelector<HTMLButtonElement>("[data-control=generate]");
    return generate !== null && !generate.disabled && (document.querySelector("[data-generated]")?.textContent ?? "").length > 300;
  }, null, {timeout: 120_000});
  return (await page.locator("[data-generated]").textContent()) ?? "";
}

// WebGL in both modes: on SwiftShader, WebGPU reads each generated character back far more
// slowly (300 characters took over two minutes); the site-wide page test covers WebGPU.
describe(`music essay (${MODE} mode)`, () => {
  test("loads clean, generates the same text for the same seed, draws a tune and plays it offline", async () => {
    const page = await openPage("/music?seed=7&backend=webgl");
    try {
      await expectCleanPage(page);
      expect(await figureAlt(page, "music-corpus")).toMatch(/806 tunes/);
      const first = await generateOnce(page);
      expect(first.startsWith("X:")).toBe(true);
      expect(await generateOnce(page)).toBe(first);
      await page.waitForSelector("[data-tune] svg", {timeout: 30_000});
      const before = await figureAlt(page, "music-distribution");
      await page.locator("[data-control=temperature] input").fill("0.3");
      const after = await figureAlt(page, "music-distribution");
      expect(after).toMatch(/At temperature 0\.30/);
      expect(after).not.toBe(before);
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.locator("[data-tune] [data-control=play]").first().click();
      await page.waitForSelector(".manus-note-playing", {timeout: 10_000});
      await page.waitForTimeout(1000);
      expect(requests.filter((url) => !/^(http:\/\/127\.0\.0\.1|blob:|data:)/.test(url))).toEqual([]);
      expect(reportOf(page).blocked).toEqual([]);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("a few training steps run and lower the loss; a malformed .abc upload keeps the model; Restore brings the pretrained one back", async () => {
    const page = await openPage("/music?batch=4&seq=20&units=32&backend=webgl");
    try {
      const restore = page.locator("[data-control=restore-pretrained]");
      await expect.poll(() => page.locator(".manus-model-slot").textContent(), {timeout: 60_000}).toMatch(/^Model: the pretrained checkpoint/);
      expect(await restore.isDisabled()).toBe(true); // nothing to restore yet
      await page.locator("[data-control=epochs] input").fill("1");
      // The first step compiles the unrolled LSTM's shaders: on SwiftShader (a CPU) that holds
      // the page for tens of seconds, so the click may take that long to return.
      await page.click("[data-control=train-scratch]", {timeout: 120_000});
      const alt = await waitForFigureAlt(page, "music-training", /done: step 20 of 20/, 120_000);
      const [first, last] = [...alt.matchAll(/loss ([\d.]+)/g)].map((m) => Number(m[1]));
      expect(first).toBeLessThan(4.42); // the smoothed loss after 20 steps is below a uniform guess
      expect(last).toBeGreaterThan(0);
      // The chart spans the 20 steps of this run, not the 1 575 of the pretrained reference.
      const ticks = await page.locator("[data-figure=music-training] .axis.x .tick text").allTextContents();
      expect(Math.max(...ticks.map(Number))).toBe(20);
      const model = await page.locator(".manus-model-slot").textContent();
      await page.locator("[data-control=upload-abc] input").setInputFiles({name: "broken.abc", mimeType: "text/plain", buffer: Buffer.from("% only a comment\n\n")});
      await expect.poll(() => page.locator("[role=alert]").allTextContents(), {timeout: 60_000}).toContainEqual(expect.stringMatching(/Kept the current corpus and model\. broken\.abc: expected at least one ABC tune/));
      expect(await page.locator(".manus-model-slot").textContent()).toBe(model);
      expect(model).toMatch(/^Model: trained in this page on the course corpus/);
      await restore.click();
      await expect.poll(() => page.locator(".manus-model-slot").textContent(), {timeout: 60_000}).toMatch(/^Model: the pretrained checkpoint/);
      expect(await page.locator(".manus-notice").allTextContents()).toContainEqual(expect.stringMatching(/^Restored the pretrained model \(validation loss \d\.\d{3}\)/));
      expect(await restore.isDisabled()).toBe(true);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("the address holds every setting: read on load, written as controls move, bad values named", async () => {
    const start = encodeURIComponent("X:1\nT:");
    const page = await openPage(`/music?t=0.5&gchars=40&gat=3&epochs=2&batch=8&start=${start}&length=abc&backend=webgl`);
    try {
      expect(await page.locator("[data-control=temperature] input").inputValue()).toBe("0.5");
      expect(await page.locator("[data-control=epochs] input").inputValue()).toBe("2");
      expect(await page.locator("[data-control=batch-size] input").inputValue()).toBe("8");
      expect(await page.locator("[data-control=start] input").inputValue()).toBe("X:1\\nT:");
      expect(await page.locator("[role=alert]").allTextContents()).toContainEqual('length="abc" is not a number; using 600.');
      const alt = await waitForFigureAlt(page, "music-gates", /reading the first 40 characters of tune 1 of the corpus/, 60_000);
      expect(alt).toMatch(/At character 3 /);
      await page.locator("[data-control=temperature] input").fill("1.25");
      await page.locator("[data-control=gate-length] input").fill("60");
      await page.waitForFunction(() => location.search.includes("t=1.25") && location.search.includes("gchars=60"), null, {timeout: 5_000});
      const search = new URLSearchParams(await page.evaluate(() => location.search));
      expect(search.get("start")).toBe("X:1\nT:");
      expect(search.get("backend")).toBe("webgl"); // not ours: kept
      expect(search.has("length")).toBe(false); // the malformed value is not written back
      await waitForFigureAlt(page, "music-gates", /reading the first 60 characters/, 60_000);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("an .abc upload that is not ABC is refused, naming the file, and keeps the model", async () => {
    const page = await openPage("/music?backend=webgl");
    try {
      const model = await page.locator(".manus-model-slot").textContent();
      const files = [
        {name: "page.abc", buffer: Buffer.from("<!DOCTYPE html><html><body>X:1</body></html>"), message: /page\.abc: expected ABC notation, found what looks like an HTML page/},
        {name: "weights.abc", buffer: Buffer.from('{"card": {"model": "music-lstm"}}'), message: /weights\.abc: expected ABC notation, found JSON data/},
        {name: "blob.abc", buffer: Buffer.from([0x58, 0x3a, 0x00, 0x01, 0x02, 0x03]), message: /blob\.abc: expected ABC notation, found binary data/},
        {name: "empty.abc", buffer: Buffer.alloc(0), message: /empty\.abc: the file is empty/}
      ];
      for (const {name, buffer, message} of files) {
        await page.locator("[data-control=upload-abc] input").setInputFiles({name, mimeType: "text/plain", buffer});
        await expect.poll(() => page.locator("[role=alert]").allTextContents(), {timeout: 30_000})
          .toContainEqual(expect.stringMatching(new RegExp(`^Kept the current corpus and model\\. ${message.source}`)));
        expect(await page.locator(".manus-model-slot").textContent()).toBe(model);
      }
      // The course corpus is still the one to train on.
      expect(await page.locator("[data-control=train-scratch]").isDisabled()).toBe(false);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("a downloaded run loads in a fresh page with its model and training settings; another essay's run is refused", async () => {
    const first = await openPage("/music?batch=8&seq=50&backend=webgl");
    let file: {name: string; mimeType: string; buffer: Buffer};
    try {
      await first.locator("[data-control=music-download-run]").waitFor({timeout: 120_000});
      const [download] = await Promise.all([first.waitForEvent("download", {timeout: 60_000}), first.locator("[data-control=music-download-run]").click()]);
      file = {name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile((await download.path())!)};
      await expectCleanPage(first);
    } finally {
      await closePage(first);
    }
    expect(file.name).toMatch(/^music-music-lstm-run-\d{4}-\d\d-\d\d\.manus\.json$/);
    const saved = JSON.parse(file.buffer.toString("utf8"));
    expect(saved.run).toMatchObject({format: "manus-run", essay: "music", params: {batch: "8", seq: "50"}});

    const second = await openPage("/music?backend=webgl");
    try {
      await second.locator("[data-control=music-load-run]").setInputFiles(file);
      await expect.poll(async () => (await second.locator(".manus-model-slot").textContent()) ?? "", {timeout: 60_000}).toContain(`loaded from ${file.name}`);
      expect(await second.locator("[data-control=batch-size] input").inputValue()).toBe("8");
      expect(await second.locator("[data-control=sequence-length] input").inputValue()).toBe("50");
      await expect.poll(() => new URL(second.url()).searchParams.get("batch"), {timeout: 10_000}).toBe("8");
      const slotText = await second.locator(".manus-model-slot").textContent();
      const rl = {...saved, run: {...saved.run, essay: "rl"}};
      await second.locator("[data-control=music-load-run]").setInputFiles({...file, name: "cartpole.json", buffer: Buffer.from(JSON.stringify(rl))});
      await expect.poll(() => second.locator("[role=alert]").allTextContents(), {timeout: 30_000})
        .toContainEqual('Could not load cartpole.json: cartpole.json is a run of the "rl" essay, not of "music": load it on that essay\'s page. Nothing was changed.');
      expect(await second.locator(".manus-model-slot").textContent()).toBe(slotText);
      await expectCleanPage(second);
    } finally {
      await closePage(second);
    }
  });
});

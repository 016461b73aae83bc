// The Digits essay in a real browser: real digits load, the pretrained models answer,
// the CNN trains a few steps on this mode's backend, a drawing gets a prediction, and
// bad input (URL parameters, a broken checkpoint file) is refused with a clear note.
import {readFile} from "node:fs/promises";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, settle, waitForFigureAlt} from "./harness.ts";

describe(`the Digits essay (${MODE} mode)`, () => {
  let page: Page;

  beforeAll(async () => {
    // One batch-size-8 epoch is 1 063 steps: the test stops the run after a few of them.
    // WebGPU on SwiftShader compiles its training shaders on the first step, which can
    // take minutes on a loaded 2-core machine: hence the long waits below.
    page = await openPage("/digits?model=cnn&epochs=1&batch=8&test=60");
  });
  afterAll(async () => closePage(page));

  test("shows the real digits and the split they come in", async () => {
    expect(await figureAlt(page, "digits-samples")).toMatch(/8499 training and 1501 test images of 28 × 28 pixels/);
    expect(await figureAlt(page, "digits-cnn-parameters")).toMatch(/124,670 trainable parameters/);
  });

  test("opens with a test accuracy measured from the model in the page", async () => {
    const text = await waitForFigureAlt(page, "digits-confusion", /test accuracy/, 180_000);
    expect(text).toMatch(/test accuracy \d+\.\d % on 60 held-out digits/);
    const accuracy = Number(await page.locator("[data-accuracy]").getAttribute("data-accuracy"));
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
  });

  test("trains the CNN for a few steps and the accuracy text follows", async () => {
    const before = await page.locator("[data-accuracy]").textContent();
    await page.locator("[data-control=train]").click();
    const status = page.locator("[data-status=digits]");
    await expect.poll(async () => Number(/step (\d+)\//.exec((await status.textContent()) ?? "")?.[1] ?? 0), {timeout: 420_000}).toBeGreaterThanOrEqual(3);
    const during = await page.locator("[data-accuracy]").textContent();
    expect(during).toMatch(/Training the CNN: batch accuracy \d+\.\d %, loss \d+\.\d{3} at step \d+/);
    expect(during).not.toBe(before);
    await page.locator("[data-control=stop]").click();
    await expect.poll(async () => (await status.textContent()) ?? "", {timeout: 300_000}).toMatch(/^Stopped: epoch 1\/1, step \d+\//);
    // Until the stopped model is measured, nothing may replace (and so dispose) it: a second
    // "Train" or "Restore" clicked at once used to break the measurement.
    expect(await page.locator("[data-control=train]").isDisabled()).toBe(true);
    expect(await page.locator("[data-control=restore]").isDisabled()).toBe(true);
    // After the run the new model is measured on the test digits, then every figure shows it.
    await expect
      .poll(async () => (await page.locator("[data-accuracy]").textContent()) ?? "", {timeout: 180_000})
      .toMatch(/Test accuracy of the CNN \(trained in this page\): \d+\.\d % on 60 held-out digits/);
    expect(await figureAlt(page, "digits-curve-cnn")).toMatch(/step/);
    await expect.poll(() => page.locator("[data-control=train]").isEnabled(), {timeout: 30_000}).toBe(true);
    await expectCleanPage(page);
  }, 900_000);

  test("a drawn stroke gets a prediction", async () => {
    const pad = page.locator("[data-figure=digits-draw] canvas.draw-pad");
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 10; ++k) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + k * 0.07));
    await page.mouse.up();
    const text = await waitForFigureAlt(page, "digits-draw", /reads the drawing as \d with \d+\.\d %/, 60_000);
    const prediction = await page.locator("[data-figure=digits-draw]").getAttribute("data-prediction");
    expect(text).toContain(`as ${prediction} with`);
  });

  test("a broken checkpoint file is refused and the model kept", async () => {
    const before = await page.locator("[data-accuracy]").textContent();
    await page.locator("[data-control=digits-load-run]").setInputFiles({name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{\"format\": \"manus-checkpoint\", \"ver")});
    const alert = page.locator(".manus-notice-error[role=alert]").first();
    await expect.poll(async () => (await alert.textContent()) ?? "", {timeout: 30_000}).toMatch(/Could not load broken\.json: broken\.json is not a Manus checkpoint/);
    expect(await page.locator("[data-accuracy]").textContent()).toBe(before);
  });
});

describe(`the Digits essay with hostile URL parameters (${MODE} mode)`, () => {
  test("names each bad parameter, inserts none as HTML, and keeps working", async () => {
    const hostile = encodeURIComponent("<img src=x onerror=alert(1)>");
    const page = await openPage(`/digits?model=${hostile}&lr=abc&batch=1e309&epochs=-4&test=50&${hostile}=1`);
    try {
      const notes = (await page.locator(".manus-notice-error").allTextContents()).join("\n");
      expect(notes).toMatch(/model="<img src=x onerror=alert\(1\)>" is not a model here/);
      expect(notes).toMatch(/lr="abc" is not a number/);
      expect(notes).toMatch(/batch="1e309" is not a number/);
      expect(notes).toMatch(/epochs="-4" is outside 1–20/);
      expect(notes).toMatch(/The parameter "<img src=x onerror=alert\(1\)>" is not a setting of this page, so it is ignored/);
      expect(await page.locator("main img[src=x]").count()).toBe(0);
      expect(await page.locator("[data-control=epochs] input").inputValue()).toBe("1");
      await settle(page);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

describe(`sharing a Digits run (${MODE} mode)`, () => {
  test("a downloaded run loads in a fresh page with its settings, model and history; another essay's run is refused", async () => {
    const first = await openPage("/digits?model=fc&test=60");
    let file: {name: string; mimeType: string; buffer: Buffer};
    let confusion: string;
    let curve: string;
    try {
      confusion = await waitForFigureAlt(first, "digits-confusion", /test accuracy/, 180_000);
      curve = await figureAlt(first, "digits-curve-fc");
      const [download] = await Promise.all([first.waitForEvent("download", {timeout: 30_000}), first.locator("[data-control=digits-download-run]").click()]);
      file = {name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile((await download.path())!)};
      await expectCleanPage(first);
    } finally {
      await closePage(first);
    }
    expect(file.name).toMatch(/^digits-mnist-fc-run-\d{4}-\d\d-\d\d\.manus\.json$/);
    expect(JSON.parse(file.buffer.toString("utf8")).run).toEqual({
      format: "manus-run", version: 1, essay: "digits", params: {model: "fc", lr: "0.001", batch: "32", epochs: "14", seed: "6191"}
    });

    // A fresh page on the defaults (the CNN, batch 64, 2 epochs) takes the run's settings, model and history.
    const second = await openPage("/digits?test=60");
    try {
      await waitForFigureAlt(second, "digits-confusion", /^The CNN: test accuracy/, 180_000);
      await second.locator("[data-control=digits-load-run]").setInputFiles(file);
      const accuracy = second.locator("[data-accuracy]");
      await expect.poll(async () => (await accuracy.textContent()) ?? "", {timeout: 180_000})
        .toMatch(/^Test accuracy of the FC model \(loaded from digits-mnist-fc-run-[\d-]+\.manus\.json\): \d+\.\d % on 60 held-out digits\.$/);
      expect(await figureAlt(second, "digits-confusion")).toBe(confusion);
      // The same history: the curve says the same numbers after the same number of steps.
      const said = (text: string) => /^.*? after \d+ steps/.exec(text)?.[0];
      expect(said(await figureAlt(second, "digits-curve-fc"))).toBe(said(curve));
      expect(said(curve)).toMatch(/after 3724 steps/);
      expect(await second.locator("[data-control=model] select").inputValue()).toBe("fc");
      expect(await second.locator("[data-control=batch] input").inputValue()).toBe("32");
      expect(await second.locator("[data-control=epochs] input").inputValue()).toBe("14");
      // The address follows the controls (written after a short quiet time).
      await expect.poll(() => new URL(second.url()).search, {timeout: 10_000}).toMatch(/model=fc/);
      expect(new URL(second.url()).searchParams.get("batch")).toBe("32");
      expect(new URL(second.url()).searchParams.get("epochs")).toBe("14");

      // A run of another essay is refused, naming it, and nothing changes.
      const before = await accuracy.textContent();
      const rl = JSON.parse(file.buffer.toString("utf8"));
      rl.run.essay = "rl";
      await second.locator("[data-control=digits-load-run]").setInputFiles({...file, name: "cartpole.json", buffer: Buffer.from(JSON.stringify(rl))});
      const alert = second.locator(".manus-notice-error[role=alert]").first();
      await expect.poll(async () => (await alert.textContent()) ?? "", {timeout: 30_000})
        .toBe('Could not load cartpole.json: cartpole.json is a run of the "rl" essay, not of "digits": load it on that essay\'s page. Nothing was changed.');
      expect(await accuracy.textContent()).toBe(before);
      expect(await second.locator("[data-control=model] select").inputValue()).toBe("fc");
      await expectCleanPage(second);
    } finally {
      await closePage(second);
    }
  }, 600_000);
});

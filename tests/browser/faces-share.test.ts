// Share a run on the Faces essay: the pretrained standard CNN downloaded as a run file with
// the page's settings, loaded in a fresh page (settings into the controls and the address,
// the same per-group numbers in the figure), and a file of another essay or another model
// refused with a message naming the file, the figure unchanged; the run's history as CSV. ?test=40: a small test set.
import {readFile} from "node:fs/promises";
import {describe, expect, test} from "vitest";
import {closePage, expectCleanPage, figureAlt, openPage, waitForFigureAlt} from "./harness.ts";

// The pretrained runs come in one after another: the DB-VAE is the last.
const PRETRAINED_SHOWN = /standard CNN \(skewed data\), pretrained: LF \d+\.\d %.*DB-VAE, pretrained: LF/;
/** The standard CNN's line of the per-group text alternative, without where the run came from. */
const cnnNumbers = (alt: string) => /standard CNN \(skewed data\), [^:]+: (LF [^.]+\.\d %, LM [^,]+, DF [^,]+, DM [^.]+\.\d %)/.exec(alt)?.[1];

describe("sharing a Faces run", () => {
  test("a downloaded run loads in a fresh page; another essay's file or model is refused", async () => {
    const first = await openPage("/faces?test=40&seed=7");
    let file: {name: string; mimeType: string; buffer: Buffer};
    let numbers: string | undefined;
    try {
      numbers = cnnNumbers(await waitForFigureAlt(first, "faces-group-accuracy", PRETRAINED_SHOWN, 180_000));
      const [download] = await Promise.all([first.waitForEvent("download", {timeout: 60_000}), first.locator("[data-control=faces-download-run]").click()]);
      file = {name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile((await download.path())!)};
      await expectCleanPage(first);
    } finally {
      await closePage(first);
    }
    expect(numbers).toBeDefined();
    expect(file.name).toMatch(/^faces-cnn-run-\d{4}-\d\d-\d\d\.manus\.json$/);
    const saved = JSON.parse(file.buffer.toString("utf8"));
    expect(saved.card.model).toBe("faces-cnn");
    expect(saved.run).toMatchObject({format: "manus-run", version: 1, essay: "faces", params: {seed: "7", test: "40", size: "32"}});

    const second = await openPage("/faces?test=40");
    try {
      await waitForFigureAlt(second, "faces-group-accuracy", PRETRAINED_SHOWN, 180_000);
      await second.locator("[data-control=faces-load-run]").setInputFiles(file);
      const loaded = await waitForFigureAlt(second, "faces-group-accuracy", /standard CNN \(skewed data\), loaded from faces-cnn-run-[\d-]+\.manus\.json: LF/, 180_000);
      expect(cnnNumbers(loaded)).toBe(numbers);
      expect(await second.locator("[data-control=seed] input").inputValue()).toBe("7");
      await expect.poll(() => new URL(second.url()).searchParams.get("seed"), {timeout: 10_000}).toBe("7");
      // Its history as a table: a header, then one row per training step of the card.
      const [csv] = await Promise.all([second.waitForEvent("download", {timeout: 30_000}), second.locator("[data-control=faces-export-csv]").click()]);
      expect(csv.suggestedFilename()).toBe("faces-cnn-history.csv");
      const lines = (await readFile((await csv.path())!, "utf8")).trimEnd().split("\n");
      expect(lines[0]).toMatch(/\bloss\b.*\baccuracy\b/);
      expect(lines.length - 1).toBe(saved.card.history.steps.length);
      expect(lines.length - 1).toBeGreaterThan(0);

      // A run of the Digits essay, and a plain Digits checkpoint: refused by name, nothing changes.
      const alert = second.locator(".manus-notice-error[role=alert]").first();
      const digitsRun = {...saved, run: {...saved.run, essay: "digits"}};
      await second.locator("[data-control=faces-load-run]").setInputFiles({...file, name: "digits-run.json", buffer: Buffer.from(JSON.stringify(digitsRun))});
      await expect.poll(async () => (await alert.textContent()) ?? "", {timeout: 30_000})
        .toBe('Could not load digits-run.json: digits-run.json is a run of the "digits" essay, not of "faces": load it on that essay\'s page. Nothing was changed.');
      expect(await figureAlt(second, "faces-group-accuracy")).toBe(loaded);
      const mnist = {...saved, card: {...saved.card, model: "mnist-cnn"}};
      delete mnist.run; // a plain checkpoint: no settings
      await second.locator("[data-control=faces-load-run]").setInputFiles({...file, name: "mnist-cnn.json", buffer: Buffer.from(JSON.stringify(mnist))});
      await expect.poll(async () => (await alert.textContent()) ?? "", {timeout: 30_000})
        .toMatch(/^Could not load mnist-cnn\.json: mnist-cnn\.json holds the model "mnist-cnn", which the faces essay does not show \(expected faces-cnn or faces-control or faces-dbvae\)\. Nothing was changed\.$/);
      expect(await figureAlt(second, "faces-group-accuracy")).toBe(loaded);
      expect(await second.locator("[data-control=seed] input").inputValue()).toBe("7");
      await expectCleanPage(second, {ignoreConsole: []});
    } finally {
      await closePage(second);
    }
  });
});

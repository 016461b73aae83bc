// Figures that travel: every embed page loads alone and clean, takes its settings from the
// address through its essay's normalize step (hostile values named, never run), exports PNG
// and SVG, and can be worked from the keyboard; the slide deck is made of such pages.
import {readFile} from "node:fs/promises";
import type {Download, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {EmbedName} from "../../components/embed/names.ts";
import {DIGITS_EMBEDS, EMBED_NAMES, FACES_EMBEDS} from "../../components/embed/names.ts";
import {buildEmbed} from "../../components/embed/registry.ts";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, waitForFigureAlt} from "./harness.ts";

/** Small settings: a CNN reads a digit in ≈100 ms on SwiftShader, so the lab figures measure the FC model on 50. */
function queryFor(name: EmbedName): string {
  if ((FACES_EMBEDS as readonly string[]).includes(name)) return "?size=16&test=40"; // faces-embed.test.ts loads the pretrained runs
  return (DIGITS_EMBEDS as readonly string[]).includes(name) ? "?model=fc&test=50" : "";
}

async function openEmbed(path: string): Promise<Page> {
  const page = await openPage(path);
  await page.locator("[data-embed]").waitFor({state: "attached", timeout: 60_000});
  return page;
}

async function notesOf(page: Page): Promise<string> {
  return (await page.locator(".manus-embed .manus-notice-error").allTextContents()).join("\n");
}

/** Clicks an export button and returns the file it saved: its name and bytes. */
async function exported(page: Page, figure: string, format: "png" | "svg"): Promise<{name: string; bytes: Buffer}> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent("download", {timeout: 30_000}),
    page.locator(`[data-figure="${figure}"] [data-control=export-${format}]`).click()
  ]);
  return {name: download.suggestedFilename(), bytes: await readFile((await download.path())!)};
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function expectPng({name, bytes}: {name: string; bytes: Buffer}, figure: string): void {
  expect(name).toBe(`${figure}.png`);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(10); // width
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(10); // height
}

function expectSvg({name, bytes}: {name: string; bytes: Buffer}, figure: string, holds: RegExp): void {
  expect(name).toBe(`${figure}.svg`);
  const text = bytes.toString("utf8");
  expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="[\d.]+" height="[\d.]+"/);
  expect(text).toMatch(holds);
  expect(text).not.toContain("var(--");
}

describe("the embed registry", () => {
  test("refuses an unknown figure, listing the names it knows", async () => {
    const context = {search: "", files: {} as never};
    await expect(buildEmbed("<b>nope</b>", context)).rejects.toThrow(
      new RegExp(`no embeddable figure is named "<b>nope</b>"; the figures are: ${EMBED_NAMES.join(", ")}`)
    );
  });
});

describe(`every embed page loads alone (${MODE} mode)`, () => {
  test.each(EMBED_NAMES.map((name) => [name]))("/embed/%s", async (name) => {
    const page = await openEmbed(`/embed/${name}${queryFor(name)}`);
    try {
      expect(await page.locator("[data-embed]").getAttribute("data-embed")).toBe(name);
      expect(await page.locator(".manus-embed [data-figure]").count()).toBeGreaterThan(0);
      // Chrome-less: no sidebar, header, footer or table of contents.
      expect(await page.locator("#observablehq-sidebar, #observablehq-header, #observablehq-footer, #observablehq-toc").count()).toBe(0);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

describe(`embed pages take their settings from the address (${MODE} mode)`, () => {
  test("Intro: the perceptron shows the weights and activation asked for", async () => {
    const page = await openEmbed("/embed/perceptron?w1=2&b=-0.5&act=tanh");
    try {
      await waitForFigureAlt(page, "perceptron", /^Perceptron with w1 = 2\.00, w2 = -1\.00, b = -0\.50, activation tanh\./, 30_000);
      expect(await notesOf(page)).toBe("");
    } finally {
      await closePage(page);
    }
  });

  test("RL: the returns figure discounts with the γ asked for", async () => {
    const page = await openEmbed("/embed/rl-returns?gamma=0.5");
    try {
      expect(await figureAlt(page, "rl-returns")).toMatch(/^With γ = 0\.50, .* the one 5 steps earlier 0\.03 /);
      expect(await page.locator("[data-control=gamma] input").inputValue()).toBe("0.5");
    } finally {
      await closePage(page);
    }
  });

  test("RL: Pong is played against the left paddle asked for, and the menu hands it over", async () => {
    const page = await openEmbed("/embed/rl-pong?opponent=human");
    try {
      await waitForFigureAlt(page, "rl-pong", /^Pong, episode 1, step \d+\. .*You hold the left paddle/, 30_000);
      expect(await figureAlt(page, "rl-pong-eye")).toMatch(/up \d+ %, down \d+ %, stay \d+ %/);
      await page.selectOption('[data-control="rl-pong-opponent"] select', "scripted");
      await expect.poll(() => figureAlt(page, "rl-pong"), {timeout: 30_000}).toMatch(/^Pong, episode 1, step [1-9]/);
      expect(await figureAlt(page, "rl-pong")).not.toMatch(/You hold/);
      // The default leaves the address; the other choice is written back.
      await expect.poll(() => new URL(page.url()).searchParams.has("opponent"), {timeout: 10_000}).toBe(false);
      await page.selectOption('[data-control="rl-pong-opponent"] select', "human");
      await expect.poll(() => new URL(page.url()).searchParams.get("opponent"), {timeout: 10_000}).toBe("human");
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("RL: Pong's training panel takes its speed from ?pspeed=", async () => {
    const page = await openEmbed("/embed/rl-pong-training?pspeed=max");
    try {
      expect(await page.locator('[data-control="rl-pong-speed"] select').inputValue()).toBe("max");
      expect(await figureAlt(page, "rl-pong-training")).toMatch(/press Train/);
      expect(await figureAlt(page, "rl-pong-training-eye")).toMatch(/has not looked at a frame yet/);
      await page.selectOption('[data-control="rl-pong-speed"] select', "16");
      await expect.poll(() => new URL(page.url()).searchParams.get("pspeed"), {timeout: 10_000}).toBe("16");
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });

  test("Digits: the confusion matrix measures the model asked for on the number of digits asked for", async () => {
    const page = await openEmbed("/embed/digits-confusion?model=fc&test=60");
    try {
      const text = await waitForFigureAlt(page, "digits-confusion", /test accuracy/, 120_000);
      expect(text).toMatch(/^The FC model: test accuracy \d+\.\d % on 60 held-out digits\./);
    } finally {
      await closePage(page);
    }
  });
});

describe(`hostile parameters are named and neutralised (${MODE} mode)`, () => {
  const script = "<img src=x onerror=window.__pwned=1>";
  const long = "a".repeat(5000);
  const cases = [
    {
      path: `/embed/perceptron?w1=${encodeURIComponent(script)}&w2=NaN&b=1e309&act=${long}`,
      figure: "perceptron",
      notes: [/w1="<img src=x onerror=window\.__pwned=1>" is not a number; using 1\.5\./, /w2="NaN" is not a number/, /b="1e309" is not a number/,
        new RegExp(`act="a{40}…" is not one of sigmoid, tanh, relu; using sigmoid\\.`)],
      alt: /^Perceptron with w1 = 1\.50, w2 = -1\.00, b = 0\.50, activation sigmoid\./
    },
    {
      path: `/embed/digits-samples?model=${encodeURIComponent(script)}&lr=NaN&batch=1e309&seed=${long}`,
      figure: "digits-samples",
      notes: [/model="<img src=x onerror=window\.__pwned=1>" is not a model here/, /lr="NaN" is not a number/, /batch="1e309" is not a number/,
        new RegExp(`seed="a{40}…" is not a number`)],
      alt: /12 digits of each class/
    },
    {
      path: `/embed/rl-returns?gamma=${encodeURIComponent(script)}&seed=1e309&speed=${long}&lr=NaN`,
      figure: "rl-returns",
      notes: [/gamma="<img src=x onerror=window\.__pwned=1>" is not a number; using 0\.95\./, /seed="1e309" is not a number/, /lr="NaN" is not a number/,
        new RegExp(`speed="a{40}…" is not a speed here`)],
      alt: /^With γ = 0\.95,/
    }
  ];
  test.each(cases)("$figure", async ({path, figure, notes, alt}) => {
    const page = await openEmbed(path);
    try {
      const text = await notesOf(page);
      for (const note of notes) expect(text).toMatch(note);
      expect(text.length).toBeLessThan(1000); // the 5 000 characters are cut, not echoed
      await waitForFigureAlt(page, figure, alt, 30_000);
      expect(await page.locator("img[src=x]").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined();
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

describe(`figures export as PNG and SVG (${MODE} mode)`, () => {
  test("Intro: the perceptron, an SVG chart with an embedded heat map", async () => {
    const page = await openEmbed("/embed/perceptron?w1=2");
    try {
      expectPng(await exported(page, "perceptron", "png"), "perceptron");
      expectSvg(await exported(page, "perceptron", "svg"), "perceptron", /<line[^>]*style="[^"]*stroke: rgb\(17, 17, 17\)/);
    } finally {
      await closePage(page);
    }
  });

  test("RL: the returns chart, its CSS colours resolved", async () => {
    const page = await openEmbed("/embed/rl-returns");
    try {
      expectPng(await exported(page, "rl-returns", "png"), "rl-returns");
      expectSvg(await exported(page, "rl-returns", "svg"), "rl-returns", /<rect[^>]*fill="#4269d0"/);
    } finally {
      await closePage(page);
    }
  });

  test("Faces: the per-group accuracy bars of the pretrained runs", async () => {
    const page = await openEmbed("/embed/faces-group-accuracy");
    try {
      await page.locator("[data-figure=faces-group-accuracy] svg rect").first().waitFor({timeout: 120_000});
      expectPng(await exported(page, "faces-group-accuracy", "png"), "faces-group-accuracy");
      expectSvg(await exported(page, "faces-group-accuracy", "svg"), "faces-group-accuracy", /<rect[^>]* height="[\d.]+"/);
    } finally {
      await closePage(page);
    }
  });

  test("Digits: a canvas figure, and a mixed one that says what it leaves out", async () => {
    const page = await openEmbed("/embed/digits-pixels");
    try {
      const label = await page.locator("[data-figure=digits-pixels] [data-control=export-svg]").getAttribute("aria-label");
      expect(label).toMatch(/as SVG: the image \(text and tables are not included\)$/);
      expectPng(await exported(page, "digits-pixels", "png"), "digits-pixels");
      expectSvg(await exported(page, "digits-pixels", "svg"), "digits-pixels", /<image [^>]*href="data:image\/png;base64,/);
    } finally {
      await closePage(page);
    }
  });
});

describe(`an embed page from the keyboard (${MODE} mode)`, () => {
  test("Tab reaches the export buttons and every control of the perceptron", async () => {
    const page = await openEmbed("/embed/perceptron");
    try {
      const reached = new Set<string>();
      for (let k = 0; k < 30; ++k) {
        await page.keyboard.press("Tab");
        const name = await page.evaluate(() => (document.activeElement?.closest("[data-control]") as HTMLElement | null)?.dataset.control);
        if (name) reached.add(name);
      }
      for (const name of ["export-png", "export-svg", "w1", "w2", "b", "act", "x1", "x2"]) expect(reached).toContain(name);
    } finally {
      await closePage(page);
    }
  });
});

describe(`the slide deck (${MODE} mode)`, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage("/slides");
  });
  afterAll(async () => closePage(page));

  test("opens on the first slide, with its figure's embed page in a frame", async () => {
    expect(await page.locator(".manus-deck-counter").textContent()).toMatch(/^Slide 1 of 8: /);
    // The deck's own buttons move it: no previous/next pager to other pages below it.
    expect(await page.locator("a[rel=prev], a[rel=next]").count()).toBe(0);
    const frame = page.frameLocator(".manus-slide[data-slide='1'] iframe");
    await expect.poll(() => frame.locator("[data-figure=digits-samples] [data-alt]").textContent(), {timeout: 60_000}).toMatch(/digits of each class/);
  });

  test("moves with the arrow keys and the buttons, loading each frame when shown", async () => {
    await page.locator("body").press("ArrowRight");
    expect(await page.locator(".manus-deck-counter").textContent()).toMatch(/^Slide 2 of 8: /);
    expect(await page.locator(".manus-slide[data-slide='3'] iframe").getAttribute("src")).toBeNull();
    await page.locator("[data-control=deck-next]").click();
    expect(await page.locator(".manus-deck-counter").textContent()).toMatch(/^Slide 3 of 8: /);
    const frame = page.frameLocator(".manus-slide[data-slide='3'] iframe");
    await expect.poll(() => frame.locator("[data-figure=gradient-descent] [data-alt]").textContent(), {timeout: 60_000}).toMatch(/\S/);
    await page.locator("body").press("ArrowLeft");
    expect(await page.locator(".manus-deck-counter").textContent()).toMatch(/^Slide 2 of 8: /);
    expect(page.url()).toMatch(/#2$/);
    await expectCleanPage(page);
  });
});

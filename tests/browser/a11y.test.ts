// Accessibility across the essays that run models: every figure states what it shows from
// the moment the page has loaded (never an empty text alternative), the keyboard reaches
// every control and shows where it is, and a reader who asks for reduced motion gets a
// paused game rather than one that moves by itself.
import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {closePage, expectCleanPage, figureAlt, MODE, openPage, settle, siteUrl} from "./harness.ts";

/** Small settings: the FC model measured on 60 digits, Faces measured on 40 test images. */
const PAGES = ["/intro", "/digits?model=fc&test=60", "/rl", "/music", "/faces?test=40"];

async function emptyAlts(page: Page): Promise<string[]> {
  return page.$$eval("[data-figure]", (figures) =>
    figures
      .filter((figure) => (figure.querySelector("[data-alt]")?.textContent ?? "").trim() === "")
      .map((figure) => figure.getAttribute("data-figure") ?? "(unnamed)")
  );
}

describe(`text alternatives and keyboard (${MODE} mode)`, () => {
  test.each(PAGES)("%s: every figure has a text alternative, and Tab reaches every control with a visible focus", async (path) => {
    const page = await openPage(path);
    try {
      expect(await page.locator("[data-figure]").count()).toBeGreaterThan(0);
      expect(await emptyAlts(page), "figures with an empty [data-alt]").toEqual([]);

      // Every enabled, visible control of the essay, marked so the walk can tick it off.
      const controls = await page.$$eval("main button, main select, main input, main [tabindex]", (nodes) => {
        let n = 0;
        for (const node of nodes as HTMLElement[]) {
          const disabled = (node as HTMLButtonElement).disabled;
          const hidden = node.getClientRects().length === 0 || (node as HTMLInputElement).type === "hidden";
          if (!disabled && !hidden && node.tabIndex >= 0) node.dataset.a11yControl = String(n++);
        }
        return n;
      });
      expect(controls).toBeGreaterThan(0);
      const reached = new Set<string>();
      const unfocusedLook: string[] = [];
      for (let i = 0; i < controls * 2 + 40 && reached.size < controls; ++i) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element?.dataset.a11yControl) return null;
          const style = getComputedStyle(element);
          return {id: element.dataset.a11yControl, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2, what: element.outerHTML.slice(0, 80)};
        });
        if (!focused) continue;
        reached.add(focused.id);
        if (!focused.outline) unfocusedLook.push(focused.what);
      }
      const missed = await page.$$eval("[data-a11y-control]", (nodes, seen) => nodes.filter((node) => !seen.includes((node as HTMLElement).dataset.a11yControl!)).map((node) => node.outerHTML.slice(0, 80)), [...reached]);
      expect(missed, "controls Tab never reached").toEqual([]);
      expect(unfocusedLook, "controls with no visible focus outline").toEqual([]);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  }, 600_000);
});

describe(`reduced motion (${MODE} mode)`, () => {
  test("/rl: the pretrained agent waits, paused, until the reader presses Play", async () => {
    const page = await openPage("about:blank", {settle: false});
    try {
      await page.emulateMedia({reducedMotion: "reduce"});
      await page.goto(await siteUrl("/rl"), {waitUntil: "load"});
      await settle(page);
      const alt = () => figureAlt(page, "rl-cartpole-pretrained");
      await expect.poll(alt, {timeout: 30_000}).toMatch(/^Paused \(press Play to watch\): Cart-Pole/);
      const still = await alt();
      await page.waitForTimeout(1000);
      expect(await alt()).toBe(still);
      await page.locator("[data-control=rl-cartpole-pretrained-play]").click();
      await expect.poll(alt, {timeout: 30_000}).not.toMatch(/^Paused/);
      await expect.poll(async () => Number(/step (\d+)/.exec(await alt())?.[1] ?? 0), {timeout: 30_000}).toBeGreaterThan(5);
      await expectCleanPage(page);
    } finally {
      await closePage(page);
    }
  });
});

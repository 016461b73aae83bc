// Figures imported as modules: a plain HTML host page with no Framework in it (README's
// example, tests/browser/module-host.html, put beside the built site for the test) imports
// /modules/figures.js and a per-figure module and mounts figures with settings; they show
// their text alternatives, load their data files from the site, and make no request off
// the machine.
import {copyFileSync, mkdirSync, rmSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {EMBED_NAMES} from "../../components/embed/names.ts";
import {closePage, DIST, expectCleanPage, figureAlt, MODE, openPage, waitForFigureAlt} from "./harness.ts";

/** Runs `body` as an async function in the page. A string, not a function: vitest rewrites
 * the import() of a function's body into its own loader, which the page does not have. */
function inPage<T = void>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => {${body}})()`) as Promise<T>;
}

/** A folder of dist/ that is not a page of the site (sitePages() skips "_" folders). */
const HOST_DIR = join(DIST, "_module-host");

describe(`figures imported as modules (${MODE} mode)`, () => {
  let page: Page;

  beforeAll(async () => {
    mkdirSync(HOST_DIR, {recursive: true});
    copyFileSync(new URL("./module-host.html", import.meta.url), join(HOST_DIR, "host.html"));
    page = await openPage("/_module-host/host.html");
  });
  afterAll(async () => {
    await closePage(page);
    rmSync(HOST_DIR, {recursive: true, force: true});
  });

  test("the example page mounts a figure with the settings it passes", async () => {
    const text = await waitForFigureAlt(page, "perceptron", /^Perceptron with/, 60_000);
    expect(text).toMatch(/^Perceptron with w1 = 2\.00, w2 = -1\.00, b = 0\.50, activation tanh\./);
    expect(await figureAlt(page, "rl-returns")).toMatch(/^With γ = 0\.90,/);
    await page.locator("[data-backend]").waitFor({timeout: 30_000});
    const backend = await page.locator("[data-backend]").getAttribute("data-backend");
    if (MODE === "gpu") expect(backend).toBe("webgpu");
    else expect(backend).not.toBe("webgpu");
    await expectCleanPage(page);
  });

  test("the figures' stylesheet is linked and applies", async () => {
    const display = await page.locator("[data-figure=perceptron] .manus-controls").first().evaluate((node) => getComputedStyle(node).display);
    expect(display).toBe("flex");
  });

  test("a figure that reads data files finds them from the module's address", async () => {
    await inPage(page, `
      const element = document.createElement("div");
      document.body.append(element);
      const {mount} = await import("../modules/figures.js");
      await mount("digits-samples", element);`);
    expect(await waitForFigureAlt(page, "digits-samples", /12 digits of each class/, 60_000)).toMatch(/8499 training and 1501 test images/);
    await expectCleanPage(page);
  });

  test("an unknown name is refused with the list of names, and nothing is added", async () => {
    const message = await inPage<string>(page, `
      const {mount} = await import("../modules/figures.js");
      return mount("<b>nope</b>", document.body).then(() => "mounted", (error) => error.message);`);
    expect(message).toBe(`no embeddable figure is named "<b>nope</b>"; the figures are: ${EMBED_NAMES.join(", ")}`);
    expect(await page.locator("b").count()).toBe(0);
  });

  test("every name of EMBED_NAMES has its own module at /modules/<name>.js", async () => {
    const names = await inPage<string[]>(page, `
      const found = [];
      for (const name of ${JSON.stringify(EMBED_NAMES)}) found.push((await import("../modules/" + name + ".js")).name);
      return found;`);
    expect(names).toEqual([...EMBED_NAMES]);
  });
});

// Every page of the built site loads cleanly in this browser mode and runs on the backend
// the mode calls for: WebGPU when the browser has it, anything else when it has none.
import {describe, expect, test} from "vitest";
import {backendsOf, closePage, expectCleanPage, MODE, openPage, sitePages, tfjsBackendOf} from "./harness.ts";

const pages = sitePages();
/** The backend each page showed, for the site-wide check at the end. */
const shown = new Map<string, string[]>();

describe(`every page (${MODE} mode)`, () => {
  test("the site has pages to test", () => {
    expect(pages, "no .html files in dist/: run npm run build").not.toHaveLength(0);
  });

  for (const path of pages) {
    test(`${path} loads with no error and no request off the machine`, async () => {
      const page = await openPage(path);
      try {
        await expectCleanPage(page);
        const engine = await tfjsBackendOf(page);
        // The backend line is drawn by a cell that may land just after the network settles.
        if (engine !== null) await page.locator("[data-backend]").first().waitFor({timeout: 30_000}).catch(() => {});
        const backends = await backendsOf(page);
        shown.set(path, backends);
        if (engine !== null) {
          expect(backends, `${path} runs TensorFlow.js on ${engine} but shows no [data-backend] element`).not.toEqual([]);
          expect(backends[0], `${path} shows a backend other than the one TensorFlow.js runs on`).toBe(engine);
          if (engine === "webgl" || engine === "webgpu") {
            // Both test modes run the GPU backends on SwiftShader: the line must not promise a GPU.
            const line = await page.locator("[data-backend]").first().textContent();
            expect(line, `${path}: the backend line should say that SwiftShader emulates the GPU`).toContain("emulated by SwiftShader");
          }
        }
        for (const backend of backends) {
          if (MODE === "gpu") expect(backend, `${path} should run on WebGPU (SwiftShader)`).toBe("webgpu");
          else expect(backend, `${path} should fall back when there is no GPU`).not.toBe("webgpu");
        }
      } finally {
        await closePage(page);
      }
    });
  }

  test("at least one page shows the backend it runs on", (context) => {
    if (shown.size < pages.length) context.skip(); // some page tests were filtered out or failed
    expect([...shown.values()].flat(), "no page has a [data-backend] element").not.toEqual([]);
  });
});

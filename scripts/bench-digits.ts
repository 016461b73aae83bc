// npm run bench -- digits [--mode gpu|fallback --steps 20]: measures the Digits essay in headless
// Chromium and prints one JSON object. Targets (not tests): page/bare train-step ratio
// ≥ 0.9. Needs a built site (npm run build).
//   pageStepsPerSecond   CNN training in the essay's own loop (batch 64)
//   bareStepsPerSecond   the same model, backend and batch in a bare trainOnBatch loop
//   longestTaskMs        the longest main-thread task while the page trains
//   firstPredictionMs    from navigation to the first test accuracy drawn
//   jsBytes              JavaScript each page loads (modulepreload + scripts), from dist/
import {readFileSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {chromium} from "playwright-core";
import {startServer} from "./static-server.ts";
import {browserMode, chromiumArgs, findChromium} from "../tests/browser/chromium.ts";

const {values} = parseArgs({options: {mode: {type: "string", default: "gpu"}, steps: {type: "string", default: "20"}}});
const mode = browserMode(values.mode);
const steps = Number(values.steps);

/** Bytes of JavaScript each built page loads. */
function jsBytesPerPage(dist: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const file of readdirSync(dist).filter((name) => name.endsWith(".html"))) {
    const html = readFileSync(join(dist, file), "utf8");
    const urls = new Set([...html.matchAll(/(?:href|src)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]));
    result[`/${file.replace(/\.html$/, "")}`] = [...urls].reduce((sum, url) => sum + statSync(join(dist, url)).size, 0);
  }
  return result;
}

const executablePath = findChromium();
if (!executablePath) throw new Error("bench: no Chromium found; install Debian's chromium");
const server = await startServer("dist");
const browser = await chromium.launch({executablePath, args: chromiumArgs(mode)});
const page = await browser.newPage();
await page.addInitScript(() => {
  const w = window as unknown as {longest: number};
  w.longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
  }).observe({type: "longtask", buffered: true});
});
const start = Date.now();
await page.goto(`${server.url}digits?model=cnn&epochs=1&batch=64&test=200`);
await page.locator("[data-figure=digits-confusion] [data-alt]", {hasText: "test accuracy"}).waitFor({timeout: 600_000});
const firstPredictionMs = Date.now() - start;
const backend = await page.locator("[data-backend]").first().getAttribute("data-backend");

// The page's loop: time from step 2 to step 2 + steps (step 1 compiles the shaders).
const stepOf = async () => Number(/step (\d+)\//.exec((await page.locator("[data-status=digits]").textContent()) ?? "")?.[1] ?? 0);
await page.evaluate(() => ((window as unknown as {longest: number}).longest = 0));
await page.locator("[data-control=train]").click();
while ((await stepOf()) < 2) await page.waitForTimeout(50);
const t0 = Date.now();
const s0 = await stepOf();
while ((await stepOf()) < s0 + steps) await page.waitForTimeout(50);
const pageStepsPerSecond = ((await stepOf()) - s0) / ((Date.now() - t0) / 1000);
const longestTaskMs = await page.evaluate(() => (window as unknown as {longest: number}).longest);
await page.locator("[data-control=stop]").click();
await page.locator("[data-status=digits]", {hasText: "Stopped"}).waitFor({timeout: 600_000});

// The bare loop, in the same page, with the page's own tfjs and model builder.
const moduleUrl = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=modulepreload][href*="_lib/digits"]')?.href);
if (!moduleUrl) throw new Error("bench: the digits page has no modulepreload link to _lib/digits");
const bareStepsPerSecond = await page.evaluate(
  async ([url, n]) => {
    const {tf, createDigitsModel} = await import(url);
    const model = createDigitsModel("cnn", {seed: 1, learningRate: 0.001});
    const xs = tf.randomUniform([64, 28, 28, 1]);
    const ys = tf.oneHot(tf.randomUniform([64], 0, 10, "int32"), 10);
    for (let i = 0; i < 2; ++i) await model.trainOnBatch(xs, ys);
    const begin = performance.now();
    for (let i = 0; i < n; ++i) await model.trainOnBatch(xs, ys);
    const seconds = (performance.now() - begin) / 1000;
    tf.dispose([xs, ys]);
    model.dispose();
    return n / seconds;
  },
  [moduleUrl, steps] as const
);
await browser.close();
await server.close();
console.log(
  JSON.stringify({
    mode,
    backend,
    batch: 64,
    steps,
    pageStepsPerSecond,
    bareStepsPerSecond,
    ratio: pageStepsPerSecond / bareStepsPerSecond,
    ratioTarget: 0.9,
    longestTaskMs,
    firstPredictionMs,
    jsBytes: jsBytesPerPage("dist")
  })
);

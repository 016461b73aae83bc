/**
 * Browser test harness: the built site (dist/) in headless system Chromium, with every
 * request that would leave the machine blocked and reported.
 *
 * Run through `npm test` (or `npm test -- --only browser`), which builds the site and runs
 * the browser tests twice, with MANUS_BROWSER_MODE=gpu (WebGPU on SwiftShader) and
 * MANUS_BROWSER_MODE=fallback (--disable-gpu). Directly, after `npm run build`:
 *   MANUS_BROWSER_MODE=fallback npx vitest run -c vitest.browser.config.ts digits
 *
 * API (import from "./harness.ts"):
 *   MODE                        "gpu" | "fallback", this run's browser mode.
 *   openPage(path, options?)    Opens a page of the site ("/digits", "/digits?backend=cpu")
 *                               or any absolute URL in a fresh browser context, waits until
 *                               no cell is loading and the network has been quiet 500 ms,
 *                               and returns Playwright's Page. options: {settle: false} to
 *                               return right after "load"; {timeout} in ms (default 120 s).
 *   settle(page, timeout?)      That wait again, e.g. after a click that starts a cell.
 *   expectCleanPage(page, {ignoreConsole?: RegExp[]})
 *                               Fails, listing everything found, if the page had a page
 *                               error, a console error, a Framework cell error
 *                               (.observablehq--error) or a blocked request.
 *   backendOf(page)             The backend the page says it runs on: the data-backend
 *                               attribute of its first [data-backend] element, or null.
 *   backendsOf(page)            Every [data-backend] value on the page.
 *   tfjsBackendOf(page)         The backend TensorFlow.js's engine is on in the page (via
 *                               its global engine), or null when the page has no tfjs.
 *   figureAlt(page, name)       Text of [data-figure=name] [data-alt] (see
 *                               components/figures/figure.ts); throws naming the figures
 *                               present when there is no such figure.
 *   waitForFigureAlt(page, name, pattern, timeout?)
 *                               Waits until that text matches pattern, returns the text.
 *   reportOf(page)              What was recorded: {pageErrors, consoleErrors, blocked}.
 *   takeBlocked(page)           Returns and forgets the blocked URLs (for tests that block
 *                               on purpose).
 *   closePage(page)             Closes the page and its context.
 *   sitePages()                 Every page of dist/ as a path: ["/", "/digits", …].
 *   siteUrl(path)               The absolute URL of a path on the local server.
 *   isLoopbackUrl(url)          True for 127.0.0.1, localhost, [::1], data: and blob:.
 *
 * Guard: every request whose host is not loopback (http, https, ws, anything) is aborted
 * before it leaves the browser, and the test during which it happened fails with its URL
 * (an afterEach hook this module registers in every test file that imports it). Chromium
 * also resolves no host name at all (chromium.ts), so nothing gets past the guard either.
 * The server and the browser start on first use and stop after the file's last test.
 */
import {readdirSync} from "node:fs";
import {sep} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium, type Browser, type Page} from "playwright-core";
import {afterAll, afterEach} from "vitest";
import {startServer, type RunningServer} from "../../scripts/static-server.ts";
import {browserMode, chromiumArgs, findChromium, INSTALL_HINT} from "./chromium.ts";

export const MODE = browserMode();

/** The built site. */
export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

const DEFAULT_TIMEOUT = 120_000;
const QUIET_MS = 500;

export interface PageReport {
  /** Uncaught exceptions and rejections in the page. */
  pageErrors: string[];
  /** console.error messages, including Chromium's own ("Failed to load resource …"). */
  consoleErrors: string[];
  /** Non-loopback requests, aborted. */
  blocked: string[];
  /** Requests in flight now (for settle). */
  inFlight: number;
  /** Time of the last request started or ended, ms since the epoch. */
  lastActivity: number;
}

export interface OpenOptions {
  /** Wait for cells and network to settle (default true). */
  settle?: boolean;
  /** ms for the load and the settling (default 120 s). */
  timeout?: number;
}

let browserPromise: Promise<Browser> | null = null;
let serverPromise: Promise<RunningServer> | null = null;
const reports = new WeakMap<Page, PageReport>();
const openPages = new Set<Page>();

export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === "data:" || parsed.protocol === "blob:" || url === "about:blank") return true;
  if (!["http:", "https:", "ws:", "wss:"].includes(parsed.protocol)) return false;
  return ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
}

function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  return chromium.launch({executablePath, args: chromiumArgs(MODE), timeout: 60_000});
}

async function server(): Promise<RunningServer> {
  serverPromise ??= (async () => {
    if (sitePages().length === 0) throw new Error(`no built site in ${DIST} (run npm run build first)`);
    return startServer(DIST, 0, "127.0.0.1");
  })();
  return serverPromise;
}

/** The absolute URL of a site path on the local server ("/digits" → http://127.0.0.1:…/digits). */
export async function siteUrl(path = "/"): Promise<string> {
  return new URL(path.replace(/^\/*/, ""), (await server()).url).href;
}

export function reportOf(page: Page): PageReport {
  const report = reports.get(page);
  if (!report) throw new Error("reportOf: this page was not opened with openPage()");
  return report;
}

export function takeBlocked(page: Page): string[] {
  const report = reportOf(page);
  return report.blocked.splice(0, report.blocked.length);
}

export async function openPage(path: string, {settle: wait = true, timeout = DEFAULT_TIMEOUT}: OpenOptions = {}): Promise<Page> {
  const url = /^[a-z]+:/i.test(path) ? path : await siteUrl(path);
  browserPromise ??= launchBrowser();
  const context = await (await browserPromise).newContext();
  const report: PageReport = {pageErrors: [], consoleErrors: [], blocked: [], inFlight: 0, lastActivity: Date.now()};
  await context.route(/.*/, (route) => {
    const requested = route.request().url();
    if (isLoopbackUrl(requested)) return route.continue();
    report.blocked.push(requested);
    return route.abort("blockedbyclient");
  });
  await context.routeWebSocket(/.*/, (socket) => {
    if (isLoopbackUrl(socket.url())) return socket.connectToServer();
    report.blocked.push(socket.url());
    return socket.close({code: 1008, reason: "blocked by the test harness"});
  });
  const page = await context.newPage();
  reports.set(page, report);
  openPages.add(page);
  page.on("pageerror", (error) => report.pageErrors.push(`${error.name}: ${error.message}`));
  page.on("crash", () => report.pageErrors.push("the page crashed"));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const {url: where, lineNumber} = message.location();
    report.consoleErrors.push(where ? `${message.text()} (${where}:${lineNumber})` : message.text());
  });
  const active = () => {
    report.lastActivity = Date.now();
  };
  page.on("request", () => (report.inFlight++, active()));
  page.on("requestfinished", () => (report.inFlight--, active()));
  page.on("requestfailed", () => (report.inFlight--, active()));
  await page.goto(url, {waitUntil: "load", timeout});
  if (wait) await settle(page, timeout);
  return page;
}

/** Waits until no Framework cell shows its loading indicator and the network is quiet. */
export async function settle(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const report = reportOf(page);
  const deadline = Date.now() + timeout;
  try {
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {
      timeout,
      polling: 100
    });
  } catch {
    const loading = await page.$$eval("observablehq-loading", (nodes) =>
      nodes.map((node) => (node.parentElement?.textContent ?? "").trim().slice(0, 80) || "(inline cell)")
    );
    const errors = [...report.pageErrors, ...report.consoleErrors].slice(0, 5);
    throw new Error(
      `${page.url()}: ${loading.length} cell(s) still loading after ${timeout} ms: ${loading.join(" | ")}` +
        (errors.length ? `\nerrors so far:\n  ${errors.join("\n  ")}` : "")
    );
  }
  while (report.inFlight > 0 || Date.now() - report.lastActivity < QUIET_MS) {
    if (Date.now() > deadline) throw new Error(`${page.url()}: network still busy after ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

export async function cellErrors(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (nodes) => nodes.map((node) => (node.textContent ?? "").trim()));
}

/** Fails with one message listing every problem the page had, if it had any. */
export async function expectCleanPage(page: Page, {ignoreConsole = []}: {ignoreConsole?: RegExp[]} = {}): Promise<void> {
  const report = reportOf(page);
  const consoleErrors = report.consoleErrors.filter((text) => !ignoreConsole.some((pattern) => pattern.test(text)));
  const problems = [
    ...report.blocked.map((url) => `non-loopback request (blocked): ${url}`),
    ...report.pageErrors.map((text) => `page error: ${text}`),
    ...(await cellErrors(page)).map((text) => `cell error: ${text}`),
    ...consoleErrors.map((text) => `console error: ${text}`)
  ];
  if (problems.length) throw new Error(`${page.url()} is not clean (${MODE} mode):\n  ${problems.join("\n  ")}`);
}

export async function backendsOf(page: Page): Promise<string[]> {
  return page.$$eval("[data-backend]", (nodes) => nodes.map((node) => node.getAttribute("data-backend") ?? ""));
}

export async function backendOf(page: Page): Promise<string | null> {
  return (await backendsOf(page))[0] ?? null;
}

export async function tfjsBackendOf(page: Page): Promise<string | null> {
  // tfjs-core keeps its engine on the global object (getGlobalNamespace()._tfengine).
  return page.evaluate(
    () => (globalThis as unknown as {_tfengine?: {backendName?: string | null}})._tfengine?.backendName ?? null
  );
}

export async function figureAlt(page: Page, name: string): Promise<string> {
  const alt = page.locator(`[data-figure="${name}"] [data-alt]`);
  if ((await alt.count()) === 0) {
    const names = await page.$$eval("[data-figure]", (nodes) => nodes.map((node) => node.getAttribute("data-figure")));
    throw new Error(`no figure "${name}" on ${page.url()} (figures: ${names.join(", ") || "none"})`);
  }
  return ((await alt.first().textContent()) ?? "").trim();
}

export async function waitForFigureAlt(page: Page, name: string, pattern: RegExp, timeout = DEFAULT_TIMEOUT): Promise<string> {
  await figureAlt(page, name); // fails at once, naming the figures, when there is none
  const selector = `[data-figure="${name}"] [data-alt]`;
  try {
    await page.waitForFunction(
      ([selector, source, flags]) => new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ""),
      [selector, pattern.source, pattern.flags] as const,
      {timeout, polling: 100}
    );
  } catch {
    throw new Error(`figure "${name}" never matched ${pattern} in ${timeout} ms; it says: "${await figureAlt(page, name)}"`);
  }
  return figureAlt(page, name);
}

export async function closePage(page: Page): Promise<void> {
  openPages.delete(page);
  await page.context().close();
}

/** Every page of the built site as a path, from its .html files ("index.html" → "/"). */
export function sitePages(dir = DIST): string[] {
  let files: string[];
  try {
    files = readdirSync(dir, {recursive: true, encoding: "utf8"});
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith(".html") && !file.split(sep).some((part) => part.startsWith("_")))
    .map((file) => "/" + file.split(sep).join("/").replace(/\.html$/, ""))
    .map((path) => path.replace(/(^|\/)index$/, "$1"))
    .sort();
}

afterEach(() => {
  const blocked = [...openPages].flatMap((page) => takeBlocked(page));
  if (blocked.length) throw new Error(`non-loopback requests were made (and blocked):\n  ${blocked.join("\n  ")}`);
});

afterAll(async () => {
  openPages.clear();
  const [browser, running] = [browserPromise, serverPromise];
  browserPromise = serverPromise = null;
  await Promise.allSettled([browser?.then((b) => b.close()), running?.then((s) => s.close())]);
});

// The harness itself: its network guard blocks and reports every request that would leave
// the machine, and expectCleanPage sees page, console and cell errors. Each test serves a
// tiny page of its own on a loopback server.
import {createServer, type RequestListener} from "node:http";
import type {AddressInfo} from "node:net";
import {afterEach, describe, expect, test} from "vitest";
import {closePage, expectCleanPage, isLoopbackUrl, openPage, reportOf, takeBlocked} from "./harness.ts";

const servers: {close(): void}[] = [];

/** Serves the given pages (path → HTML or JS) on 127.0.0.1 and returns the base URL. */
async function serve(files: Record<string, string>): Promise<string> {
  const handler: RequestListener = (request, response) => {
    const body = files[request.url ?? ""];
    const type = request.url?.endsWith(".js") ? "text/javascript" : "text/html";
    response.writeHead(body === undefined ? 404 : 200, {"content-type": type});
    response.end(body ?? "not found");
  };
  const server = createServer(handler);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe("isLoopbackUrl", () => {
  test("accepts loopback hosts, data: and blob:", () => {
    for (const url of ["http://127.0.0.1:3000/x", "http://localhost/", "http://[::1]:8/", "ws://127.0.0.1:9/", "data:,x"]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    expect(isLoopbackUrl("blob:http://127.0.0.1:3000/8c1f")).toBe(true);
  });

  test("rejects every other host and scheme", () => {
    for (const url of ["https://example.invalid/x.js", "http://127.0.0.2/", "http://localhost.example/", "ftp://127.0.0.1/", "not a url"]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});

describe("the network guard", () => {
  test("blocks and reports a request off the machine, and lets loopback through", async () => {
    const base = await serve({
      "/": `<!doctype html><title>guard</title>
        <script src="/local.js"></script>
        <script src="https://example.invalid/x.js"></script>
        <img src="http://203.0.113.7/pixel.png">
        <script>fetch("https://example.invalid/data.json").catch(() => {});</script>`,
      "/local.js": "window.localLoaded = true;"
    });
    const page = await openPage(base + "/", {settle: false});
    const failures = new Map<string, string>();
    page.on("requestfailed", (request) => failures.set(request.url(), request.failure()?.errorText ?? ""));
    await page.reload({waitUntil: "networkidle"}); // the listener above sees this load's failures
    try {
      expect(await page.evaluate(() => (window as unknown as {localLoaded?: boolean}).localLoaded)).toBe(true);
      const blocked = [...new Set(reportOf(page).blocked)].sort();
      expect(blocked).toEqual(["http://203.0.113.7/pixel.png", "https://example.invalid/data.json", "https://example.invalid/x.js"]);
      // Aborted by the route, in the browser ("…BLOCKED_BY_CLIENT.Inspector"): not a DNS or
      // connection failure, so the request never left the browser.
      for (const url of blocked) expect(failures.get(url), url).toMatch(/^net::ERR_BLOCKED_BY_CLIENT\b/);
      await expect(expectCleanPage(page, {ignoreConsole: [/./]})).rejects.toThrow(
        "non-loopback request (blocked): https://example.invalid/x.js"
      );
    } finally {
      takeBlocked(page); // blocked on purpose: do not fail this test in the harness's afterEach
      await closePage(page);
    }
  });
});

describe("expectCleanPage", () => {
  test("passes a page with no error", async () => {
    const page = await openPage((await serve({"/": "<!doctype html><p>fine</p>"})) + "/");
    await expectCleanPage(page);
    await closePage(page);
  });

  test("reports page errors, console errors and Framework cell errors", async () => {
    const base = await serve({
      "/": `<!doctype html>
        <div class="observablehq observablehq--block"><div class="observablehq--inspect observablehq--error">RuntimeError: x is not defined</div></div>
        <script>console.error("a console complaint"); throw new Error("kaput");</script>`
    });
    const page = await openPage(base + "/");
    const message = await expectCleanPage(page).then(
      () => "",
      (error: Error) => error.message
    );
    expect(message).toContain("page error: Error: kaput");
    expect(message).toContain("cell error: RuntimeError: x is not defined");
    expect(message).toContain("console error: a console complaint");
    await closePage(page);
  });

  test("waits for Framework's loading indicators to go", async () => {
    const base = await serve({
      "/": `<!doctype html><observablehq-loading></observablehq-loading>
        <script>setTimeout(() => document.querySelector("observablehq-loading").replaceWith("done"), 300);</script>`
    });
    const page = await openPage(base + "/");
    expect(await page.textContent("body")).toContain("done");
    await closePage(page);
  });
});

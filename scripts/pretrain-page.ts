// The headless Chromium that the browser pretraining scripts (scripts/pretrain.ts for the
// digits, scripts/pretrain-faces.ts) train in: a private bundle of components/pages, so
// that a site build during a long run cannot pull it away; a loopback server for it and
// the data files; and a page that has imported one pretraining function as window[name].
import {spawnSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import {extname} from "node:path";
import type {Page} from "playwright-core";
import {chromium} from "playwright-core";
import {resolveFile, TYPES} from "./static-server.ts";
import {chromiumArgs, findChromium} from "../tests/browser/chromium.ts";

export interface PretrainPageOptions {
  /** Where the private bundle goes, e.g. node_modules/.cache/manus-pretrain. */
  lib: string;
  /** Served as they are, by URL path ("/data/mnist.json"). */
  files: Record<string, Uint8Array | string>;
  /** The bundle's module ("pretrain.js") and the function it exports ("pretrainDigits"). */
  module: string;
  exportName: string;
}

export interface PretrainPage {
  page: Page;
  /** The server's origin, e.g. http://127.0.0.1:41234. */
  base: string;
  close(): Promise<void>;
}

/** Bundles, serves and opens the page; its console and errors go to this process's output. */
export async function openPretrainPage({lib, files, module, exportName}: PretrainPageOptions): Promise<PretrainPage> {
  if (spawnSync("npx", ["tsx", "scripts/bundle.ts", "--out", lib], {stdio: "inherit"}).status !== 0) {
    throw new Error(`could not bundle components/pages into ${lib}`);
  }
  const served: Record<string, Uint8Array | string> = {
    ...files,
    "/pretrain.html": `<!doctype html><meta charset="utf-8"><title>pretrain</title><script type="module">
    import {${exportName}} from "/_lib/${module}"; window.${exportName} = ${exportName}; document.title = "ready";</script>`
  };
  const server = createServer((request, response) => {
    const url = (request.url ?? "/").split("?")[0];
    const body = served[url];
    const file = body === undefined ? resolveFile(lib, url.replace(/^\/_lib\//, "/")) : null;
    if (body === undefined && !file) return void response.writeHead(404).end();
    response.writeHead(200, {"content-type": TYPES[extname(url)] ?? "application/octet-stream"});
    response.end(body ?? readFileSync(file!));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = findChromium();
  if (!executablePath) {
    server.close();
    throw new Error("no Chromium found; install Debian's chromium (apt-get install chromium)");
  }
  const browser = await chromium.launch({executablePath, args: chromiumArgs("gpu")});
  const page = await browser.newPage();
  page.on("console", (message) => console.log(`[page] ${message.text()}`));
  page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
  await page.exposeFunction("pretrainLog", (line: string) => console.log(line));
  await page.goto(`${base}/pretrain.html`);
  await page.waitForFunction(() => document.title === "ready", null, {timeout: 300_000});
  return {
    page,
    base,
    async close() {
      await browser.close();
      server.close();
    }
  };
}

// The local server of `npm start`: files by extension-less path, the site's 404 page, and a
// readable answer to an address too long for Node's header limit (instead of a blank page).
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {get} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {startServer} from "../../scripts/static-server.ts";
import type {RunningServer} from "../../scripts/static-server.ts";

function fetchText(url: string): Promise<{status: number; body: string}> {
  return new Promise((done, fail) => {
    get(url, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => done({status: response.statusCode ?? 0, body}));
    }).on("error", fail);
  });
}

describe("the static server", () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "manus-serve-"));
    writeFileSync(join(root, "index.html"), "<p>home</p>");
    writeFileSync(join(root, "intro.html"), "<p>intro</p>");
    writeFileSync(join(root, "404.html"), "<p>lost</p>");
    server = await startServer(root, 0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, {recursive: true, force: true});
  });

  test("serves /intro from intro.html, and the 404 page for anything else", async () => {
    expect(await fetchText(`${server.url}intro?w1=2`)).toEqual({status: 200, body: "<p>intro</p>"});
    expect(await fetchText(`${server.url}nowhere`)).toEqual({status: 404, body: "<p>lost</p>"});
  });

  test("answers an address over 16 KiB with a sentence, not an empty page", async () => {
    const {status, body} = await fetchText(`${server.url}intro?tensor=${"a".repeat(20_000)}`);
    expect(status).toBe(431);
    expect(body).toMatch(/^This address is too long \(over 16 KiB\): shorten its parameters/);
  });
});

// The exported figure module (src/modules/figures.js) must attach the same data files as the
// embed page (src/embed/[figure].md): both hand them to the same builders, and a figure whose
// file is missing from one would fail there only.
import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {toSearch} from "../../components/embed/module.ts";

/** The `"name": FileAttachment("path")` pairs of a source file, sorted. */
function attachments(path: string): string[] {
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
  return [...text.matchAll(/"([\w.-]+)":\s*FileAttachment\("([^"]+)"\)/g)].map(([, name, file]) => `${name} ← ${file}`).sort();
}

describe("the exported figure module", () => {
  test("attaches exactly the files of the embed page", () => {
    const page = attachments("src/embed/[figure].md");
    expect(page.length).toBeGreaterThan(0);
    expect(attachments("src/modules/figures.js")).toEqual(page);
  });

  test("toSearch(params) takes a query string, URLSearchParams or an object", () => {
    expect(toSearch()).toBe("");
    expect(toSearch("w1=2")).toBe("?w1=2");
    expect(toSearch("?w1=2")).toBe("?w1=2");
    expect(toSearch(new URLSearchParams({act: "tanh"}))).toBe("?act=tanh");
    expect(toSearch({w1: 2, act: "<b>x</b>"})).toBe("?w1=2&act=%3Cb%3Ex%3C%2Fb%3E");
  });
});

// @vitest-environment jsdom
import {describe, expect, it, vi} from "vitest";
import {slider, select} from "../../components/controls.ts";
import {normalizeDigitsParams} from "../../components/digits/params.ts";
import {
  composeSvg, describePlan, exportFileName, inlineSvg, planExport, resolveCssVariables
} from "../../components/figures/export.ts";
import {createFigure} from "../../components/figures/figure.ts";
import {bindUrlState, mergeSearch, searchFor} from "../../components/url-state.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

function svgElement(tag: string, attributes: Record<string, string> = {}): SVGElement {
  const element = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

/** A stand-in for getComputedStyle: every element gets these values. */
function fakeComputed(values: Record<string, string>) {
  return () => ({getPropertyValue: (name: string) => values[name] ?? ""}) as unknown as CSSStyleDeclaration;
}

describe("exportFileName", () => {
  it("names the file after the figure", () => {
    expect(exportFileName("digits-confusion", "png")).toBe("digits-confusion.png");
    expect(exportFileName("perceptron", "svg")).toBe("perceptron.svg");
  });
});

describe("resolveCssVariables", () => {
  const lookup = (name: string) => ({"--accent": "#3b5fc0", "--empty": ""})[name] ?? "";
  it("replaces a defined variable by its value", () => {
    expect(resolveCssVariables("var(--accent)", lookup)).toBe("#3b5fc0");
    expect(resolveCssVariables("var(--accent, red)", lookup)).toBe("#3b5fc0");
  });
  it("uses the fallback, even a nested one, when the variable is not defined", () => {
    expect(resolveCssVariables("var(--missing, #f4f4f4)", lookup)).toBe("#f4f4f4");
    expect(resolveCssVariables("var(--missing, var(--accent))", lookup)).toBe("#3b5fc0");
    expect(resolveCssVariables("var(--empty, rgb(1, 2, 3))", lookup)).toBe("rgb(1, 2, 3)");
  });
  it("keeps the text around the variables", () => {
    expect(resolveCssVariables("1px solid var(--accent)", lookup)).toBe("1px solid #3b5fc0");
    expect(resolveCssVariables("no variables", lookup)).toBe("no variables");
  });
});

describe("planExport and describePlan", () => {
  it("counts top-level drawings and notices text outside them, but not controls", () => {
    const body = document.createElement("div");
    const outer = svgElement("svg");
    outer.append(svgElement("svg"), svgElement("text"));
    body.append(outer, document.createElement("canvas"), document.createElement("canvas"));
    body.append(slider({label: "rate", min: 0, max: 1, step: 0.1, value: 0.5, name: "rate"}));
    let plan = planExport(body);
    expect(plan.svgs).toHaveLength(1);
    expect(plan.rasters).toHaveLength(2);
    expect(plan.drawables.map((el) => el.localName)).toEqual(["svg", "canvas", "canvas"]);
    expect(plan.textLeftOut).toBe(false);
    expect(describePlan(plan)).toBe("2 images and a chart");
    const table = document.createElement("table");
    table.insertRow().insertCell().textContent = "42";
    body.append(table);
    plan = planExport(body);
    expect(plan.textLeftOut).toBe(true);
    expect(describePlan(plan)).toBe("2 images and a chart (text and tables are not included)");
  });
  it("says what a single drawing is, and when there is nothing to draw", () => {
    expect(describePlan({svgs: [svgElement("svg") as SVGSVGElement], rasters: [], textLeftOut: false})).toBe("the chart");
    expect(describePlan({svgs: [], rasters: [document.createElement("canvas")], textLeftOut: false})).toBe("the image");
    expect(describePlan({svgs: [], rasters: [], textLeftOut: true})).toMatch(/^nothing: this figure has no drawing/);
  });
});

describe("inlineSvg", () => {
  it("inlines computed styles, resolves var() in attributes and sets the shown size", () => {
    const svg = svgElement("svg", {viewBox: "0 0 100 50", style: "width: 100%; font: 11px serif", "aria-hidden": "true"}) as SVGSVGElement;
    svg.append(svgElement("rect", {class: "bar", fill: "var(--manus-series-0, #4269d0)"}));
    const copy = inlineSvg(svg, {width: 300, height: 150.004}, fakeComputed({fill: "rgb(66, 105, 208)", "stroke-width": "2px", opacity: "0.5"}));
    expect(copy.getAttribute("width")).toBe("300");
    expect(copy.getAttribute("height")).toBe("150");
    expect(copy.getAttribute("viewBox")).toBe("0 0 100 50");
    expect(copy.getAttribute("xmlns")).toBe(SVG_NS);
    expect(copy.hasAttribute("aria-hidden")).toBe(false);
    expect(copy.style.width).toBe("");
    const rect = copy.querySelector("rect")!;
    expect(rect.getAttribute("fill")).toBe("#4269d0");
    expect(rect.style.getPropertyValue("fill")).toBe("rgb(66, 105, 208)");
    expect(rect.style.getPropertyValue("opacity")).toBe("0.5");
    // The original is untouched.
    expect(svg.querySelector("rect")!.getAttribute("fill")).toBe("var(--manus-series-0, #4269d0)");
  });
});

describe("composeSvg", () => {
  it("lays the parts out relative to their top-left corner on a background", () => {
    const text = composeSvg([
      {kind: "svg", markup: '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"></svg>', box: {x: 20, y: 10, width: 100, height: 40}},
      {kind: "image", href: 'data:image/png;base64,AAA"', pixelated: true, box: {x: 20, y: 60, width: 56, height: 56}}
    ], {background: "rgb(255, 255, 255)", title: "Mistakes <test>"});
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="100" height="106" viewBox="0 0 100 106">/);
    expect(text).toContain("<title>Mistakes &lt;test&gt;</title>");
    expect(text).toContain('<rect width="100%" height="100%" fill="rgb(255, 255, 255)"/>');
    expect(text).toContain('<g transform="translate(0,0)"><svg');
    expect(text).toContain('<image x="0" y="50" width="56" height="56" preserveAspectRatio="none"');
    expect(text).toContain('href="data:image/png;base64,AAA&quot;"');
    const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).toBeNull();
  });
  it("refuses to compose nothing", () => {
    expect(() => composeSvg([])).toThrow(/expected at least one part/);
  });
});

describe("the export toolbar", () => {
  it("is added when a figure is shown in the document, not when it is built", async () => {
    const frame = createFigure("toolbar-test", {title: "Test figure"});
    frame.body.append(svgElement("svg"));
    const built = frame.root.outerHTML;
    await Promise.resolve();
    expect(frame.root.outerHTML).toBe(built);
    document.body.append(frame.root);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const buttons = [...frame.root.querySelectorAll("button")];
    expect(buttons.map((b) => [b.dataset.control, b.textContent])).toEqual([["export-png", "PNG"], ["export-svg", "SVG"]]);
    expect(buttons[0].getAttribute("aria-label")).toBe("Download “Test figure” as PNG: the chart");
    expect(frame.root.firstElementChild?.className).toBe("manus-figure-tools");
    frame.root.remove();
  });
  it("is left out with {exportable: false}", async () => {
    const frame = createFigure("no-toolbar", {exportable: false});
    document.body.append(frame.root);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frame.root.querySelector(".manus-figure-tools")).toBeNull();
    frame.root.remove();
  });
});

describe("url-state", () => {
  it("searchFor(values) keeps valid values that differ from the essay's defaults", () => {
    const search = searchFor({model: "cnn", lr: 0.001, batch: 32, epochs: 99, seed: "x"}, normalizeDigitsParams);
    expect(search.toString()).toBe("batch=32");
  });
  it("mergeSearch keeps the parameters the essay does not own", () => {
    expect(mergeSearch("?backend=webgl&batch=16&test=50", ["batch", "model"], new URLSearchParams("model=fc"))).toBe("?backend=webgl&test=50&model=fc");
    expect(mergeSearch("?batch=16", ["batch"], new URLSearchParams())).toBe("");
  });
  it("bindUrlState writes the address once the controls have been still for the delay", () => {
    vi.useFakeTimers();
    try {
      const batch = slider({label: "Batch", min: 8, max: 512, step: 8, value: 64, name: "batch"});
      const model = select({label: "Model", options: ["fc", "cnn"], value: "cnn", name: "model"});
      const location = {pathname: "/digits", search: "?backend=cpu", hash: ""};
      const history = {state: null, replaceState: vi.fn((_state: unknown, _title: string, url: string) => (location.search = url.slice(url.indexOf("?"))))};
      const state = bindUrlState({controls: {batch, model}, normalize: normalizeDigitsParams, delayMs: 200, history, location});
      batch.value = 128;
      batch.dispatchEvent(new Event("input"));
      model.value = "fc";
      model.dispatchEvent(new Event("input"));
      vi.advanceTimersByTime(199);
      expect(history.replaceState).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(history.replaceState).toHaveBeenCalledTimes(1);
      expect(history.replaceState.mock.calls[0][2]).toBe("/digits?backend=cpu&batch=128&model=fc");
      state.dispose();
      batch.dispatchEvent(new Event("input"));
      vi.advanceTimersByTime(1000);
      expect(history.replaceState).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
  it("bindUrlState's dispose writes a change still waiting for its delay", () => {
    vi.useFakeTimers();
    try {
      const batch = slider({label: "Batch", min: 8, max: 512, step: 8, value: 64, name: "batch"});
      const location = {pathname: "/digits", search: "", hash: ""};
      const history = {state: null, replaceState: vi.fn((_state: unknown, _title: string, url: string) => (location.search = url.slice(url.indexOf("?"))))};
      const state = bindUrlState({controls: {batch}, normalize: normalizeDigitsParams, delayMs: 200, history, location});
      batch.value = 256;
      batch.dispatchEvent(new Event("input"));
      state.dispose();
      expect(history.replaceState).toHaveBeenCalledTimes(1);
      expect(history.replaceState.mock.calls[0][2]).toBe("/digits?batch=256");
      vi.advanceTimersByTime(1000);
      expect(history.replaceState).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

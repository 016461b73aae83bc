// Typeset maths for every essay, offline: KaTeX from node_modules renders to MathML, which
// the browser lays out itself, so no KaTeX stylesheet or web font is needed (Framework's
// `tex` would fetch KaTeX from a CDN at build time).
//   ${math`\sigma(z) = 1 / (1 + e^{-z})`}            inline, in a Markdown paragraph
//   ${mathBlock`\hat y = g(w^\top x + b)`}            displayed on its own line
// Tagged templates keep backslashes as written (String.raw), so TeX needs no escaping.
import katex from "katex";

type TexInput = TemplateStringsArray | string;

/** The TeX source of a tagged template or plain string; `${…}` values are inserted as text. */
function texOf(input: TexInput, values: unknown[]): string {
  if (typeof input === "string") return input;
  return String.raw({raw: input.raw}, ...values);
}

/**
 * Renders TeX to an element holding MathML. A TeX error throws, naming the source, so a
 * typo fails the page's cell (and its test) instead of showing red text to a reader.
 */
export function renderMath(tex: string, displayMode = false): HTMLElement {
  const element = document.createElement(displayMode ? "div" : "span");
  element.className = displayMode ? "manus-math manus-math-display" : "manus-math";
  try {
    element.innerHTML = katex.renderToString(tex, {output: "mathml", displayMode, throwOnError: true, strict: "error"});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`invalid TeX: ${JSON.stringify(tex)}: ${message}`, {cause: error});
  }
  return element;
}

/** Inline maths: math`x^2` or math("x^2"). */
export function math(input: TexInput, ...values: unknown[]): HTMLElement {
  return renderMath(texOf(input, values), false);
}

/** Displayed maths, centred on its own line. */
export function mathBlock(input: TexInput, ...values: unknown[]): HTMLElement {
  return renderMath(texOf(input, values), true);
}

/** The MathML string, for tests and for figures that build their own markup. */
export function mathToString(tex: string, displayMode = false): string {
  return katex.renderToString(tex, {output: "mathml", displayMode, throwOnError: true, strict: "error"});
}

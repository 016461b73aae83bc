// The Intro figures' stylesheet, added once to the document by the first figure built.
const CSS = `
.intro-fig svg { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
.intro-fig .manus-controls { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: center; margin-bottom: 0.5em; }
.intro-fig .manus-slider input { vertical-align: middle; }
.intro-fig .manus-slider output { display: inline-block; min-width: 3.2em; font-variant-numeric: tabular-nums; }
.intro-fig .manus-control-label { margin-right: 0.35em; }
.intro-fig .row { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; }
.intro-fig .readout { font-variant-numeric: tabular-nums; line-height: 1.6; max-width: 34em; }
.intro-fig .readout code, .intro-fig pre { font-size: 12px; }
.intro-fig pre { background: var(--theme-background-alt, #f5f5f5); padding: 0.5em 0.75em; overflow-x: auto; margin: 0.4em 0; }
.intro-fig table.matrix { border-collapse: collapse; margin: 0.2em 0; font-variant-numeric: tabular-nums; }
.intro-fig table.matrix td { border: 1px solid #ccc; padding: 0.15em 0.5em; text-align: right; min-width: 2.5em; }
.intro-fig table.matrix td.hot { background: rgba(230, 126, 34, 0.25); font-weight: 600; }
.intro-fig .matrices { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center; }
.intro-fig .warn { color: var(--manus-danger, #c0392b); font-weight: 600; }
.intro-fig .node rect { fill: var(--theme-background, #fff); stroke: #555; }
/* Translucent tints, not light fills: the text on them keeps the theme's colour, light or dark. */
.intro-fig .node.input rect { fill: rgba(49, 130, 189, 0.15); }
.intro-fig .node.output rect { fill: rgba(230, 126, 34, 0.15); }
.intro-fig .edge { stroke: #777; stroke-width: 1.5; fill: none; }
.intro-fig .grad { fill: #c0392b; font-weight: 600; }
.intro-fig .muted { fill: #777; color: #777; }
.intro-fig .manus-figure-alt { font-size: 12px; color: var(--theme-foreground-muted, #666); margin-top: 0.4em; }
.manus-math-display { margin: 0.6em 0; text-align: center; }
`;

export function ensureStyle(): void {
  if (document.getElementById("intro-figure-style")) return;
  const style = document.createElement("style");
  style.id = "intro-figure-style";
  style.textContent = CSS;
  document.head.append(style);
}

// The Music essay's own styles, added by the components that need them (the site's
// stylesheet is shared by every essay).
const CSS = `
.manus-generated { font: 14px/1.45 var(--monospace, monospace); white-space: pre-wrap; word-break: break-all;
  border: 1px solid var(--theme-foreground-faintest, #ddd); padding: 0.6em; max-height: 22em; overflow: auto; max-width: 640px; }
.manus-generated .prompt { color: var(--theme-foreground-muted, #777); }
.manus-generated .tok { cursor: pointer; border-radius: 2px; }
.manus-generated .tok:hover { background: color-mix(in srgb, var(--theme-foreground-focus, #3b5fc0) 20%, transparent); }
.manus-generated .tok.selected { background: var(--theme-foreground-focus, #3b5fc0); color: var(--theme-background, #fff); }
.manus-generated .tok.edited { text-decoration: underline wavy; }
.manus-tune { border-top: 1px solid var(--theme-foreground-faintest, #ddd); padding-top: 0.6em; margin-top: 0.8em; }
.manus-tune-title { font-weight: 600; }
.manus-tune-sheet { max-width: 760px; }
.manus-tune-paper .abcjs-note.manus-note-playing, .manus-tune-paper .abcjs-rest.manus-note-playing { fill: var(--manus-danger, #c62828); }
.manus-text-input input { font: 14px var(--monospace, monospace); width: 8em; }
.manus-abc-sample { font: 12px/1.4 var(--monospace, monospace); white-space: pre; overflow: auto; max-height: 14em; max-width: 640px;
  border-left: 3px solid var(--theme-foreground-faintest, #ddd); padding-left: 0.6em; }
.manus-gates-scroll { overflow-x: auto; max-width: 100%; }
.manus-gates-scroll:focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 2px; }
.manus-gates-scroll svg { display: block; }
.manus-gates-readout { font: 12px/1.4 var(--monospace, monospace); max-width: 760px; }
`;

let added = false;

export function addMusicStyles(doc: Document = document): void {
  if (added) return;
  const style = doc.createElement("style");
  style.textContent = CSS;
  doc.head.append(style);
  added = true;
}

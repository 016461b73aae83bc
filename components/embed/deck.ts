// A slide deck made of embed pages, as an instructor would build one: one figure per slide in
// an iframe, a title and a line for the speaker, prev/next buttons and the arrow keys. A
// slide's iframe loads when the slide is first shown, and grows to the height its page posts.
import type {EmbedSizeMessage} from "./mount.ts";

export interface Slide {
  title: string;
  /** The embed page, e.g. "./embed/perceptron?w1=2&act=tanh". */
  src: string;
  /** One line under the figure: what to try, what to say. */
  note?: string;
}

const MIN_HEIGHT = 240;

export function createDeck(slides: readonly Slide[], {start = 0}: {start?: number} = {}): HTMLElement {
  if (slides.length === 0) throw new Error("createDeck: expected at least one slide, got none");
  const root = document.createElement("section");
  root.className = "manus-deck";
  root.setAttribute("aria-roledescription", "slide deck");
  const previous = deckButton("← Previous", "deck-previous");
  const next = deckButton("Next →", "deck-next");
  const counter = document.createElement("span");
  counter.className = "manus-deck-counter";
  counter.setAttribute("aria-live", "polite");
  const nav = document.createElement("nav");
  nav.className = "manus-deck-nav";
  nav.setAttribute("aria-label", "Slides");
  nav.append(previous, counter, next);
  const frames: HTMLIFrameElement[] = [];
  const articles = slides.map((slide, i) => {
    const article = document.createElement("article");
    article.className = "manus-slide";
    article.dataset.slide = String(i + 1);
    article.setAttribute("aria-roledescription", "slide");
    const heading = document.createElement("h2");
    heading.textContent = slide.title;
    const frame = document.createElement("iframe");
    frame.title = `Figure: ${slide.title}`;
    frame.dataset.src = slide.src;
    frame.style.height = `${MIN_HEIGHT}px`;
    frames.push(frame);
    article.append(heading, frame);
    if (slide.note) {
      const note = document.createElement("p");
      note.className = "manus-slide-note";
      note.textContent = slide.note;
      article.append(note);
    }
    return article;
  });
  root.append(nav, ...articles);

  let current = -1;
  function show(index: number): void {
    const i = Math.max(0, Math.min(slides.length - 1, index));
    if (i === current) return;
    current = i;
    articles.forEach((article, k) => (article.hidden = k !== i));
    const frame = frames[i];
    if (!frame.src) frame.src = frame.dataset.src ?? "";
    counter.textContent = `Slide ${i + 1} of ${slides.length}: ${slides[i].title}`;
    previous.disabled = i === 0;
    next.disabled = i === slides.length - 1;
    root.dataset.current = String(i + 1);
    history.replaceState(history.state, "", `#${i + 1}`);
  }
  previous.addEventListener("click", () => show(current - 1));
  next.addEventListener("click", () => show(current + 1));
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.defaultPrevented || target?.closest("input, select, textarea, [contenteditable]")) return;
    const step = {ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1}[event.key];
    if (!step) return;
    event.preventDefault();
    show(current + step);
  };
  const onMessage = (event: MessageEvent<EmbedSizeMessage>) => {
    if (event.data?.type !== "manus-embed-size") return;
    const frame = frames.find((f) => f.contentWindow === event.source);
    if (frame && Number.isFinite(event.data.height)) frame.style.height = `${Math.max(MIN_HEIGHT, Math.min(4000, event.data.height))}px`;
  };
  document.addEventListener("keydown", onKey);
  window.addEventListener("message", onMessage);
  show(Number(/^#(\d+)$/.exec(location.hash)?.[1] ?? start + 1) - 1);
  return root;
}

function deckButton(label: string, name: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "manus-button";
  button.dataset.control = name;
  button.textContent = label;
  return button;
}

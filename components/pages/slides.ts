// What the slide deck (src/slides.md) imports: the deck alone; its iframes load the figures.
export {createDeck} from "../embed/deck.ts";
export {EMBED_NAMES} from "../embed/names.ts";

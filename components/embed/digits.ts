// Embeds of the Digits essay's figures, built with the essay's own modules: the story figures
// from the digits alone, the others from a Digits lab (pretrained models, evaluated on
// ?test=N test digits) of which only the asked-for figure is shown, with the model menu.
import type {Control} from "../controls.ts";
import {controlRow, select} from "../controls.ts";
import type {Digits, DigitsManifest} from "../digits/data.ts";
import {unpackSprite} from "../digits/data.ts";
import {createParameterTable, createPixelTable, createSampleGrid} from "../digits/figures/story.ts";
import {createDigitsLab} from "../digits/lab.ts";
import type {DigitsModelKind} from "../digits/models.ts";
import {MODEL_KINDS, createDigitsModel} from "../digits/models.ts";
import type {DigitsSettings} from "../digits/params.ts";
import {normalizeDigitsParams} from "../digits/params.ts";
import type {DIGITS_EMBEDS} from "./names.ts";
import type {Embed, EmbedBuilder, EmbedContext} from "./types.ts";

type DigitsEmbed = (typeof DIGITS_EMBEDS)[number];
type Lab = Awaited<ReturnType<typeof createDigitsLab>>;

const MODEL_LABELS: Record<DigitsModelKind, string> = {fc: "Fully connected", cnn: "CNN"};

async function loadDigits({files}: EmbedContext): Promise<Digits> {
  const [manifest, image, labels] = await Promise.all([
    files["mnist.json"].json() as Promise<DigitsManifest>,
    files["mnist-images.png"].image(),
    files["mnist-labels.bin"].arrayBuffer()
  ]);
  return unpackSprite(manifest, image, new Uint8Array(labels));
}

function embed(parts: HTMLElement[], notes: readonly string[], controls: Record<string, Control<unknown>> = {}, dispose = () => {}): Embed {
  return {essay: "digits", parts, notes, controls, normalize: normalizeDigitsParams, dispose};
}

/** A story figure drawn from the digits alone. */
function story(draw: (digits: Digits) => HTMLElement): EmbedBuilder {
  return async (context) => {
    const {notes} = normalizeDigitsParams(context.search);
    return embed([draw(await loadDigits(context))], notes);
  };
}

/** One or more parts of a Digits lab; `all` shows every training control, else only the model menu. */
function fromLab(pick: (lab: Lab) => HTMLElement[], all = false): EmbedBuilder {
  return async (context) => {
    const {settings, notes} = normalizeDigitsParams(context.search);
    const [digits, fc, cnn] = await Promise.all([
      loadDigits(context),
      context.files["mnist-fc.json"].text(),
      context.files["mnist-cnn.json"].text()
    ]);
    const orNull = (text: string) => (text.trim() === "null" ? null : text);
    const lab = await createDigitsLab({digits, settings, pretrained: {fc: orNull(fc), cnn: orNull(cnn)}});
    const controls = all ? lab.controlsByName : {model: lab.controlsByName.model};
    const rows = all ? [lab.controls, lab.buttons, lab.status] : [controlRow(lab.controlsByName.model)];
    return embed([...rows, lab.error, ...pick(lab)], notes, controls, () => lab.dispose());
  };
}

/** The parameter table of the model chosen in the menu. */
const parameters: EmbedBuilder = async (context) => {
  const {settings, notes} = normalizeDigitsParams(context.search);
  const menu = select<DigitsModelKind>({label: "Model", options: MODEL_KINDS, labels: MODEL_LABELS, value: settings.model, name: "model"});
  const holder = document.createElement("div");
  const draw = (kind: DigitsModelKind, {learningRate}: Pick<DigitsSettings, "learningRate">) => {
    const model = createDigitsModel(kind, {seed: 0, learningRate});
    holder.replaceChildren(createParameterTable(model, `digits-${kind}-parameters`, `${MODEL_LABELS[kind]} model: parameters per layer`));
    model.dispose();
  };
  menu.addEventListener("input", () => draw(menu.value, settings));
  draw(settings.model, settings);
  return embed([controlRow(menu), holder], notes, {model: menu});
};

export const DIGITS_BUILDERS: Record<DigitsEmbed, EmbedBuilder> = {
  "digits-samples": story((digits) => createSampleGrid(digits)),
  "digits-pixels": story((digits) => createPixelTable(digits, 0)),
  "digits-parameters": parameters,
  "digits-curve": fromLab((lab) => [lab.curve], true),
  "digits-confusion": fromLab((lab) => [lab.accuracy, lab.confusion]),
  "digits-mistakes": fromLab((lab) => [lab.mistakes]),
  "digits-filters": fromLab((lab) => [lab.filters]),
  "digits-activations": fromLab((lab) => [lab.activations]),
  "digits-draw": fromLab((lab) => [lab.drawPad])
};

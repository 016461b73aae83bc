// Embeds of the Faces essay's figures, built with the essay's own modules: the data figures
// from the synthetic faces alone, the others from a Faces lab (with the committed pretrained
// runs) of which only the asked-for figure is shown, with the controls that figure has.
import type {Control} from "../controls.ts";
import type {AttributeTable, Faces, FacesManifest} from "../faces/data.ts";
import {unpackFaces} from "../faces/data.ts";
import {createAttributesFigure, createBrowseFigure} from "../faces/figures/story.ts";
import {createSeedStudyFigure} from "../faces/figures/study.ts";
import {createFacesLab} from "../faces/lab.ts";
import {normalizeFacesParams} from "../faces/params.ts";
import {shippedRecipe} from "../faces/study.ts";
import type {CommittedCards, SeedStudy} from "../faces/study.ts";
import {seededRandom} from "../faces/train.ts";
import type {FACES_EMBEDS} from "./names.ts";
import type {Embed, EmbedBuilder, EmbedContext} from "./types.ts";

type FacesEmbed = (typeof FACES_EMBEDS)[number];
type Lab = ReturnType<typeof createFacesLab>;

async function loadFaces({files}: EmbedContext): Promise<Faces> {
  const [manifest, train, test, table] = await Promise.all([
    files["faces.json"].json() as Promise<FacesManifest>,
    files["faces-train.png"].image(),
    files["faces-test.png"].image(),
    files["faces-attributes.json"].json() as Promise<AttributeTable>
  ]);
  return unpackFaces(manifest, train, test, table);
}

function embed(parts: HTMLElement[], notes: readonly string[], controls: Record<string, Control<unknown>> = {}, dispose = () => {}): Embed {
  return {essay: "faces", parts, notes, controls, normalize: normalizeFacesParams, dispose};
}

/** Parts of a Faces lab, and the URL parameters (of lab.controlsByName) that the shown controls hold. */
function fromLab(pick: (lab: Lab) => HTMLElement[], params: readonly string[]): EmbedBuilder {
  return async (context) => {
    const {settings, notes} = normalizeFacesParams(context.search);
    const [faces, cnn, control, dbvae] = await Promise.all([
      loadFaces(context),
      context.files["faces-cnn.json"].text(),
      context.files["faces-control.json"].text(),
      context.files["faces-dbvae.json"].text()
    ]);
    const lab = createFacesLab({faces, settings, pretrained: {cnn, control, dbvae}});
    const controls = Object.fromEntries(params.map((name) => [name, lab.controlsByName[name]]));
    return embed([lab.error, ...pick(lab), lab.status], notes, controls, () => lab.dispose());
  };
}

const TRAINING_PARAMS = ["steps", "epochs", "batch", "lr", "seed"] as const;
const SAMPLER_PARAMS = ["alpha", "bins", "combine", "debias"] as const;
const LATENT_PARAMS = ["face", "z1", "z2", "z3", "z4", "z5"] as const;

export const FACES_BUILDERS: Record<FacesEmbed, EmbedBuilder> = {
  "faces-data": async (context) => {
    const {settings, notes} = normalizeFacesParams(context.search);
    const faces = await loadFaces(context);
    return embed([createBrowseFigure(faces, seededRandom(settings.seed, "browse")), createAttributesFigure(faces)], notes);
  },
  "faces-cnn-training": fromLab((lab) => [lab.controls, lab.cnnButtons, lab.cnnCurve], TRAINING_PARAMS),
  "faces-group-accuracy": fromLab((lab) => [lab.groups, lab.pretrainedInfo], []),
  "faces-vae-training": fromLab((lab) => [lab.controls, lab.vaeControls, lab.vaeButtons, lab.vaeCurve, lab.reconstructions], [...TRAINING_PARAMS, "kl"]),
  "faces-sampler": fromLab((lab) => [lab.sampler], SAMPLER_PARAMS),
  "faces-latent": fromLab((lab) => [lab.latent], LATENT_PARAMS),
  "faces-seed-study": async (context) => {
    const {notes} = normalizeFacesParams(context.search);
    // The build's loader (src/data/faces-seed-study.json.ts) has already checked the study.
    const [study, cards] = await Promise.all([context.files["faces-seed-study.json"].json() as Promise<SeedStudy>, context.files["faces-cards.json"].json() as Promise<CommittedCards>]);
    return embed([createSeedStudyFigure(study, shippedRecipe(cards.dbvae))], notes);
  }
};

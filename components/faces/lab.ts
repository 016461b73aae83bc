// The Faces lab: three model runs (the standard CNN on the skewed training set, the same
// CNN on a balanced control subset, and the DB-VAE), their training panels, and the
// figures that show what they learned. The page creates one lab and places its parts.
import {canTrain} from "../backend.ts";
import type {CardInput, TrainingCard} from "../checkpoint.ts";
import {expectCompatible, loadCheckpoint} from "../checkpoint.ts";
import type {Control} from "../controls.ts";
import {button, controlRow, notice, select, slider} from "../controls.ts";
import type {Curve} from "../figures/curve.ts";
import {createCurve} from "../figures/curve.ts";
import {percent} from "../figures/figure.ts";
import {applyRunParams, createRunControls, loadRun, runFileName, runParams, saveRun} from "../share-run.ts";
import {tf} from "../tf.ts";
import type {History} from "../train/history.ts";
import {downloadHistoryCsv} from "../download.ts";
import {historyFromJSON, historyToJSON} from "../train/history.ts";
import type {Trainer} from "../train/loop.ts";
import type {Faces} from "./data.ts";
import {imageOf, isDarker, toTensor} from "./data.ts";
import type {GroupAccuracy} from "./evaluate.ts";
import {groupAccuracy, lightDarkGap} from "./evaluate.ts";
import type {GroupRun} from "./figures/groups.ts";
import {createGroupAccuracyFigure} from "./figures/groups.ts";
import {createLatentFigure} from "./figures/latent.ts";
import {createReconstructionFigure} from "./figures/reconstruction.ts";
import {createSamplerFigure} from "./figures/sampler.ts";
import type {DbVae} from "./models.ts";
import {DEFAULT_FILTERS, classifierLogits, createClassifier, createDbVae, dbvaeLogits, disposeDbVae, latentMeans, packDbVae, unpackDbVae} from "./models.ts";
import type {FacesSettings} from "./params.ts";
import {RANGES, normalizeFacesParams} from "./params.ts";
import type {RunKind} from "./runs.ts";
import {RUN_KINDS, RUN_LABELS, SLOT_NAMES, accuracyFromMetrics, accuracyMetrics, testGroups as testSplit, trainFaceRows, trainingRows, trainingSet} from "./runs.ts";
import {cardSteps} from "./study.ts";
import type {TrainingSet} from "./train.ts";
import {trainClassifier, trainDbVae} from "./train.ts";

// The untrained encoder's latent means fill the sampler and the explorer on load. They are
// random features, so a sample says as much as all 1 500 faces, and one forward pass of
// 256 faces costs a fraction of the full pass (≈ 100 ms per batch on WebGPU/SwiftShader).
// After training, the sampler gets every training face.
const FIRST_LOOK_FACES = 256;

export interface FacesLabOptions {
  faces: Faces;
  settings: FacesSettings;
  /** The committed checkpoints' text (src/data/faces-*.json: null when none was produced), by run. */
  pretrained?: Partial<Record<RunKind, string | null>>;
}

export function createFacesLab({faces, settings, pretrained = {}}: FacesLabOptions) {
  const size = settings.size;
  const side = faces.side;
  // Tensors, made on first use and freed by dispose(): [n, size, size, 3] in [0, 1].
  let trainSet: TrainingSet | null = null;
  let controlSet: TrainingSet | null = null;
  let faceXs: tf.Tensor4D | null = null;
  let testXs: tf.Tensor4D | null = null;
  const {rows: testIdx, groups: testGroups} = testSplit(faces, settings.testImages);
  const perGroup = Math.min(...(["LF", "LM", "DF", "DM"] as const).map((g) => testGroups.filter((x) => x === g).length));
  const trainFaces = Array.from(trainFaceRows(faces)); // face index → row

  const ensureTrain = () => (trainSet ??= trainingSet(faces, trainingRows(faces, "cnn", settings.seed), size));
  const ensureControl = () => (controlSet ??= trainingSet(faces, trainingRows(faces, "control", settings.seed), size));
  const ensureFaces = () => (faceXs ??= toTensor(faces.train, side, trainFaces, size));
  const ensureTest = () => (testXs ??= toTensor(faces.test, side, testIdx, size));

  // Controls shared by every run.
  const steps = slider({label: "Steps per epoch", ...RANGES.steps, value: settings.steps, name: "steps"});
  const epochs = slider({label: "Epochs", ...RANGES.epochs, value: settings.epochs, name: "epochs"});
  const batch = slider({label: "Batch size", ...RANGES.batchSize, value: settings.batchSize, name: "batch"});
  const rate = slider({label: "Learning rate", ...RANGES.learningRate, value: settings.learningRate, log: true, format: (v) => v.toPrecision(2), name: "lr"});
  const seed = slider({label: "Seed", ...RANGES.seed, value: settings.seed, name: "seed"});
  const kl = slider({label: "KL weight", ...RANGES.klWeight, value: settings.klWeight, log: true, format: (v) => v.toPrecision(2), name: "kl"});

  const status = statusLine("faces");
  const error = notice("", "error");
  error.hidden = true;

  const cnnCurve = createCurve({
    name: "faces-cnn-curve",
    title: "Training the standard CNN: loss and batch accuracy per step",
    metrics: [{key: "loss", label: "loss"}, {key: "accuracy", label: "batch accuracy", axis: "right"}],
    xLabel: "step"
  });
  const vaeCurve = createCurve({
    name: "faces-vae-curve",
    title: "Training the DB-VAE: the three parts of its loss",
    caption: "Classification: cross-entropy over all images. Reconstruction: mean |x − x̂| over the faces. KL: the latent loss over the faces, before its weight (right axis).",
    metrics: [
      {key: "classification", label: "classification"},
      {key: "reconstruction", label: "reconstruction L1"},
      {key: "kl", label: "KL divergence", axis: "right"}
    ],
    xLabel: "step"
  });
  const groups = createGroupAccuracyFigure();
  const accuracies: Partial<Record<RunKind, GroupAccuracy>> = {};
  /** Where each run's bars come from: "pretrained" or "trained here". */
  const origins: Partial<Record<RunKind, string>> = {};
  const pretrainedInfo = document.createElement("p");
  pretrainedInfo.dataset.pretrained = "faces";

  /**
   * The runs a reader can download, by kind: each card (with its history) and, for the two
   * CNNs, the model (the DB-VAE is the lab's `dbvae`, packed when saved). Kept from the
   * pretrained checkpoints, from training here, or from a loaded run file.
   */
  const kept: Partial<Record<RunKind, {card: CardInput; model: tf.LayersModel | null}>> = {};
  function keep(kind: RunKind, card: CardInput, model: tf.LayersModel | null) {
    kept[kind]?.model?.dispose();
    kept[kind] = {card, model};
  }

  let dbvae: DbVae = createDbVae({size, filters: DEFAULT_FILTERS, seed: settings.seed, latentDim: settings.latentDim});
  let dbvaeOrigin = "untrained";
  let lastMu: Float32Array | null = null;
  const sampler = createSamplerFigure({
    alpha: settings.alpha,
    bins: settings.bins,
    debias: settings.debias,
    combine: settings.combine,
    size: side,
    faceImage: (k) => imageOf(faces.train, side, trainFaces[k]),
    rare: [
      {label: "darker skin", test: (k) => isDarker(faces.train.attributes[trainFaces[k]])},
      {label: "hat", test: (k) => faces.train.attributes[trainFaces[k]]?.hat === true}
    ]
  });
  // Two test faces per group, for the reconstructions and the latent explorer.
  const shown: number[] = [];
  for (const g of ["LF", "LM", "DF", "DM"] as const) shown.push(...testIdx.filter((_, j) => testGroups[j] === g).slice(0, 2).map((k) => k));
  const shownImages = shown.map((k) => imageOf(faces.test, side, k));
  const shownTensor = () => toTensor(faces.test, side, shown, size);
  const recon = createReconstructionFigure(shownImages, side, size);
  const latent = createLatentFigure(shownImages, side, size, {face: settings.latentFace, moves: settings.latentMoves});

  /** Every control whose value the address keeps, by URL parameter name (params.ts). */
  const controlsByName = {
    steps, epochs, batch, lr: rate, seed, kl,
    alpha: sampler.controls.alpha, bins: sampler.controls.bins, combine: sampler.controls.combine, debias: sampler.controls.debias,
    ...latent.controlsByName
  } as Record<string, Control<unknown>>;

  let trainer: Trainer | null = null;
  const busy = () => trainer !== null && (trainer.status === "running" || trainer.status === "paused");

  const cnnButton = button("Train the standard CNN and the control", "train-cnn", () => void trainCnns());
  const vaeButton = button("Train the DB-VAE", "train-dbvae", () => void runDbVae());
  const retrainButton = button("Retrain the DB-VAE with these sampler settings", "retrain-dbvae", () => void runDbVae());
  const stopButton = button("Stop", "stop", () => trainer?.stop());

  function showError(message: string | null) {
    error.hidden = message === null;
    error.textContent = message ?? "";
  }

  function config() {
    return {steps: steps.value, epochs: epochs.value, batchSize: batch.value, learningRate: rate.value, seed: seed.value};
  }

  function setRunning(running: boolean) {
    cnnButton.disabled = vaeButton.disabled = retrainButton.disabled = running;
    share.setDisabled(running);
    stopButton.disabled = !running;
  }

  function follow(run: Trainer, what: string, curve: Curve, extra?: () => void) {
    trainer = run;
    setRunning(true);
    return run.subscribe((t) => {
      const p = t.progress;
      const eta = p.etaMs === null ? "" : `, about ${Math.round(p.etaMs / 1000)} s left`;
      const ms = p.stepsDone ? ` (${(p.elapsedMs / p.stepsDone).toFixed(0)} ms per step)` : "";
      status.textContent = `${t.status === "running" ? "Training" : t.status === "failed" ? "Failed" : "Finished"} ${what}: epoch ${p.epoch}/${p.epochs}, step ${p.stepsDone}/${p.totalSteps}${ms}${eta} on ${tf.getBackend()}.`;
      curve.update(t.history.steps, status.textContent, p.totalSteps);
      extra?.();
    });
  }

  function checkBackend(): boolean {
    const backend = tf.getBackend();
    if (canTrain(backend)) return true;
    showError(`Training needs gradients, which the ${backend} backend lacks for convolutions; switch to WebGPU, WebGL or CPU above.`);
    return false;
  }

  async function measure(kind: RunKind, logits: Promise<Float32Array>, origin = "trained here") {
    accuracies[kind] = groupAccuracy(await logits, testGroups);
    origins[kind] = origin;
    redrawGroups();
  }

  function redrawGroups() {
    const runs: GroupRun[] = RUN_KINDS.filter((k) => accuracies[k]).map((k) => ({label: `${RUN_LABELS[k]}, ${origins[k]}`, accuracy: accuracies[k]!}));
    groups.update(runs, perGroup);
  }

  /** Whether a card's per-group numbers were measured on exactly the test images this page measures on. */
  function sameTestSet(card: TrainingCard): boolean {
    return card.dataset.name === faces.name && card.dataset.sha256 === faces.fingerprint && card.dataset.test === testIdx.length;
  }

  /**
   * The committed runs: their bars from the card when it was measured on this page's test
   * set (no forward pass), else measured here; the DB-VAE also replaces the untrained one
   * in the reconstructions, the sampler and the explorer. A checkpoint made for another
   * input size or latent size is left out, and the page says why.
   */
  async function loadPretrained(): Promise<boolean> {
    const lines: string[] = [];
    let dbvaeLoaded = false;
    for (const kind of RUN_KINDS) {
      const text = pretrained[kind];
      if (!text || text.trim() === "null") continue;
      const file = `data/checkpoints/${SLOT_NAMES[kind]}.json`;
      const {model, card} = await loadCheckpoint(text, {name: file});
      try {
        expectCompatible({card}, {model: SLOT_NAMES[kind]});
        const cardSize = Number(card.config.size);
        if (cardSize !== size) {
          lines.push(`The pretrained ${RUN_LABELS[kind]} takes ${cardSize} × ${cardSize} images and this page is set to ${size} × ${size} (?size=${size}): it is not used.`);
          model.dispose();
          continue;
        }
        const vae = kind === "dbvae" ? unpackDbVae(model) : null;
        if (vae && vae.latentDim !== settings.latentDim) {
          lines.push(`The pretrained DB-VAE has ${vae.latentDim} latent dimensions and this page is set to ${settings.latentDim} (?latent=): it is not used.`);
          disposeDbVae(vae);
          continue;
        }
        const fromCard = sameTestSet(card) ? accuracyFromMetrics(card.metrics) : null;
        if (fromCard) {
          accuracies[kind] = fromCard;
          origins[kind] = "pretrained";
          redrawGroups();
        } else {
          await measure(kind, vae ? dbvaeLogits(vae, ensureTest()) : classifierLogits(model, ensureTest()), "pretrained");
        }
        lines.push(`${RUN_LABELS[kind]}: ${describeCard(card)}${fromCard ? "" : `; measured here on ${testIdx.length} test images`}.`);
        if (vae) {
          disposeDbVae(dbvae);
          dbvae = vae;
          dbvaeOrigin = `pretrained (${SLOT_NAMES.dbvae}, ${cardSteps(card)} steps)`;
          dbvaeLoaded = true;
          keep(kind, card, null);
        } else {
          keep(kind, card, model); // kept for "Download this run"
        }
        // The pretraining run behind the reader's, so that the curves open with a run to compare against.
        if (kind !== "control") {
          (vae ? vaeCurve : cnnCurve).setReference({label: `pretrained ${RUN_LABELS[kind]}, seed ${card.seed}`, points: historyFromJSON(card.history).steps});
        }
      } catch (e) {
        model.dispose();
        throw e;
      }
    }
    pretrainedInfo.textContent = lines.length
      ? `Pretrained runs, loaded with the page: ${lines.join(" ")}`
      : "No pretrained run ships with this build: train the models below to fill the figure.";
    return dbvaeLoaded;
  }

  async function trainCnns() {
    if (busy() || !checkBackend()) return;
    showError(null);
    const c = config();
    const options = {epochs: c.epochs, stepsPerEpoch: c.steps, batchSize: c.batchSize, learningRate: c.learningRate, seed: c.seed};
    try {
      for (const kind of ["cnn", "control"] as const) {
        const model = createClassifier({size, filters: DEFAULT_FILTERS, seed: c.seed});
        const set = kind === "cnn" ? ensureTrain() : ensureControl();
        const run = trainClassifier(model, set, options);
        const unsubscribe = follow(run, `the ${RUN_LABELS[kind]}`, cnnCurve);
        await run.done;
        unsubscribe();
        if (run.status === "failed") throw run.error;
        status.textContent = `Measuring the ${RUN_LABELS[kind]} on ${testIdx.length} test images…`;
        await measure(kind, classifierLogits(model, ensureTest()));
        keep(kind, cardOf(kind, set.labels.length, run.history, c), model);
        if (run.status === "stopped") break;
      }
      status.textContent = `Done: ${summary()}`;
    } catch (e) {
      showError(`Training stopped with an error: ${(e as Error).message}`);
    } finally {
      trainer = null;
      setRunning(false);
    }
  }

  let drawing = false;
  let redraw = false;
  async function refreshPictures() {
    // One drawing at a time; a call during one makes it draw again when done, with the model
    // and its origin as they are then (else the last call, after training, could be lost).
    if (drawing) {
      redraw = true;
      return;
    }
    drawing = true;
    try {
      do {
        redraw = false;
        const xs = shownTensor();
        try {
          await recon.update(dbvae, xs, dbvaeOrigin);
        } finally {
          xs.dispose();
        }
      } while (redraw);
    } finally {
      drawing = false;
    }
  }

  /** Latent means of the first `count` training faces (all by default) into the sampler and the explorer. */
  async function refreshLatents(source: string, count = trainFaces.length) {
    const n = Math.min(count, trainFaces.length);
    const subset = n < trainFaces.length ? toTensor(faces.train, side, trainFaces.slice(0, n), size) : null;
    try {
      lastMu = await latentMeans(dbvae, subset ?? ensureFaces());
    } finally {
      subset?.dispose();
    }
    sampler.setLatents(lastMu, n, dbvae.latentDim, source);
    const xs = shownTensor();
    await latent.setModel(dbvae, xs, lastMu, n);
    xs.dispose();
  }

  async function runDbVae() {
    if (busy() || !checkBackend()) return;
    showError(null);
    // The first look may still be encoding with the model this run replaces.
    setRunning(true);
    await ready;
    const c = config();
    const s = sampler.settings();
    disposeDbVae(dbvae);
    dbvae = createDbVae({size, filters: DEFAULT_FILTERS, seed: c.seed, latentDim: settings.latentDim});
    dbvaeOrigin = "being trained";
    delete kept.dbvae; // its card described the DB-VAE just replaced; the new one's comes when it is measured
    let lastPicture = 0;
    try {
      const run = trainDbVae(dbvae, ensureTrain(), {
        epochs: c.epochs, stepsPerEpoch: c.steps, batchSize: c.batchSize, learningRate: c.learningRate, seed: c.seed,
        klWeight: kl.value,
        sampler: s.debias ? {alpha: s.alpha, bins: s.bins, combine: s.combine} : null
      });
      const unsubscribe = follow(run, `the DB-VAE (debiasing ${s.debias ? `on, α = ${s.alpha.toPrecision(2)}, ${s.bins} bins, ${s.combine}` : "off"})`, vaeCurve, () => {
        // Reconstructions at most once a second: each is a forward pass of 8 images.
        if (performance.now() - lastPicture < 1000) return;
        lastPicture = performance.now();
        void refreshPictures();
      });
      await run.done;
      unsubscribe();
      if (run.status === "failed") throw run.error;
      dbvaeOrigin = `trained in this page for ${run.progress.stepsDone} steps`;
      status.textContent = `Measuring the DB-VAE on ${testIdx.length} test images…`;
      await measure("dbvae", dbvaeLogits(dbvae, ensureTest()));
      keep("dbvae", cardOf("dbvae", ensureTrain().labels.length, run.history, {...c, latentDim: settings.latentDim, klWeight: kl.value, ...s}), null);
      await refreshPictures();
      await refreshLatents(`Latent means of the DB-VAE ${dbvaeOrigin}.`);
      status.textContent = `Done: ${summary()}`;
    } catch (e) {
      showError(`Training stopped with an error: ${(e as Error).message}`);
    } finally {
      trainer = null;
      setRunning(false);
    }
  }

  /** The card of a run trained here, with the per-group accuracy it was just measured at. */
  function cardOf(kind: RunKind, trainImages: number, history: History, config: Record<string, unknown>): CardInput {
    const a = accuracies[kind];
    return {
      model: SLOT_NAMES[kind],
      dataset: {name: faces.name, sha256: faces.fingerprint, train: trainImages, test: testIdx.length},
      seed: Number(config.seed),
      config: {...config, stepsPerEpoch: config.steps, size, filters: DEFAULT_FILTERS},
      metrics: a ? accuracyMetrics(a) : {},
      history: historyToJSON(history)
    } as CardInput;
  }

  // "Download this run" offers the run chosen here; the choice is not a setting of the page, so the address does not keep it.
  const shareMenu = select<RunKind>({label: "Run to share", options: [...RUN_KINDS], labels: RUN_LABELS, value: "cnn", name: "share-kind"});

  /** The shown run as a run file: its model and card, and the page's settings as URL parameters. */
  async function saveShownRun() {
    const kind = shareMenu.value;
    const run = kept[kind];
    if (!run) throw new Error(`the ${RUN_LABELS[kind]} has no model yet: train it or load a run first`);
    const params = {...runParams(controlsByName), size, test: settings.testImages, latent: settings.latentDim};
    // The packed DB-VAE shares the lab's layers: it is not disposed here, which would free them.
    const model = run.model ?? packDbVae(dbvae);
    return {text: await saveRun(model, run.card, {essay: "faces", params}), fileName: runFileName("faces", kind)};
  }

  /** Loads a run file: its settings into the controls (and the address), its model into its run, and the figures follow. */
  async function loadRunFile(file: File) {
    const run = await loadRun(file, {essay: "faces", models: Object.values(SLOT_NAMES), normalize: normalizeFacesParams});
    const kind = RUN_KINDS.find((k) => SLOT_NAMES[k] === run.card.model)!;
    let vae: DbVae | null;
    try {
      const cardSize = Number(run.card.config.size);
      if (cardSize !== size) throw new Error(`its ${RUN_LABELS[kind]} takes ${cardSize} × ${cardSize} images and this page is set to ${size} × ${size}: open the page with ?size=${cardSize}`);
      expectCompatible(run, {model: SLOT_NAMES[kind], inputShape: kind === "dbvae" ? undefined : [size, size, 3]});
      vae = kind === "dbvae" ? unpackDbVae(run.model) : null;
      if (vae && vae.latentDim !== settings.latentDim) throw new Error(`its DB-VAE has ${vae.latentDim} latent dimensions and this page is set to ${settings.latentDim}: open the page with ?latent=${vae.latentDim}`);
    } catch (error) {
      run.model.dispose();
      throw error;
    }
    // The pretrained runs may still be loading (they would replace this one's bars), and the
    // first look may still be encoding with the DB-VAE a loaded one replaces.
    await ready;
    if (run.params) applyRunParams(controlsByName, run.params);
    const origin = `loaded from ${file.name}`;
    const fromCard = sameTestSet(run.card) ? accuracyFromMetrics(run.card.metrics) : null;
    if (fromCard) {
      accuracies[kind] = fromCard;
      origins[kind] = origin;
      redrawGroups();
    } else {
      await measure(kind, vae ? dbvaeLogits(vae, ensureTest()) : classifierLogits(run.model, ensureTest()), origin);
    }
    const history = historyFromJSON(run.card.history);
    (kind === "dbvae" ? vaeCurve : cnnCurve).update(history.steps, `${RUN_LABELS[kind]} ${origin}.`);
    shareMenu.value = kind;
    if (vae) {
      disposeDbVae(dbvae);
      dbvae = vae;
      dbvaeOrigin = origin;
      keep(kind, run.card, null);
      await refreshPictures();
      await refreshLatents(`Latent means of the DB-VAE ${origin}.`);
    } else {
      keep(kind, run.card, run.model);
    }
    showError(run.notes.length ? run.notes.join(" ") : null);
  }

  function exportCsv() {
    const run = kept[shareMenu.value];
    if (!run) return showError(`The ${RUN_LABELS[shareMenu.value]} has no training history yet.`);
    downloadHistoryCsv(historyFromJSON(run.card.history), `${SLOT_NAMES[shareMenu.value]}-history.csv`);
  }

  const share = createRunControls({name: "faces", save: saveShownRun, load: loadRunFile, onError: showError});
  const csvButton = button("History (CSV)", "faces-export-csv", () => exportCsv());

  function summary(): string {
    return (Object.keys(RUN_LABELS) as RunKind[])
      .filter((k) => accuracies[k])
      .map((k) => `${RUN_LABELS[k]} ${percent(accuracies[k]!.overall)} of test faces found, light − dark gap ${(lightDarkGap(accuracies[k]!) * 100).toFixed(1)} points`)
      .join("; ");
  }

  setRunning(false);
  stopButton.disabled = true;
  // The untrained DB-VAE already has an encoder: its latent means fill the sampler and
  // the explorer at once (random features until it is trained, and the page says so).
  // Started after a frame, so the page draws its controls before the first forward pass.
  const firstLook = Math.min(FIRST_LOOK_FACES, trainFaces.length);
  const ready = (async () => {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const pretrainedVae = await loadPretrained().catch((e: Error) => {
      showError(`Could not load a pretrained model: ${e.message}`);
      return false;
    });
    if (pretrainedVae) {
      // A trained encoder: the sampler gets every training face, as it will after training here.
      status.textContent = `Encoding the ${trainFaces.length} training faces with the pretrained DB-VAE for the sampler and the explorer…`;
      await refreshPictures();
      await refreshLatents(`Latent means of the ${dbvaeOrigin} for all ${trainFaces.length} training faces.`);
      if (!busy()) status.textContent = "Ready: the figures show the pretrained runs. Train the models here to replace them.";
      return;
    }
    status.textContent = `Encoding ${firstLook} of the ${trainFaces.length} training faces with the untrained DB-VAE for the sampler and the explorer…`;
    await refreshPictures();
    await refreshLatents(
      `Latent means of the untrained DB-VAE for the first ${firstLook} training faces (random features: train it to see real structure; after training the sampler uses all ${trainFaces.length}).`,
      firstLook
    );
    if (!busy()) status.textContent = "Ready: the sampler and the explorer show the untrained DB-VAE. Train a model to fill the accuracy figure.";
  })().catch((e: Error) => showError(`Could not run the DB-VAE's encoder: ${e.message}`));

  return {
    controls: controlRow(steps, epochs, batch, rate, seed),
    vaeControls: controlRow(kl),
    cnnButtons: controlRow(cnnButton, stopButton),
    vaeButtons: controlRow(vaeButton),
    retrainButtons: controlRow(retrainButton),
    status,
    error,
    cnnCurve: cnnCurve.root,
    vaeCurve: vaeCurve.root,
    groups: groups.root,
    pretrainedInfo,
    controlsByName,
    /** Choose a run, download it or its history, load one. */
    share: controlRow(shareMenu, ...share.elements, csvButton),
    sampler: sampler.root,
    reconstructions: recon.root,
    latent: latent.root,
    ready,
    perGroup,
    testCount: testIdx.length,
    trainFaces: trainFaces.length,
    get trainer() {
      return trainer;
    },
    get latents() {
      return lastMu;
    },
    /** Frees every tensor the lab owns (the page calls it on invalidation). */
    dispose() {
      trainer?.stop();
      disposeDbVae(dbvae);
      for (const run of Object.values(kept)) run.model?.dispose();
      for (const t of [trainSet?.xs, controlSet?.xs, faceXs, testXs]) t?.dispose();
    }
  };
}

function statusLine(name: string): HTMLParagraphElement {
  const element = document.createElement("p");
  element.className = "manus-status";
  element.setAttribute("role", "status");
  element.dataset.status = name;
  return element;
}

/** A card in words: how the run was trained and how long it took. */
function describeCard(card: TrainingCard): string {
  const c = card.config;
  const steps = cardSteps(card);
  const minutes = (card.metrics.train_seconds ?? NaN) / 60;
  return `${steps} steps of ${String(c.batchSize)} images at ${String(c.size)} × ${String(c.size)} px, learning rate ${String(c.learningRate)}, seed ${card.seed}, on ${card.dataset.train} training images, ${minutes.toFixed(0)} min on ${card.backend}`;
}

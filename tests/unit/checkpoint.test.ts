import {afterEach, beforeAll, describe, expect, it, vi} from "vitest";
import {JSDOM} from "jsdom";
import {tf} from "../../components/tf.ts";
import {
  checkpointBlob,
  checkpointFileName,
  downloadCheckpoint,
  expectCompatible,
  loadCheckpoint,
  loadCheckpointUrl,
  saveCheckpoint
} from "../../components/checkpoint.ts";
import type {CardInput, TrainingCard} from "../../components/checkpoint.ts";

const card: CardInput = {
  model: "tiny-mlp",
  dataset: {name: "toy", sha256: "ab12", train: 64, test: 16},
  seed: 7,
  config: {batchSize: 16, learningRate: 0.1},
  metrics: {val_accuracy: 0.93, val_loss: NaN},
  history: {steps: [{epoch: 1, step: 1, loss: 0.7}], epochs: [{epoch: 1, loss: 0.7, val_loss: null}]},
  createdAt: "2025-01-31T12:00:00.000Z"
};

const made: tf.LayersModel[] = [];
afterEach(() => made.splice(0).forEach((model) => model.dispose()));

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const seeded = (seed: number) => tf.initializers.glorotNormal({seed});

/** [b, 3] → [b, 2]: two layers so the checkpoint holds several weights in a row. */
function mlp(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 4, inputShape: [3], activation: "relu", kernelInitializer: seeded(1)}),
      tf.layers.dense({units: 2, activation: "softmax", kernelInitializer: seeded(2)})
    ]
  });
  made.push(model);
  return model;
}

async function saved(): Promise<Record<string, unknown>> {
  return JSON.parse(await saveCheckpoint(mlp(), card));
}

async function loadError(source: Parameters<typeof loadCheckpoint>[0], options?: {name?: string}): Promise<string> {
  try {
    made.push((await loadCheckpoint(source, options)).model);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected loadCheckpoint to throw");
}

describe("saveCheckpoint / loadCheckpoint", () => {
  it("round-trips a model: same predictions (1e-6) and the card intact, NaN metrics included", async () => {
    const model = mlp();
    const text = await saveCheckpoint(model, card);
    const loaded = await loadCheckpoint(text);
    made.push(loaded.model);
    const input = tf.tensor2d([[0.1, -0.2, 0.3], [1, 2, -3]]);
    const [a, b] = [model.predict(input) as tf.Tensor, loaded.model.predict(input) as tf.Tensor];
    const [want, got] = [await a.data(), await b.data()];
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    tf.dispose([input, a, b]);
    const createdAt = card.createdAt as string;
    const expected: TrainingCard = {...card, backend: "cpu", tfjs: tf.version.tfjs, createdAt};
    expect(loaded.card).toEqual(expected);
    expect(JSON.parse(text)).toMatchObject({format: "manus-checkpoint", version: 1});
  });

  it("reads the same file from an ArrayBuffer and a Blob", async () => {
    const text = await saveCheckpoint(mlp(), card);
    const fromBytes = await loadCheckpoint(new TextEncoder().encode(text).buffer as ArrayBuffer);
    const fromBlob = await loadCheckpoint(checkpointBlob(text));
    made.push(fromBytes.model, fromBlob.model);
    expect(fromBytes.card.model).toBe("tiny-mlp");
    expect(fromBlob.card.model).toBe("tiny-mlp");
  });

  it("names a File in its errors", async () => {
    const file = new File(["<html>"], "digits.json");
    expect(await loadError(file)).toMatch(/^digits\.json is not a Manus checkpoint: it is not JSON \(/);
  });

  it("says what is wrong with a file that is not a checkpoint", async () => {
    const file = await saved();
    const variant = (change: Record<string, unknown>) => JSON.stringify({...file, ...change});
    expect(await loadError("[1, 2]")).toBe("this file is not a Manus checkpoint: expected a JSON object, got object");
    expect(await loadError(variant({format: "keras"}))).toBe(
      'this file is not a Manus checkpoint: format is "keras", expected "manus-checkpoint"'
    );
    expect(await loadError(variant({version: 2}))).toBe(
      "this file is not a Manus checkpoint: version 2 is not supported, expected 1"
    );
    const noSpecs = {...file};
    delete noSpecs.weightSpecs;
    expect(await loadError(JSON.stringify(noSpecs), {name: "run.json"})).toBe(
      'run.json is not a Manus checkpoint: missing field "weightSpecs"'
    );
    expect(await loadError(variant({weightData: "not base64!"}))).toContain('"weightData" must be a base64 string');
  });

  it("names a missing or mistyped card field", async () => {
    const file = await saved();
    const cardOf = file.card as Record<string, unknown>;
    const dataset = {...(cardOf.dataset as object), sha256: undefined};
    expect(await loadError(JSON.stringify({...file, card: {...cardOf, dataset}}))).toBe(
      "this file is not a Manus checkpoint: card.dataset.sha256 must be a string, got undefined"
    );
    expect(await loadError(JSON.stringify({...file, card: {...cardOf, seed: "7"}}))).toBe(
      'this file is not a Manus checkpoint: card.seed must be a number, got "7"'
    );
  });

  it("checks the weight bytes against weightSpecs", async () => {
    const file = await saved();
    // 3·4 + 4 + 4·2 + 2 = 26 float32 weights = 104 bytes; its base64 ends in a 2-byte group,
    // so dropping the last 3 groups (12 characters) drops 2 + 3 + 3 = 8 bytes.
    const short = (file.weightData as string).slice(0, -12);
    expect(await loadError(JSON.stringify({...file, weightData: short}))).toBe(
      "this file is not a Manus checkpoint: weightData holds 96 bytes, expected 104 bytes from weightSpecs"
    );
  });

  it("refuses to save a card with a missing field", async () => {
    const bad = {...card, dataset: {name: "toy"}} as unknown as CardInput;
    await expect(saveCheckpoint(mlp(), bad)).rejects.toThrow(
      "saveCheckpoint.dataset.sha256 must be a string, got undefined"
    );
  });
});

describe("loadCheckpointUrl", () => {
  it("loads through the given fetch and names the URL on an HTTP error", async () => {
    const text = await saveCheckpoint(mlp(), card);
    const ok = vi.fn(async () => new Response(text));
    const loaded = await loadCheckpointUrl("/data/mlp.json", ok);
    made.push(loaded.model);
    expect(ok).toHaveBeenCalledWith("/data/mlp.json");
    const missing = async () => new Response("", {status: 404, statusText: "Not Found"});
    await expect(loadCheckpointUrl("/data/gone.json", missing)).rejects.toThrow(
      "could not load checkpoint /data/gone.json: HTTP 404 Not Found"
    );
    await expect(loadCheckpointUrl("/data/page.html", async () => new Response("<html>"))).rejects.toThrow(
      /^\/data\/page\.html is not a Manus checkpoint: it is not JSON/
    );
  });
});

describe("expectCompatible", () => {
  it("passes a matching checkpoint and explains a mismatched slot or input shape", async () => {
    const loaded = await loadCheckpoint(await saveCheckpoint(mlp(), card));
    made.push(loaded.model);
    expect(() => expectCompatible(loaded, {model: "tiny-mlp", inputShape: [3]})).not.toThrow();
    expect(() => expectCompatible(loaded, {model: "mnist-cnn"})).toThrow(
      'this checkpoint is for the model "tiny-mlp", but it was loaded into the "mnist-cnn" slot'
    );
    expect(() => expectCompatible(loaded, {model: "tiny-mlp", inputShape: [28, 28, 1]})).toThrow(
      'this checkpoint\'s model takes inputs [3], expected [28,28,1] for "tiny-mlp"'
    );
  });

  it("offers a download through a temporary <a download> that it removes again", () => {
    const doc = new JSDOM("<body></body>").window.document;
    const clicks: {download: string; href: string}[] = [];
    doc.body.addEventListener("click", (event) => {
      const link = event.target as HTMLAnchorElement;
      clicks.push({download: link.download, href: link.href});
      event.preventDefault(); // jsdom cannot navigate
    });
    downloadCheckpoint("{}", "mlp.manus.json", doc);
    expect(clicks).toEqual([{download: "mlp.manus.json", href: expect.stringMatching(/^blob:/)}]);
    expect(doc.querySelector("a")).toBeNull();
  });

  it("names downloads by model and date", () => {
    const name = checkpointFileName({model: "mnist-cnn", createdAt: "2025-01-31T12:00:00.000Z"});
    expect(name).toBe("mnist-cnn-2025-01-31.manus.json");
  });
});

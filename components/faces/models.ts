// The two models of Lab 2.2 (MIT 6.S191, "Debiasing facial detection systems"): the
// standard CNN face classifier and the debiasing variational autoencoder (DB-VAE) of
// Amini, Soleimany et al., "Uncovering and Mitigating Algorithmic Bias through Learned
// Latent Structure" (AIES 2019). The architecture and the loss follow the course notebook
// (make_standard_classifier, make_face_decoder_network, debiasing_loss_function); the code
// is our own. Inputs: RGB images [batch, size, size, 3] in [0, 1], size a multiple of 16.
import {tf} from "../tf.ts";

export interface FacesModelOptions {
  /** Side of the square input in pixels; a multiple of 16 (four stride-2 convolutions). */
  size: number;
  /** Filters of the first convolution; the course's n_filters = 12 (then 24, 48, 72). */
  filters: number;
  /** Seeds every initialiser, so a run from scratch can be repeated. */
  seed: number;
}

export interface DbVaeOptions extends FacesModelOptions {
  /** Size of the latent space; the course uses 100, the page 32 (faster, and 32 histograms fit on a screen). */
  latentDim: number;
}

export const DEFAULT_FILTERS = 12;
/** Batch-norm momentum: tfjs's default 0.99 needs hundreds of steps before the running
 * statistics used at test time match the data; a short in-page run needs 0.9. */
const BN_MOMENTUM = 0.9;

/** The course's KL weight (vae_loss_function's kl_weight = 0.0005). */
export const DEFAULT_KL_WEIGHT = 0.0005;

function init(seed: number, layer: number) {
  // A distinct seed per layer: the same seed twice would give two layers equal weights.
  return tf.initializers.glorotUniform({seed: seed * 31 + layer});
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 16 || size % 16 !== 0) {
    throw new Error(`faces model: size must be a multiple of 16 (four stride-2 layers), got ${size}`);
  }
}

/**
 * The course's standard classifier with `outputs` outputs: four convolutions (stride 2,
 * same padding, ReLU, each followed by batch-norm) with F, 2F, 4F, 6F filters and kernels
 * 5, 5, 3, 3, then dense 512 and the outputs. The notebook's dense 512 has no activation;
 * here it has a ReLU, since two linear layers in a row are one linear layer.
 * Shapes for size 32, F = 12: [b,32,32,3] → [b,16,16,12] → [b,8,8,24] → [b,4,4,48] → [b,2,2,72] → [b,288] → [b,512] → [b,outputs].
 */
export function createEncoder(outputs: number, {size, filters, seed}: FacesModelOptions, name = "faces-cnn"): tf.Sequential {
  checkSize(size);
  const model = tf.sequential({name});
  const spec = [
    {mult: 1, kernel: 5},
    {mult: 2, kernel: 5},
    {mult: 4, kernel: 3},
    {mult: 6, kernel: 3}
  ];
  spec.forEach(({mult, kernel}, i) => {
    model.add(
      tf.layers.conv2d({
        ...(i === 0 ? {inputShape: [size, size, 3]} : {}),
        filters: mult * filters,
        kernelSize: kernel,
        strides: 2,
        padding: "same",
        activation: "relu",
        kernelInitializer: init(seed, i + 1),
        name: `conv${i + 1}`
      })
    ); // [b, size / 2^(i+1), size / 2^(i+1), mult·F]
    model.add(tf.layers.batchNormalization({momentum: BN_MOMENTUM, name: `bn${i + 1}`}));
  });
  model.add(tf.layers.flatten({name: "flatten"})); // [b, (size/16)² · 6F]
  model.add(tf.layers.dense({units: 512, activation: "relu", kernelInitializer: init(seed, 5), name: "dense"})); // [b, 512]
  model.add(tf.layers.dense({units: outputs, kernelInitializer: init(seed, 6), name: "out"})); // [b, outputs]
  return model;
}

/** The standard face detector: one logit, > 0 meaning "face". */
export function createClassifier(options: FacesModelOptions): tf.Sequential {
  return createEncoder(1, options, "faces-cnn");
}

/**
 * The course's face decoder, mirrored from the encoder: dense to a (size/16)² × 6F map,
 * then four stride-2 transposed convolutions (4F, 2F, F, 3 filters; kernels 3, 3, 5, 5).
 * The notebook ends with a ReLU; here the last layer is a sigmoid so that the image stays
 * in [0, 1] like the input. Shapes for size 32: [b,L] → [b,2,2,72] → [b,4,4,48] → … → [b,32,32,3].
 */
export function createDecoder({size, filters, seed, latentDim}: DbVaeOptions): tf.Sequential {
  checkSize(size);
  const start = size / 16;
  const model = tf.sequential({name: "faces-decoder"});
  model.add(tf.layers.dense({inputShape: [latentDim], units: start * start * 6 * filters, activation: "relu", kernelInitializer: init(seed, 101), name: "from_latent"})); // not "dense": the encoder has one, and a DB-VAE checkpoint holds both
  model.add(tf.layers.reshape({targetShape: [start, start, 6 * filters], name: "reshape"})); // [b, size/16, size/16, 6F]
  const spec = [
    {out: 4 * filters, kernel: 3},
    {out: 2 * filters, kernel: 3},
    {out: filters, kernel: 5},
    {out: 3, kernel: 5}
  ];
  spec.forEach(({out, kernel}, i) => {
    model.add(
      tf.layers.conv2dTranspose({
        filters: out,
        kernelSize: kernel,
        strides: 2,
        padding: "same",
        activation: i === spec.length - 1 ? "sigmoid" : "relu",
        kernelInitializer: init(seed, 102 + i),
        name: `deconv${i + 1}`
      })
    ); // doubles the side: [b, start·2^(i+1), start·2^(i+1), out]
  });
  return model;
}

export interface DbVae {
  /** Outputs [b, 1 + 2L]: the class logit, then μ [L], then log σ² [L]. */
  encoder: tf.Sequential;
  /** [b, L] → [b, size, size, 3]. */
  decoder: tf.Sequential;
  latentDim: number;
  size: number;
  /** The packed model holding both parts (packDbVae, a loaded checkpoint): it owns them, and disposing it disposes them. */
  owner?: tf.LayersModel;
}

export function createDbVae(options: DbVaeOptions): DbVae {
  const {latentDim} = options;
  if (!Number.isInteger(latentDim) || latentDim < 1) throw new Error(`createDbVae: latentDim must be an integer ≥ 1, got ${latentDim}`);
  return {
    encoder: createEncoder(1 + 2 * latentDim, options, "faces-dbvae-encoder"),
    decoder: createDecoder(options),
    latentDim,
    size: options.size
  };
}

/**
 * The DB-VAE as one LayersModel, so that it fits one checkpoint file: inputs [image [b,
 * size, size, 3], z [b, L]], outputs [encoder(image), decoder(z)]. The two Sequentials
 * are its layers (shared, not copied); unpackDbVae takes them out again. The packed model
 * then owns them: dispose it (not the parts) when done.
 */
export function packDbVae(model: DbVae): tf.LayersModel {
  const image = tf.input({shape: [model.size, model.size, 3], name: "image"});
  const z = tf.input({shape: [model.latentDim], name: "z"});
  const outputs = [model.encoder.apply(image), model.decoder.apply(z)] as tf.SymbolicTensor[];
  return tf.model({inputs: [image, z], outputs, name: "faces-dbvae"});
}

/** The encoder and decoder of a packed DB-VAE (a loaded checkpoint); names what is missing. */
export function unpackDbVae(packed: tf.LayersModel): DbVae {
  const part = (name: string) => {
    const layer = packed.layers.find((l) => l.name === name);
    if (!(layer instanceof tf.Sequential)) throw new Error(`a DB-VAE checkpoint must hold a Sequential "${name}", got ${layer ? layer.getClassName() : "none"} (layers: ${packed.layers.map((l) => l.name).join(", ")})`);
    return layer;
  };
  const encoder = part("faces-dbvae-encoder");
  const decoder = part("faces-decoder");
  const size = encoder.inputs[0].shape[1];
  const latentDim = decoder.inputs[0].shape[1];
  const outputs = encoder.outputs[0].shape[1];
  if (typeof size !== "number" || typeof latentDim !== "number" || outputs !== 1 + 2 * latentDim) {
    throw new Error(`a DB-VAE checkpoint's encoder must output 1 + 2L values for a decoder of L latents, got ${outputs} for L = ${latentDim}`);
  }
  return {encoder, decoder, latentDim, size, owner: packed};
}

export function disposeDbVae(model: DbVae): void {
  if (model.owner) return void model.owner.dispose();
  model.encoder.dispose();
  model.decoder.dispose();
}

export interface Encoded {
  logit: tf.Tensor1D; // [b]
  mu: tf.Tensor2D; // [b, L]
  logVar: tf.Tensor2D; // [b, L]
}

/** Splits the encoder's output [b, 1 + 2L] into the logit, μ and log σ². */
export function encode(model: DbVae, xs: tf.Tensor4D, training = false): Encoded {
  return tf.tidy(() => {
    const out = model.encoder.apply(xs, {training}) as tf.Tensor2D; // [b, 1 + 2L]
    const L = model.latentDim;
    const [logit, mu, logVar] = tf.split(out, [1, L, L], 1);
    return {logit: logit.reshape([-1]) as tf.Tensor1D, mu: mu as tf.Tensor2D, logVar: logVar as tf.Tensor2D};
  });
}

/** The reparameterisation trick: z = μ + exp(½ log σ²) · ε, with ε ~ N(0, I) given
 * (seeded by the caller), so that z is a differentiable function of μ and σ. */
export function reparameterize(mu: tf.Tensor2D, logVar: tf.Tensor2D, epsilon: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => mu.add(logVar.mul(0.5).exp().mul(epsilon)));
}

/** KL(N(μ, σ²) ‖ N(0, 1)) summed over the latent dimensions: ½ Σ (σ² + μ² − 1 − log σ²). [b, L] → [b]. */
export function klDivergence(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => logVar.exp().add(mu.square()).sub(1).sub(logVar).sum(1).mul(0.5) as tf.Tensor1D);
}

/** Mean absolute error per image, [b, h, w, c] → [b] (the notebook's reconstruction loss). */
export function reconstructionL1(xs: tf.Tensor4D, recon: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => xs.sub(recon).abs().mean([1, 2, 3]) as tf.Tensor1D);
}

/** Per-example sigmoid cross-entropy of logits [b] against labels [b] in {0, 1}, stable form. */
export function sigmoidCrossEntropy(labels: tf.Tensor1D, logits: tf.Tensor1D): tf.Tensor1D {
  // max(x, 0) − x·y + log(1 + e^−|x|)
  return tf.tidy(() => logits.relu().sub(logits.mul(labels)).add(logits.abs().neg().exp().log1p()) as tf.Tensor1D);
}

export interface LossParts<T> {
  /** The value minimised: mean over the batch of CE + face · (L1 + w · KL). */
  total: T;
  /** Mean classification cross-entropy over the whole batch. */
  classification: T;
  /** Mean reconstruction L1 over the faces of the batch (0 when it holds none). */
  reconstruction: T;
  /** Mean KL over the faces of the batch (0 when it holds none), before the weight. */
  kl: T;
}

export interface DbVaeForward extends LossParts<tf.Scalar> {
  /** Per example, [b]: the part of the loss each example adds (the VAE part is 0 for non-faces). */
  vaePerExample: tf.Tensor1D;
}

/**
 * The DB-VAE loss (the notebook's debiasing_loss_function): classification cross-entropy
 * for every image, and the VAE loss (reconstruction L1 + klWeight · KL) for faces only,
 * since the decoder only learns to draw faces. ε [b, L] comes from the caller (seeded).
 */
export function dbvaeLoss(model: DbVae, xs: tf.Tensor4D, ys: tf.Tensor1D, epsilon: tf.Tensor2D, klWeight: number, training = true): DbVaeForward {
  return tf.tidy(() => {
    const {logit, mu, logVar} = encode(model, xs, training);
    const z = reparameterize(mu, logVar, epsilon); // [b, L]
    const recon = model.decoder.apply(z, {training}) as tf.Tensor4D; // [b, size, size, 3]
    const ce = sigmoidCrossEntropy(ys, logit); // [b]
    const l1 = reconstructionL1(xs, recon); // [b]
    const kl = klDivergence(mu, logVar); // [b]
    const faces = ys.equal(1).toFloat(); // [b], 1 for a face
    const vae = l1.add(kl.mul(klWeight)).mul(faces); // [b]
    const nFaces = faces.sum().maximum(1);
    return {
      total: ce.add(vae).mean() as tf.Scalar,
      classification: ce.mean() as tf.Scalar,
      reconstruction: l1.mul(faces).sum().div(nFaces) as tf.Scalar,
      kl: kl.mul(faces).sum().div(nFaces) as tf.Scalar,
      vaePerExample: vae as tf.Tensor1D
    };
  });
}

/** The trainable variables of a model (what the optimiser changes; batch-norm statistics are not among them). */
export function trainableVariables(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((model) => model.trainableWeights.map((w) => w.read() as tf.Variable));
}

/** One optimiser step of the DB-VAE on a batch; resolves with the loss parts as numbers.
 * Reads back asynchronously: a synchronous read stalls the WebGPU backend. */
export async function dbvaeStep(model: DbVae, optimizer: tf.Optimizer, xs: tf.Tensor4D, ys: tf.Tensor1D, epsilon: tf.Tensor2D, klWeight: number): Promise<LossParts<number>> {
  let parts: tf.Scalar[] = [];
  const {value, grads} = tf.variableGrads(() => {
    const forward = dbvaeLoss(model, xs, ys, epsilon, klWeight, true);
    // Kept past variableGrads' own tidy, so the parts can be read after the step.
    parts = [forward.classification, forward.reconstruction, forward.kl].map((t) => tf.keep(t));
    return forward.total;
  }, trainableVariables(model.encoder, model.decoder));
  optimizer.applyGradients(grads);
  tf.dispose(Object.values(grads));
  const packed = tf.tidy(() => tf.stack([value, ...parts])); // [4]
  tf.dispose([value, ...parts]);
  const [total, classification, reconstruction, kl] = await packed.data();
  packed.dispose();
  return {total, classification, reconstruction, kl};
}

/** One optimiser step of the standard classifier; returns the mean cross-entropy and batch accuracy. */
export async function classifierStep(model: tf.LayersModel, optimizer: tf.Optimizer, xs: tf.Tensor4D, ys: tf.Tensor1D): Promise<{loss: number; accuracy: number}> {
  let correct: tf.Scalar | null = null;
  const {value, grads} = tf.variableGrads(() => {
    const logits = (model.apply(xs, {training: true}) as tf.Tensor2D).reshape([-1]) as tf.Tensor1D; // [b]
    correct = tf.keep(logits.greater(0).toFloat().equal(ys).toFloat().mean() as tf.Scalar);
    return sigmoidCrossEntropy(ys, logits).mean() as tf.Scalar;
  }, trainableVariables(model));
  optimizer.applyGradients(grads);
  tf.dispose(Object.values(grads));
  const kept = correct as tf.Scalar | null;
  const packed = tf.tidy(() => tf.stack([value, kept ?? tf.scalar(NaN)])); // [2]
  tf.dispose([value, ...(kept ? [kept] : [])]);
  const [loss, accuracy] = await packed.data();
  packed.dispose();
  return {loss, accuracy};
}

/** Face logits [n] for images [n, size, size, 3], in batches, with batch-norm in inference mode. */
export function classifierLogits(model: tf.LayersModel, xs: tf.Tensor4D, batchSize = 128): Promise<Float32Array> {
  return logitsInBatches(xs, batchSize, (batch) => (model.apply(batch, {training: false}) as tf.Tensor2D).reshape([-1]));
}

/** The DB-VAE's face logits [n]. */
export function dbvaeLogits(model: DbVae, xs: tf.Tensor4D, batchSize = 128): Promise<Float32Array> {
  return logitsInBatches(xs, batchSize, (batch) => encode(model, batch as tf.Tensor4D).logit);
}

/** The latent means μ of images [n, size, size, 3], as a row-major Float32Array [n · L]. */
export async function latentMeans(model: DbVae, xs: tf.Tensor4D, batchSize = 128): Promise<Float32Array> {
  const n = xs.shape[0];
  const out = new Float32Array(n * model.latentDim);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const mu = tf.tidy(() => encode(model, xs.slice([start, 0, 0, 0], [size, -1, -1, -1])).mu);
    out.set((await mu.data()) as Float32Array, start * model.latentDim);
    mu.dispose();
  }
  return out;
}

async function logitsInBatches(xs: tf.Tensor4D, batchSize: number, f: (batch: tf.Tensor4D) => tf.Tensor): Promise<Float32Array> {
  const n = xs.shape[0];
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const logits = tf.tidy(() => f(xs.slice([start, 0, 0, 0], [size, -1, -1, -1])));
    out.set((await logits.data()) as Float32Array, start);
    logits.dispose();
  }
  return out;
}

/** Decodes latent vectors [k, L] to images [k, size, size, 3]. */
export function decode(model: DbVae, z: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => model.decoder.apply(z, {training: false}) as tf.Tensor4D);
}

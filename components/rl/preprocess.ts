// What the Pong policy sees. The course crops Atari's 210×160 frames to the playing field,
// downsamples them to 40×40 and feeds the network the difference of consecutive frames, so
// that a single input shows where the ball is going (Karpathy, "Deep Reinforcement Learning:
// Pong from Pixels", 2016). Here the same steps run on the grey frames of pong.ts.
import {PONG_CROP, PONG_FRAME_WIDTH} from "./pong.ts";

/** Side of the policy's input image [px]: 40 × 40 = 1600 floats. */
export const PREPROCESSED_SIZE = 40;

/** A square region of a frame: its top-left pixel and side [px]. */
export interface SquareCrop {
  top: number;
  left: number;
  size: number;
}

/**
 * Crops the square `crop` out of a row-major grey frame (bytes 0–255) that is `frameWidth`
 * pixels wide and averages each k × k block of it (k = crop.size / 40) into one float in
 * [0, 1]. Averaging rather than keeping every k-th pixel, as the course does, means that
 * a 2-pixel ball never falls between the kept pixels. Returns `out`, 40 × 40, row-major.
 */
export function downsampleFrame(
  frame: Uint8Array,
  frameWidth: number,
  crop: SquareCrop,
  out: Float32Array = new Float32Array(PREPROCESSED_SIZE * PREPROCESSED_SIZE)
): Float32Array {
  const {top, left, size} = crop;
  const k = size / PREPROCESSED_SIZE;
  const frameHeight = frame.length / frameWidth;
  if (!Number.isInteger(k) || k < 1) {
    throw new Error(`invalid crop size: ${size} (expected a multiple of ${PREPROCESSED_SIZE})`);
  }
  if (!Number.isInteger(frameHeight)) {
    throw new Error(`invalid frame: ${frame.length} bytes is not a whole number of rows of ${frameWidth}`);
  }
  if (top < 0 || left < 0 || top + size > frameHeight || left + size > frameWidth) {
    const frameSize = `${frameHeight}×${frameWidth}`;
    throw new Error(`invalid crop: ${size}×${size} at (${top}, ${left}) does not fit a ${frameSize} frame`);
  }
  if (out.length !== PREPROCESSED_SIZE * PREPROCESSED_SIZE) {
    throw new Error(`invalid output: expected ${PREPROCESSED_SIZE * PREPROCESSED_SIZE} floats, got ${out.length}`);
  }
  const scale = 1 / (255 * k * k); // bytes summed over a block → mean in [0, 1]
  for (let i = 0; i < PREPROCESSED_SIZE; ++i) {
    for (let j = 0; j < PREPROCESSED_SIZE; ++j) {
      let sum = 0;
      for (let r = top + i * k; r < top + (i + 1) * k; ++r) {
        const row = r * frameWidth + left + j * k;
        for (let c = 0; c < k; ++c) sum += frame[row + c];
      }
      out[i * PREPROCESSED_SIZE + j] = sum * scale;
    }
  }
  return out;
}

/** A Pong grey frame (96 × 80) → its 80 × 80 field → 40 × 40 floats in [0, 1]. */
export function preprocessPongFrame(frame: Uint8Array, out?: Float32Array): Float32Array {
  return downsampleFrame(frame, PONG_FRAME_WIDTH, PONG_CROP, out);
}

/**
 * current − previous, element by element: values in [−1, 1], still 40 × 40. Without a
 * previous frame (the first step of an episode) nothing has moved yet, so the difference
 * is all zeros.
 */
export function frameDifference(
  current: Float32Array,
  previous: Float32Array | null,
  out: Float32Array = new Float32Array(current.length)
): Float32Array {
  if (out.length !== current.length) {
    throw new Error(`invalid output: expected ${current.length} floats, got ${out.length}`);
  }
  if (previous === null) return out.fill(0);
  if (previous.length !== current.length) {
    throw new Error(`frame difference: expected frames of equal length, got ${current.length} and ${previous.length}`);
  }
  for (let i = 0; i < current.length; ++i) out[i] = current[i] - previous[i];
  return out;
}

import {describe, expect, it} from "vitest";
import {PONG_FIELD_TOP, PONG_FRAME_HEIGHT, PONG_FRAME_WIDTH, Pong} from "../../components/rl/pong.ts";
import {
  PREPROCESSED_SIZE,
  downsampleFrame,
  frameDifference,
  preprocessPongFrame
} from "../../components/rl/preprocess.ts";

/** A blank 96 × 80 Pong-sized frame with a white block at field rows/columns [row, row + h) × [col, col + w). */
function frameWithBlock(row: number, col: number, h: number, w: number): Uint8Array {
  const frame = new Uint8Array(PONG_FRAME_HEIGHT * PONG_FRAME_WIDTH);
  for (let r = row; r < row + h; ++r) {
    const start = (PONG_FIELD_TOP + r) * PONG_FRAME_WIDTH + col;
    frame.fill(255, start, start + w);
  }
  return frame;
}

/** The nonzero entries of a 40 × 40 image as "row,col": value. */
function nonzero(image: Float32Array): Record<string, number> {
  const found: Record<string, number> = {};
  image.forEach((v, i) => {
    if (v !== 0) found[`${Math.floor(i / PREPROCESSED_SIZE)},${i % PREPROCESSED_SIZE}`] = v;
  });
  return found;
}

describe("preprocessPongFrame", () => {
  it("turns a 2 × 2 white block aligned on the 2 × 2 grid into one pixel of 1", () => {
    // Field rows 10–11, columns 20–21 → output row 10 / 2 = 5, column 20 / 2 = 10.
    const out = preprocessPongFrame(frameWithBlock(10, 20, 2, 2));
    expect(out.length).toBe(40 * 40);
    expect(nonzero(out)).toEqual({"5,10": 1});
  });

  it("averages: one white pixel gives 1/4, a block off the grid spreads over four pixels", () => {
    expect(nonzero(preprocessPongFrame(frameWithBlock(0, 79, 1, 1)))).toEqual({"0,39": 0.25});
    // Rows 11–12, columns 21–22 straddle output rows 5–6 and columns 10–11, one input pixel in each.
    const spread = nonzero(preprocessPongFrame(frameWithBlock(11, 21, 2, 2)));
    expect(spread).toEqual({"5,10": 0.25, "5,11": 0.25, "6,10": 0.25, "6,11": 0.25});
  });

  it("crops the score and walls away: a fresh game shows only paddles and ball", () => {
    const env = new Pong({paddleHeight: 10});
    const out = preprocessPongFrame(env.reset(1));
    let sum = 0;
    for (const v of out) sum += v;
    // Lit field pixels: two paddles 10 × 2 and a 2 × 2 ball = 44, each worth 1/4 of an output pixel.
    expect(sum).toBeCloseTo(44 / 4, 5);
  });
});

describe("downsampleFrame", () => {
  it("keeps a 40 × 40 crop as is, scaled to [0, 1]", () => {
    const frame = new Uint8Array(42 * 41); // 42 rows × 41 columns
    frame[1 * 41 + 1] = 51; // crop pixel (0, 0)
    frame[40 * 41 + 40] = 255; // crop pixel (39, 39)
    const out = downsampleFrame(frame, 41, {top: 1, left: 1, size: 40});
    expect(nonzero(out)).toEqual({"0,0": Math.fround(0.2), "39,39": 1});
  });

  it("averages 4 × 4 blocks of a 160 × 160 crop (the course's Atari field size)", () => {
    const frame = new Uint8Array(160 * 160);
    for (let r = 0; r < 4; ++r) for (let c = 0; c < 2; ++c) frame[(8 + r) * 160 + 12 + c] = 255;
    expect(nonzero(downsampleFrame(frame, 160, {top: 0, left: 0, size: 160}))).toEqual({"2,3": 0.5});
  });

  it("rejects crops that do not fit or do not divide into 40 × 40", () => {
    const frame = new Uint8Array(80 * 80);
    expect(() => downsampleFrame(frame, 80, {top: 1, left: 0, size: 80})).toThrow(/does not fit a 80×80 frame/);
    expect(() => downsampleFrame(frame, 80, {top: 0, left: 0, size: 60})).toThrow(/invalid crop size: 60/);
    const whole = {top: 0, left: 0, size: 80};
    expect(() => downsampleFrame(frame, 80, whole, new Float32Array(10))).toThrow(/expected 1600 floats, got 10/);
  });
});

describe("frameDifference", () => {
  it("is +1 where the ball arrived and −1 where it left", () => {
    const previous = preprocessPongFrame(frameWithBlock(10, 20, 2, 2)); // output (5, 10)
    const current = preprocessPongFrame(frameWithBlock(10, 22, 2, 2)); // output (5, 11)
    expect(nonzero(frameDifference(current, previous))).toEqual({"5,10": -1, "5,11": 1});
  });

  it("is the element-wise difference of small frames, and zeros without a previous frame", () => {
    const current = Float32Array.of(0.5, 1, 0, 0.25);
    const previous = Float32Array.of(0.25, 1, 0.5, 0);
    expect(Array.from(frameDifference(current, previous))).toEqual([0.25, 0, -0.5, 0.25]);
    expect(Array.from(frameDifference(current, null))).toEqual([0, 0, 0, 0]);
    expect(() => frameDifference(current, Float32Array.of(1))).toThrow(/equal length, got 4 and 1/);
  });
});

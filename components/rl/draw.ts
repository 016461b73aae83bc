// Canvas drawings of the two environments for the RL essay's pages. Each function draws a
// state (not an environment), so that a page can replay a recorded episode; the 2D context
// comes in as a parameter and the drawing fills its canvas.
import {HALF_POLE_LENGTH, X_THRESHOLD} from "./cartpole.ts";
import type {CartPoleState} from "./cartpole.ts";
import {AGENT_X, BALL_SIZE, OPPONENT_X, PADDLE_WIDTH, PONG_FIELD_SIZE} from "./pong.ts";
import type {PongConfig, PongState} from "./pong.ts";

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface CartPoleColors {
  background: string;
  track: string;
  cart: string;
  pole: string;
}

const CART_POLE_COLORS: CartPoleColors = {background: "#ffffff", track: "#888888", cart: "#333333", pole: "#c8783c"};

/** The world shown across the canvas [m]: the track (±X_THRESHOLD) plus a margin each side. */
const WORLD_WIDTH = 2 * X_THRESHOLD + 0.6;
const CART_WIDTH = 0.5; // [m], drawing only: the dynamics treat the cart as a point mass
const CART_HEIGHT = 0.3; // [m]

/** Draws the track with its ±2.4 m failure marks, the cart and the 1 m pole at angle θ. */
export function drawCartPole(context: Context, state: CartPoleState, colors: Partial<CartPoleColors> = {}): void {
  const {background, track, cart, pole} = {...CART_POLE_COLORS, ...colors};
  const {width, height} = context.canvas;
  const scale = width / WORLD_WIDTH; // [px/m]
  const trackY = height * 0.75; // [px]
  const toX = (x: number) => width / 2 + x * scale;
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  context.strokeStyle = track;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(toX(-X_THRESHOLD), trackY);
  context.lineTo(toX(X_THRESHOLD), trackY);
  for (const edge of [-X_THRESHOLD, X_THRESHOLD]) {
    context.moveTo(toX(edge), trackY - 0.1 * scale);
    context.lineTo(toX(edge), trackY + 0.1 * scale);
  }
  context.stroke();
  const cartX = toX(state.x);
  const pivotY = trackY - CART_HEIGHT * scale;
  context.fillStyle = cart;
  context.fillRect(cartX - (CART_WIDTH / 2) * scale, pivotY, CART_WIDTH * scale, CART_HEIGHT * scale);
  // θ > 0 leans the pole right; canvas y grows downwards.
  const poleLength = 2 * HALF_POLE_LENGTH * scale; // [px]
  context.strokeStyle = pole;
  context.lineWidth = Math.max(2, 0.06 * scale);
  context.lineCap = "round";
  context.beginPath();
  context.moveTo(cartX, pivotY);
  context.lineTo(cartX + poleLength * Math.sin(state.theta), pivotY - poleLength * Math.cos(state.theta));
  context.stroke();
}

export interface PongColors {
  background: string;
  agent: string;
  opponent: string;
  ball: string;
  score: string;
}

// Close to Atari 2600 Pong: brown field, orange opponent (left), green agent (right).
const PONG_COLORS: PongColors = {
  background: "#904811",
  agent: "#5cba5c",
  opponent: "#d5824a",
  ball: "#ececec",
  score: "#ececec"
};

/** Draws the field, both paddles, the ball and the score, scaled to fill the canvas;
 * `config` is the game's (pong.config), for the paddle length. */
export function drawPong(
  context: Context,
  state: PongState,
  config: Pick<PongConfig, "paddleHeight">,
  colors: Partial<PongColors> = {}
): void {
  const {background, agent, opponent, ball, score} = {...PONG_COLORS, ...colors};
  const {paddleHeight} = config;
  const {width, height} = context.canvas;
  const sx = width / PONG_FIELD_SIZE; // [canvas px per field px]
  const sy = height / PONG_FIELD_SIZE;
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  context.fillStyle = opponent;
  context.fillRect(OPPONENT_X * sx, state.opponentY * sy, PADDLE_WIDTH * sx, paddleHeight * sy);
  context.fillStyle = agent;
  context.fillRect(AGENT_X * sx, state.agentY * sy, PADDLE_WIDTH * sx, paddleHeight * sy);
  context.fillStyle = ball;
  context.fillRect(state.ballX * sx, state.ballY * sy, BALL_SIZE * sx, BALL_SIZE * sy);
  context.fillStyle = score;
  context.font = `${Math.round(8 * sy)}px sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "top";
  context.fillText(String(state.opponentScore), width / 4, 2 * sy);
  context.fillText(String(state.agentScore), (3 * width) / 4, 2 * sy);
}

/**
 * Draws a row-major grey image (e.g. the 40 × 40 preprocessed frame) scaled to the canvas,
 * one rectangle per pixel. `signed` images (frame differences, in [−1, 1]) show negative
 * values in blue and positive ones in red on white; others map [0, 1] to black … white.
 */
export function drawGreyImage(
  context: Context,
  pixels: ArrayLike<number>,
  columns: number,
  {signed = false}: {signed?: boolean} = {}
): void {
  const rows = pixels.length / columns;
  if (!Number.isInteger(rows)) {
    throw new Error(`invalid image: ${pixels.length} values is not a whole number of rows of ${columns}`);
  }
  const {width, height} = context.canvas;
  const w = width / columns;
  const h = height / rows;
  for (let r = 0; r < rows; ++r) {
    for (let c = 0; c < columns; ++c) {
      const v = Math.max(signed ? -1 : 0, Math.min(1, pixels[r * columns + c]));
      context.fillStyle = signed ? signedColor(v) : greyColor(v);
      // Slight overlap hides hairline seams between scaled rectangles.
      context.fillRect(c * w, r * h, w + 0.5, h + 0.5);
    }
  }
}

function greyColor(v: number): string {
  const g = Math.round(255 * v);
  return `rgb(${g},${g},${g})`;
}

function signedColor(v: number): string {
  const fade = Math.round(255 * (1 - Math.abs(v)));
  return v >= 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},${fade},255)`;
}

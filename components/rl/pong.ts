// A small deterministic Pong in pixels, standing in for Atari Pong (the course's Lab 3
// plays Gym's Pong, whose 210×160 frames it crops and downsamples). The agent holds the
// right paddle, a scripted opponent the left one; a game goes to 21 points.
//
// Units: lengths in pixels of the 80×80 playing field (x to the right, y down, origin at
// the field's top-left), times in steps, speeds in px/step, angles in radians.
//
// The grey frame `render` writes is PONG_FRAME_HEIGHT × PONG_FRAME_WIDTH = 96 × 80 bytes,
// row-major, laid out like an Atari frame so that preprocessing has something to crop:
//   rows  0–11  the score (opponent on the left, agent on the right), grey WALL_GREY
//   rows 12–13  the top wall, grey WALL_GREY
//   rows 14–93  the field (PONG_CROP), background 0, paddles and ball OBJECT_GREY
//   rows 94–95  the bottom wall, grey WALL_GREY
import {mulberry32} from "../random.ts";
import {checkAction, episodeOverError} from "./env.ts";
import type {Environment, EpisodeInfo, StepResult} from "./env.ts";

/** Side of the square playing field [px]. */
export const PONG_FIELD_SIZE = 80;
/** Rows of the score strip above the top wall [px]. */
const SCORE_ROWS = 12;
/** Thickness of the top and bottom walls [px]. */
const WALL_ROWS = 2;
/** First frame row of the field. */
export const PONG_FIELD_TOP = SCORE_ROWS + WALL_ROWS;
/** Grey frame width [px]. */
export const PONG_FRAME_WIDTH = PONG_FIELD_SIZE;
/** Grey frame height [px]: score, wall, field, wall. */
export const PONG_FRAME_HEIGHT = PONG_FIELD_TOP + PONG_FIELD_SIZE + WALL_ROWS;
/** The square of the frame that holds the field: what preprocessing keeps. */
export const PONG_CROP = {top: PONG_FIELD_TOP, left: 0, size: PONG_FIELD_SIZE} as const;

/** Grey level of walls and score digits. */
export const WALL_GREY = 128;
/** Grey level of paddles and ball. */
export const OBJECT_GREY = 255;

/** Paddle thickness [px]. */
export const PADDLE_WIDTH = 2;
/** Side of the square ball [px]. */
export const BALL_SIZE = 2;
/** Left edge of the opponent's paddle [px]; its face is at x = 6. */
export const OPPONENT_X = 4;
/** Left edge (the face) of the agent's paddle [px]. */
export const AGENT_X = PONG_FIELD_SIZE - OPPONENT_X - PADDLE_WIDTH;

export interface PongOptions {
  /** Seed of the generator that draws serves; 0 by default. */
  seed?: number;
  /** Points that win a game, 1 … 99; 21 by default. */
  pointsToWin?: number;
  /** Paddle length [px]; 10 by default. */
  paddleHeight?: number;
  /** How far "up" or "down" moves the agent's paddle [px/step]; 2 by default. */
  agentSpeed?: number;
  /** The scripted opponent's top speed [px/step]; 1.25 by default, so steep balls beat it. */
  opponentMaxSpeed?: number;
  /** Ball speed at each serve [px/step]; 1.5 by default. */
  serveSpeed?: number;
  /** Ball speed gained at each paddle hit [px/step]; 0.1 by default. */
  speedUpPerHit?: number;
  /** Ball speed cap [px/step]; 3 by default (under PADDLE_WIDTH + BALL_SIZE, though hits are swept anyway). */
  maxBallSpeed?: number;
  /** Angle from the horizontal of a ball leaving a paddle's very end [rad]; π/3 by default. */
  maxBounceAngle?: number;
  /** Largest angle from the horizontal of a serve [rad]; π/6 by default. */
  maxServeAngle?: number;
  /** Step cap: reaching it truncates the game; none by default. */
  maxSteps?: number;
}

export type PongConfig = Required<PongOptions>;

/** Everything that moves, in field pixels and px/step. */
export interface PongState {
  /** Ball's top-left corner [px]. */
  ballX: number;
  ballY: number;
  /** Ball velocity [px/step]. */
  ballVX: number;
  ballVY: number;
  /** Top edges of the paddles [px]. */
  agentY: number;
  opponentY: number;
  agentScore: number;
  opponentScore: number;
}

export interface PongInfo extends EpisodeInfo {
  agentScore: number;
  opponentScore: number;
}

export const PONG_ACTIONS = {up: 0, down: 1, stay: 2} as const;

const NAME = "Pong";
const DEFAULTS: PongConfig = {
  seed: 0,
  pointsToWin: 21,
  paddleHeight: 10,
  agentSpeed: 2,
  opponentMaxSpeed: 1.25,
  serveSpeed: 1.5,
  speedUpPerHit: 0.1,
  maxBallSpeed: 3,
  maxBounceAngle: Math.PI / 3,
  maxServeAngle: Math.PI / 6,
  maxSteps: Infinity
};

/** Fills in defaults and checks each option's range: "invalid Pong option name: value (expected …)". */
export function normalizePongOptions(options: PongOptions = {}): PongConfig {
  const config = {...DEFAULTS, ...options};
  const check = (name: keyof PongOptions, ok: boolean, expected: string) => {
    if (!ok) throw new Error(`invalid ${NAME} option ${name}: ${config[name]} (expected ${expected})`);
  };
  const inRange = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;
  check("seed", Number.isFinite(config.seed), "a finite number");
  // Two digits at most, so that the score fits its half of the strip.
  const {pointsToWin, serveSpeed, maxBallSpeed} = config;
  check("pointsToWin", Number.isInteger(pointsToWin) && inRange(pointsToWin, 1, 99), "an integer 1 … 99");
  check("paddleHeight", inRange(config.paddleHeight, 1, PONG_FIELD_SIZE), `1 … ${PONG_FIELD_SIZE}`);
  check("agentSpeed", inRange(config.agentSpeed, 0, PONG_FIELD_SIZE), `0 … ${PONG_FIELD_SIZE}`);
  check("opponentMaxSpeed", inRange(config.opponentMaxSpeed, 0, PONG_FIELD_SIZE), `0 … ${PONG_FIELD_SIZE}`);
  const fastest = PONG_FIELD_SIZE / 4;
  check("maxBallSpeed", inRange(config.maxBallSpeed, 0, fastest) && config.maxBallSpeed > 0, `> 0, ≤ ${fastest}`);
  check("serveSpeed", inRange(serveSpeed, 0, maxBallSpeed) && serveSpeed > 0, "> 0, ≤ maxBallSpeed");
  check("speedUpPerHit", inRange(config.speedUpPerHit, 0, config.maxBallSpeed), "0 … maxBallSpeed");
  // Below π/2 so that the ball always crosses the field and every rally ends.
  check("maxBounceAngle", inRange(config.maxBounceAngle, 0, 1.5), "0 … 1.5 rad");
  check("maxServeAngle", inRange(config.maxServeAngle, 0, 1.5), "0 … 1.5 rad");
  check("maxSteps", config.maxSteps === Infinity || (Number.isInteger(config.maxSteps) && config.maxSteps >= 1),
    "an integer ≥ 1 or Infinity");
  return config;
}

export class Pong implements Environment<Uint8Array, PongInfo> {
  /** [rows, columns] of the grey frame: 96 × 80. */
  readonly observationShape = [PONG_FRAME_HEIGHT, PONG_FRAME_WIDTH] as const;
  readonly actionCount = 3;
  /** Up moves the agent's paddle towards y = 0. */
  readonly actionNames = ["up", "down", "stay"] as const;
  readonly config: Readonly<PongConfig>;

  private ballX = 0;
  private ballY = 0;
  private ballVX = 0;
  private ballVY = 0;
  private agentY = 0;
  private opponentY = 0;
  private agentScore = 0;
  private opponentScore = 0;
  private steps = 0;
  private running = false;
  private random: () => number;

  constructor(options: PongOptions = {}) {
    this.config = normalizePongOptions(options);
    this.random = mulberry32(this.config.seed);
  }

  /** A copy of everything that moves. */
  get state(): PongState {
    const {ballX, ballY, ballVX, ballVY, agentY, opponentY, agentScore, opponentScore} = this;
    return {ballX, ballY, ballVX, ballVY, agentY, opponentY, agentScore, opponentScore};
  }

  /** Overrides parts of the state mid-game (for the essay's set-ups and for tests). */
  setState(state: Partial<PongState>): void {
    for (const [name, value] of Object.entries(state)) {
      if (!Number.isFinite(value)) {
        throw new Error(`${NAME}: invalid state ${name}: ${value} (expected a finite number)`);
      }
    }
    const s = {...this.state, ...state};
    this.ballX = s.ballX;
    this.ballY = s.ballY;
    this.ballVX = s.ballVX;
    this.ballVY = s.ballVY;
    this.agentY = s.agentY;
    this.opponentY = s.opponentY;
    this.agentScore = s.agentScore;
    this.opponentScore = s.opponentScore;
  }

  /** New game: scores 0–0, paddles centred, a seeded serve. */
  reset(seed?: number): Uint8Array {
    if (seed !== undefined) this.random = mulberry32(seed);
    this.agentScore = 0;
    this.opponentScore = 0;
    this.agentY = this.opponentY = (PONG_FIELD_SIZE - this.config.paddleHeight) / 2;
    this.steps = 0;
    this.running = true;
    this.serve();
    return this.render(new Uint8Array(PONG_FRAME_HEIGHT * PONG_FRAME_WIDTH));
  }

  /** Moves both paddles, then the ball. Reward +1 when the ball leaves past the opponent, −1 past
   * the agent, 0 otherwise; after a point the ball is served again from the middle. */
  step(action: number): StepResult<Uint8Array, PongInfo> {
    if (!this.running) throw episodeOverError(NAME);
    checkAction(NAME, action, this.actionCount);
    const {paddleHeight, agentSpeed, opponentMaxSpeed} = this.config;
    const lowest = PONG_FIELD_SIZE - paddleHeight; // largest paddle top [px]
    const move = action === PONG_ACTIONS.up ? -agentSpeed : action === PONG_ACTIONS.down ? agentSpeed : 0;
    this.agentY = clamp(this.agentY + move, 0, lowest);
    // The opponent steers its centre towards the ball's centre, no faster than its top speed.
    const wanted = this.ballY + BALL_SIZE / 2 - paddleHeight / 2 - this.opponentY;
    this.opponentY = clamp(this.opponentY + clamp(wanted, -opponentMaxSpeed, opponentMaxSpeed), 0, lowest);

    const reward = this.moveBall();
    if (reward > 0) this.agentScore += 1;
    if (reward < 0) this.opponentScore += 1;
    this.steps += 1;
    const terminated = Math.max(this.agentScore, this.opponentScore) >= this.config.pointsToWin;
    const truncated = !terminated && this.steps >= this.config.maxSteps;
    const done = terminated || truncated;
    if (done) this.running = false;
    else if (reward !== 0) this.serve();
    const observation = this.render(new Uint8Array(PONG_FRAME_HEIGHT * PONG_FRAME_WIDTH));
    const info: PongInfo = {
      steps: this.steps,
      terminated,
      truncated,
      agentScore: this.agentScore,
      opponentScore: this.opponentScore
    };
    return {observation, reward, done, info};
  }

  /** Draws the grey frame (96 × 80, row-major) into `frame` and returns it. */
  render(frame: Uint8Array): Uint8Array {
    const size = PONG_FRAME_HEIGHT * PONG_FRAME_WIDTH;
    if (frame.length !== size) {
      throw new Error(`${NAME}: render: expected a frame of ${size} bytes, got ${frame.length}`);
    }
    frame.fill(0);
    drawNumber(frame, this.opponentScore, PONG_FRAME_WIDTH / 4);
    drawNumber(frame, this.agentScore, (3 * PONG_FRAME_WIDTH) / 4);
    fillBlock(frame, SCORE_ROWS, 0, WALL_ROWS, PONG_FRAME_WIDTH, WALL_GREY);
    fillBlock(frame, PONG_FIELD_TOP + PONG_FIELD_SIZE, 0, WALL_ROWS, PONG_FRAME_WIDTH, WALL_GREY);
    const {paddleHeight} = this.config;
    fillField(frame, this.opponentY, OPPONENT_X, paddleHeight, PADDLE_WIDTH);
    fillField(frame, this.agentY, AGENT_X, paddleHeight, PADDLE_WIDTH);
    fillField(frame, this.ballY, this.ballX, BALL_SIZE, BALL_SIZE);
    return frame;
  }

  /** Ball from the middle third of the field's height, towards a random side, at up to maxServeAngle. */
  private serve(): void {
    const {serveSpeed, maxServeAngle} = this.config;
    const towardsAgent = this.random() < 0.5;
    const angle = maxServeAngle * (2 * this.random() - 1);
    this.ballX = (PONG_FIELD_SIZE - BALL_SIZE) / 2;
    this.ballY = PONG_FIELD_SIZE / 3 + (PONG_FIELD_SIZE / 3 - BALL_SIZE) * this.random();
    this.ballVX = (towardsAgent ? 1 : -1) * serveSpeed * Math.cos(angle);
    this.ballVY = serveSpeed * Math.sin(angle);
  }

  /** Advances the ball one step; returns the point's reward (+1, −1) or 0. */
  private moveBall(): number {
    let x = this.ballX + this.ballVX;
    let y = this.ballY + this.ballVY;
    const bottom = PONG_FIELD_SIZE - BALL_SIZE; // largest ball top [px]
    // Walls reflect: the part of the step past the wall is mirrored back into the field.
    if (y < 0) {
      y = -y;
      this.ballVY = -this.ballVY;
    } else if (y > bottom) {
      y = 2 * bottom - y;
      this.ballVY = -this.ballVY;
    }
    // Paddle hits are swept: the ball's leading edge crossed the face during this step,
    // so no speed can tunnel through a paddle. The face is judged at the new height.
    const opponentFace = OPPONENT_X + PADDLE_WIDTH;
    const reachesAgent = this.ballVX > 0 && this.ballX + BALL_SIZE <= AGENT_X && x + BALL_SIZE > AGENT_X;
    const reachesOpponent = this.ballVX < 0 && this.ballX >= opponentFace && x < opponentFace;
    if (reachesAgent && this.overlaps(y, this.agentY)) {
      x = 2 * (AGENT_X - BALL_SIZE) - x;
      this.bounce(y, this.agentY, -1);
    } else if (reachesOpponent && this.overlaps(y, this.opponentY)) {
      x = 2 * opponentFace - x;
      this.bounce(y, this.opponentY, 1);
    }
    this.ballX = x;
    this.ballY = y;
    if (x + BALL_SIZE <= 0) return 1;
    if (x >= PONG_FIELD_SIZE) return -1;
    return 0;
  }

  private overlaps(ballY: number, paddleY: number): boolean {
    return ballY < paddleY + this.config.paddleHeight && ballY + BALL_SIZE > paddleY;
  }

  /** The farther from the paddle's centre the ball meets it, the steeper it leaves (as in Atari Pong);
   * each hit adds speed up to the cap. */
  private bounce(ballY: number, paddleY: number, direction: 1 | -1): void {
    const {paddleHeight, maxBounceAngle, speedUpPerHit, maxBallSpeed} = this.config;
    const reach = (paddleHeight + BALL_SIZE) / 2; // largest centre-to-centre distance of a hit [px]
    const offset = clamp((ballY + BALL_SIZE / 2 - (paddleY + paddleHeight / 2)) / reach, -1, 1);
    const angle = offset * maxBounceAngle;
    const speed = Math.min(Math.hypot(this.ballVX, this.ballVY) + speedUpPerHit, maxBallSpeed);
    this.ballVX = direction * speed * Math.cos(angle);
    this.ballVY = speed * Math.sin(angle);
  }
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Fills a rectangle given in field pixels, rounded to whole pixels and clipped to the field. */
function fillField(frame: Uint8Array, top: number, left: number, height: number, width: number): void {
  const r0 = Math.max(0, Math.round(top));
  const c0 = Math.max(0, Math.round(left));
  const r1 = Math.min(PONG_FIELD_SIZE, Math.round(top) + height);
  const c1 = Math.min(PONG_FIELD_SIZE, Math.round(left) + width);
  if (r1 > r0 && c1 > c0) fillBlock(frame, PONG_FIELD_TOP + r0, c0, r1 - r0, c1 - c0, OBJECT_GREY);
}

function fillBlock(frame: Uint8Array, row: number, column: number, height: number, width: number, grey: number): void {
  for (let r = row; r < row + height; ++r) {
    const start = r * PONG_FRAME_WIDTH + column;
    frame.fill(grey, start, start + width);
  }
}

// A 3 × 5 pixel font, drawn at twice that size: each string is a digit's rows, top first.
const DIGITS = [
  "111101101101111",
  "010110010010111",
  "111001111100111",
  "111001111001111",
  "101101111001001",
  "111100111001111",
  "111100111101111",
  "111001001001001",
  "111101111101111",
  "111101111001111"
];
const DIGIT_SCALE = 2;
const DIGIT_WIDTH = 3 * DIGIT_SCALE; // [px]
const DIGIT_GAP = 2; // [px]
const DIGIT_TOP = 1; // first row of the digits in the score strip

/** Writes a score centred on column `centre` of the score strip. */
function drawNumber(frame: Uint8Array, value: number, centre: number): void {
  const text = String(value);
  const width = text.length * DIGIT_WIDTH + (text.length - 1) * DIGIT_GAP;
  let left = Math.round(centre - width / 2);
  for (const char of text) {
    const bits = DIGITS[Number(char)];
    for (let i = 0; i < 15; ++i) {
      if (bits[i] === "1") {
        const row = DIGIT_TOP + Math.floor(i / 3) * DIGIT_SCALE;
        fillBlock(frame, row, left + (i % 3) * DIGIT_SCALE, DIGIT_SCALE, DIGIT_SCALE, WALL_GREY);
      }
    }
    left += DIGIT_WIDTH + DIGIT_GAP;
  }
}

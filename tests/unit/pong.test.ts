import {describe, expect, it} from "vitest";
import {drawGreyImage, drawPong} from "../../components/rl/draw.ts";
import {
  AGENT_X,
  OBJECT_GREY,
  OPPONENT_X,
  PONG_ACTIONS,
  PONG_FIELD_SIZE,
  PONG_FIELD_TOP,
  PONG_FRAME_HEIGHT,
  PONG_FRAME_WIDTH,
  Pong,
  WALL_GREY
} from "../../components/rl/pong.ts";
import {mulberry32} from "../../components/random.ts";

const {up, down, stay} = PONG_ACTIONS;

/** Steps with "stay" until a point is scored; returns the reward and the steps it took. */
function playUntilPoint(env: Pong, limit = 200): {reward: number; steps: number} {
  for (let steps = 1; steps <= limit; ++steps) {
    const {reward} = env.step(stay);
    if (reward !== 0) return {reward, steps};
  }
  throw new Error(`no point within ${limit} steps`);
}

describe("Pong", () => {
  it("states its frame, actions and field: a 96 × 80 grey frame, up / down / stay", () => {
    const env = new Pong();
    expect(env.observationShape).toEqual([96, 80]);
    expect([PONG_FRAME_HEIGHT, PONG_FRAME_WIDTH, PONG_FIELD_SIZE, PONG_FIELD_TOP]).toEqual([96, 80, 80, 14]);
    expect(env.actionCount).toBe(3);
    expect(env.actionNames).toEqual(["up", "down", "stay"]);
    expect(env.reset(0).length).toBe(96 * 80);
  });

  it("gives +1 when the ball passes the opponent's paddle, then re-serves from the middle", () => {
    const env = new Pong();
    env.reset(1);
    // Ball low on the field heading left, the opponent's paddle at the top: it cannot get there in time.
    env.setState({ballX: 20, ballY: 70, ballVX: -3, ballVY: 0, opponentY: 0});
    const {reward} = playUntilPoint(env);
    expect(reward).toBe(1);
    const state = env.state;
    expect([state.agentScore, state.opponentScore]).toEqual([1, 0]);
    expect(state.ballX).toBe((PONG_FIELD_SIZE - 2) / 2);
    expect(Math.hypot(state.ballVX, state.ballVY)).toBeCloseTo(env.config.serveSpeed, 12);
  });

  it("gives −1 when the ball passes the agent's paddle", () => {
    const env = new Pong();
    env.reset(1);
    env.setState({ballX: 60, ballY: 70, ballVX: 3, ballVY: 0, agentY: 0});
    expect(playUntilPoint(env).reward).toBe(-1);
    expect([env.state.agentScore, env.state.opponentScore]).toEqual([0, 1]);
  });

  it("returns a ball that meets the agent's paddle, faster, steeper the farther from the centre", () => {
    const env = new Pong();
    env.reset(1);
    // Paddle rows 35–45 (centre 40); ball rows 39–41 (centre 40), face at x = 74.
    env.setState({ballX: 70, ballY: 39, ballVX: 2, ballVY: 0, agentY: 35});
    env.step(stay); // ball to x = 72: its right edge touches the face
    const {reward} = env.step(stay); // x would be 74: mirrored back to 2 × 72 − 74 = 70
    expect(reward).toBe(0);
    let state = env.state;
    expect(state.ballX).toBeCloseTo(70, 12);
    expect(state.ballVX).toBeCloseTo(-(2 + env.config.speedUpPerHit), 12);
    expect(state.ballVY).toBeCloseTo(0, 12);

    // Centre 5 px below the paddle's centre, out of a reach of (10 + 2) / 2 = 6 px.
    env.setState({ballX: 72, ballY: 44, ballVX: 2, ballVY: 0, agentY: 35});
    env.step(stay);
    state = env.state;
    const angle = (5 / 6) * env.config.maxBounceAngle;
    expect(state.ballVX).toBeCloseTo(-2.1 * Math.cos(angle), 12);
    expect(state.ballVY).toBeCloseTo(2.1 * Math.sin(angle), 12);
  });

  it("reflects the ball off the walls", () => {
    const env = new Pong();
    env.reset(1);
    env.setState({ballX: 40, ballY: 1, ballVX: 1, ballVY: -2});
    env.step(stay);
    expect([env.state.ballY, env.state.ballVY]).toEqual([1, 2]);
  });

  it("moves the opponent no faster than opponentMaxSpeed, and exactly onto the ball when near", () => {
    const env = new Pong({opponentMaxSpeed: 1.25});
    env.reset(1);
    env.setState({ballX: 40, ballY: 70, ballVX: 1, ballVY: 0, opponentY: 0});
    for (let n = 1; n <= 10; ++n) {
      env.step(stay);
      expect(env.state.opponentY).toBeCloseTo(1.25 * n, 12);
    }
    // Ball centre 71 → paddle top 71 − 5 = 66 is wanted; from 65.5 that is 0.5 px away.
    env.setState({ballY: 70, ballVY: 0, opponentY: 65.5});
    env.step(stay);
    expect(env.state.opponentY).toBeCloseTo(66, 12);
  });

  it("moves the agent's paddle agentSpeed per step and keeps it on the field", () => {
    const env = new Pong({agentSpeed: 2});
    env.reset(1);
    env.setState({agentY: 3});
    env.step(up);
    expect(env.state.agentY).toBe(1);
    env.step(up);
    expect(env.state.agentY).toBe(0);
    env.step(down);
    expect(env.state.agentY).toBe(2);
  });

  it("ends the game when a side reaches 21, and throws on a step after that", () => {
    for (const side of ["agent", "opponent"] as const) {
      const env = new Pong();
      env.reset(1);
      // A ball low on the field heading for the side whose paddle waits at the top.
      if (side === "agent") env.setState({agentScore: 20, opponentScore: 7, ballX: 20, ballY: 70, ballVX: -3});
      else env.setState({agentScore: 7, opponentScore: 20, ballX: 60, ballY: 70, ballVX: 3});
      env.setState({ballVY: 0, agentY: 0, opponentY: 0});
      let result = env.step(stay);
      while (result.reward === 0) {
        expect(result.done).toBe(false);
        result = env.step(stay);
      }
      expect(result.reward).toBe(side === "agent" ? 1 : -1);
      expect(result.done).toBe(true);
      expect(result.info.terminated).toBe(true);
      expect(side === "agent" ? result.info.agentScore : result.info.opponentScore).toBe(21);
      expect(() => env.step(stay)).toThrow(/call reset\(\) first/);
    }
  });

  it("plays a whole seeded game the same way twice, and its rewards sum to the score difference", () => {
    const play = () => {
      const env = new Pong({seed: 5});
      const random = mulberry32(9);
      env.reset();
      let checksum = 0;
      let total = 0;
      for (;;) {
        const result = env.step(Math.floor(random() * 3));
        const frame = result.observation;
        for (let i = 0; i < frame.length; i += 7) checksum = (checksum * 31 + frame[i]) % 1_000_000_007;
        total += result.reward;
        if (result.done) return {checksum, total, info: result.info};
      }
    };
    const a = play();
    expect(play()).toEqual(a);
    expect(Math.max(a.info.agentScore, a.info.opponentScore)).toBe(21);
    expect(a.total).toBe(a.info.agentScore - a.info.opponentScore);
  });

  it("truncates a game at maxSteps", () => {
    const env = new Pong({maxSteps: 3});
    env.reset(1);
    env.step(stay);
    env.step(stay);
    const {done, info} = env.step(stay);
    expect(done).toBe(true);
    expect(info).toMatchObject({steps: 3, terminated: false, truncated: true});
  });

  it("serves the same way for the same seed", () => {
    const a = new Pong();
    const b = new Pong({seed: 11});
    a.reset(11);
    b.reset();
    expect(a.state).toEqual(b.state);
    a.reset(12);
    expect(a.state).not.toEqual(b.state);
  });

  it("renders walls, score, paddles and ball where the state puts them", () => {
    const env = new Pong({paddleHeight: 10});
    env.reset(1);
    env.setState({ballX: 30.4, ballY: 20.6, opponentY: 10, agentY: 50, agentScore: 1, opponentScore: 0});
    const frame = env.render(new Uint8Array(96 * 80));
    const at = (row: number, column: number) => frame[row * 80 + column];
    for (const row of [12, 13, 94, 95]) expect(at(row, 0)).toBe(WALL_GREY);
    // Opponent: field rows 10–19, columns 4–5; agent: rows 50–59, columns 74–75.
    expect(at(PONG_FIELD_TOP + 10, OPPONENT_X)).toBe(OBJECT_GREY);
    expect(at(PONG_FIELD_TOP + 19, OPPONENT_X + 1)).toBe(OBJECT_GREY);
    expect(at(PONG_FIELD_TOP + 20, OPPONENT_X)).toBe(0);
    expect(at(PONG_FIELD_TOP + 50, AGENT_X)).toBe(OBJECT_GREY);
    expect(at(PONG_FIELD_TOP + 49, AGENT_X)).toBe(0);
    // Ball rounded to (row 21, column 30), 2 × 2.
    const ball = [at(PONG_FIELD_TOP + 21, 30), at(PONG_FIELD_TOP + 22, 31), at(PONG_FIELD_TOP + 23, 30)];
    expect(ball).toEqual([255, 255, 0]);
    // Field pixels are 0 except paddles and ball: 10 × 2 × 2 + 2 × 2 = 44 lit.
    let lit = 0;
    for (let i = PONG_FIELD_TOP * 80; i < (PONG_FIELD_TOP + 80) * 80; ++i) lit += frame[i] === OBJECT_GREY ? 1 : 0;
    expect(lit).toBe(44);
    // Score digits live in rows 0–11 only, in wall grey: "0" left, "1" right.
    let scoreLeft = 0;
    let scoreRight = 0;
    for (let r = 0; r < 12; ++r) {
      for (let c = 0; c < 40; ++c) scoreLeft += at(r, c);
      for (let c = 40; c < 80; ++c) scoreRight += at(r, c);
    }
    expect(scoreLeft / WALL_GREY).toBe(12 * 4); // "0" lights 12 of 15 font pixels, each 2 × 2
    expect(scoreRight / WALL_GREY).toBe(8 * 4); // "1" lights 8
    expect(() => env.render(new Uint8Array(10))).toThrow(/expected a frame of 7680 bytes, got 10/);
  });

  it("rejects options out of range, naming the option and the value", () => {
    expect(() => new Pong({paddleHeight: 0})).toThrow(/invalid Pong option paddleHeight: 0/);
    expect(() => new Pong({pointsToWin: 2.5})).toThrow(/pointsToWin: 2.5/);
    expect(() => new Pong({maxBounceAngle: Math.PI / 2})).toThrow(/maxBounceAngle/);
    expect(() => new Pong({serveSpeed: 5, maxBallSpeed: 3})).toThrow(/serveSpeed: 5/);
  });
});

/** A stand-in 2D context that records fillRect calls and the fill style in use. */
function recordingContext(width: number, height: number) {
  const rects: {style: string; x: number; y: number; w: number; h: number}[] = [];
  const context = {
    canvas: {width, height},
    fillStyle: "",
    font: "",
    textAlign: "",
    textBaseline: "",
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push({style: context.fillStyle, x, y, w, h});
    },
    fillText() {}
  };
  return {context: context as unknown as CanvasRenderingContext2D, rects};
}

describe("drawPong and drawGreyImage", () => {
  it("drawPong scales the field to the canvas: 4 canvas px per field px on a 320 × 320 canvas", () => {
    const {context, rects} = recordingContext(320, 320);
    const env = new Pong();
    env.reset(1);
    env.setState({agentY: 30, ballX: 10, ballY: 20});
    drawPong(context, env.state, env.config, {agent: "green", ball: "white"});
    expect(rects).toContainEqual({style: "green", x: AGENT_X * 4, y: 120, w: 8, h: 40});
    expect(rects).toContainEqual({style: "white", x: 40, y: 80, w: 8, h: 8});
  });

  it("drawGreyImage draws one rectangle per pixel, red for positive differences", () => {
    const {context, rects} = recordingContext(20, 20);
    drawGreyImage(context, [0, 1, -1, 0.5], 2, {signed: true});
    expect(rects.map((r) => r.style)).toEqual(["rgb(255,255,255)", "rgb(255,0,0)", "rgb(0,0,255)", "rgb(255,128,128)"]);
    expect(() => drawGreyImage(context, [0, 1, 2], 2)).toThrow(/not a whole number of rows/);
  });
});

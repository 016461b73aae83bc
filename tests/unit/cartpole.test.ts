import {describe, expect, it} from "vitest";
import {
  CartPole,
  INITIAL_STATE_BOUND,
  SOLVED_WINDOW,
  THETA_THRESHOLD,
  X_THRESHOLD
} from "../../components/rl/cartpole.ts";
import type {CartPoleState} from "../../components/rl/cartpole.ts";
import {drawCartPole} from "../../components/rl/draw.ts";

const UPRIGHT: CartPoleState = {x: 0, xDot: 0, theta: 0, thetaDot: 0};

/** Pushes towards the side the pole is falling to: enough to keep it up for a whole episode. */
function balance(observation: Float64Array): number {
  return observation[2] + 0.5 * observation[3] > 0 ? 1 : 0;
}

describe("CartPole", () => {
  it("step(1) from a stated state matches the equations worked by hand", () => {
    const env = new CartPole();
    env.start({x: 0.1, xDot: -0.2, theta: 0.05, thetaDot: 0.3});
    const {observation, reward, done} = env.step(1); // push right: F = +10 N

    // Constants: g = 9.8 m/s², m_c = 1.0 kg, m_p = 0.1 kg, l = 0.5 m, τ = 0.02 s.
    // total mass M = 1.0 + 0.1 = 1.1 kg; m_p·l = 0.1 × 0.5 = 0.05 kg·m.
    const sin = 0.04997916927067833; // sin(0.05)
    const cos = 0.9987502603949663; // cos(0.05)
    // temp = (F + m_p·l·θ̇²·sin θ) / M = (10 + 0.05 × 0.09 × 0.049979…) / 1.1 = 10.000224906 / 1.1
    const temp = (10 + 0.05 * 0.09 * sin) / 1.1;
    expect(temp).toBeCloseTo(9.091113551, 8);
    // θ̈ = (g·sin θ − cos θ·temp) / (l·(4/3 − m_p·cos²θ / M))
    //   = (0.489795859 − 9.079752026) / (0.5 × (1.333333333 − 0.1 × 0.997502083 / 1.1))
    //   = −8.589956168 / 0.621325663
    const thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4 / 3 - (0.1 * cos * cos) / 1.1));
    expect(thetaAcc).toBeCloseTo(-13.825207424, 8);
    // ẍ = temp − m_p·l·θ̈·cos θ / M = 9.091113551 + 0.05 × 13.825207424 × 0.998750260 / 1.1
    const xAcc = temp - (0.05 * thetaAcc * cos) / 1.1;
    expect(xAcc).toBeCloseTo(9.718746711, 8);
    // Euler: x' = x + τ·ẋ = 0.1 + 0.02 × (−0.2) = 0.096
    //        ẋ' = ẋ + τ·ẍ = −0.2 + 0.02 × 9.718746711 = −0.005625066
    //        θ' = θ + τ·θ̇ = 0.05 + 0.02 × 0.3 = 0.056
    //        θ̇' = θ̇ + τ·θ̈ = 0.3 + 0.02 × (−13.825207424) = 0.023495852
    const expected = [0.096, -0.005625066, 0.056, 0.023495852];
    for (let i = 0; i < 4; ++i) expect(Math.abs(observation[i] - expected[i])).toBeLessThan(1e-6);
    expect(reward).toBe(1);
    expect(done).toBe(false);
  });

  it("step(0) pushes the other way: an upright cart at rest accelerates left", () => {
    const env = new CartPole();
    env.start(UPRIGHT);
    const {observation} = env.step(0);
    // θ = 0: temp = −10 / 1.1; θ̈ = −temp / (0.5 × (4/3 − 0.1/1.1)) = 14.634146 rad/s²;
    // ẍ = temp − 0.05 × 14.634146 / 1.1 = −9.756098 m/s². Positions move one step later.
    expect(observation[0]).toBe(0);
    expect(observation[1]).toBeCloseTo(0.02 * -9.756098, 6);
    expect(observation[2]).toBe(0);
    expect(observation[3]).toBeCloseTo(0.02 * 14.634146, 6);
  });

  it("is not done on or just inside the thresholds, and done just outside (reward 1 still)", () => {
    const eps = 1e-9;
    const cases: [Partial<CartPoleState>, boolean][] = [
      [{x: X_THRESHOLD}, false],
      [{x: X_THRESHOLD - eps}, false],
      [{x: X_THRESHOLD + eps}, true],
      [{x: -X_THRESHOLD}, false],
      [{x: -X_THRESHOLD - eps}, true],
      [{theta: THETA_THRESHOLD}, false],
      [{theta: THETA_THRESHOLD - eps}, false],
      [{theta: THETA_THRESHOLD + eps}, true],
      [{theta: -THETA_THRESHOLD - eps}, true]
    ];
    for (const [state, done] of cases) {
      const env = new CartPole();
      // With zero velocities an Euler step leaves x and θ where they were.
      env.start({...UPRIGHT, ...state});
      const result = env.step(1);
      expect(result.observation[0]).toBe(state.x ?? 0);
      expect(result.observation[2]).toBe(state.theta ?? 0);
      expect({state, done: result.done, terminated: result.info.terminated}).toEqual({state, done, terminated: done});
      expect(result.reward).toBe(1);
    }
    expect(THETA_THRESHOLD).toBeCloseTo((12 * Math.PI) / 180, 15);
  });

  it("throws on a step after done, before any reset, and for an invalid action", () => {
    const env = new CartPole();
    expect(() => env.step(0)).toThrow(/call reset\(\) first/);
    env.start({...UPRIGHT, x: 3});
    expect(env.step(0).done).toBe(true);
    expect(() => env.step(0)).toThrow(/call reset\(\) first/);
    env.reset();
    expect(() => env.step(2)).toThrow(/invalid action: 2/);
    expect(() => env.step(0.5)).toThrow(/invalid action/);
    expect(() => new CartPole({version: "v2" as "v1"})).toThrow(/invalid Cart-Pole version: v2/);
  });

  it("caps episodes at 200 steps (v0) and 500 steps (v1), truncated rather than terminated", () => {
    for (const [version, cap, threshold] of [["v0", 200, 195], ["v1", 500, 475]] as const) {
      const env = new CartPole({version});
      expect(env.maxSteps).toBe(cap);
      expect(env.solvedThreshold).toBe(threshold);
      let observation = env.reset(3);
      let total = 0;
      for (;;) {
        const result = env.step(balance(observation));
        observation = result.observation;
        total += result.reward;
        if (result.done) {
          expect(result.info).toEqual({steps: cap, terminated: false, truncated: true});
          break;
        }
      }
      expect(total).toBe(cap);
    }
  });

  it("reset(seed) draws the same start for the same seed, within ±0.05", () => {
    const a = new CartPole().reset(42);
    const b = new CartPole().reset(42);
    const c = new CartPole().reset(43);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    for (const v of [...a, ...c]) expect(Math.abs(v)).toBeLessThanOrEqual(INITIAL_STATE_BOUND);
    // Without a seed, reset continues the generator the constructor's seed started.
    const env = new CartPole({seed: 42});
    expect(Array.from(env.reset())).toEqual(Array.from(a));
    expect(Array.from(env.reset())).not.toEqual(Array.from(a));
  });

  it("returns a fresh observation each step, so that a stored one is not overwritten", () => {
    const env = new CartPole();
    const first = env.reset(1);
    const kept = Array.from(first);
    env.step(1);
    expect(Array.from(first)).toEqual(kept);
  });

  it("isSolved(returns) asks for the solved threshold averaged over the last 100 episodes", () => {
    const env = new CartPole({version: "v0"});
    expect(env.isSolved(new Array(SOLVED_WINDOW - 1).fill(200))).toBe(false);
    expect(env.isSolved([10, ...new Array(SOLVED_WINDOW).fill(195)])).toBe(true);
    expect(env.isSolved([...new Array(SOLVED_WINDOW - 1).fill(195), 194])).toBe(false);
  });

  it("drawCartPole draws the pole 1 m long from the cart's top, leaning right for θ > 0", () => {
    const lines: [number, number][] = [];
    const context = {
      canvas: {width: 540, height: 200}, // 540 px / 5.4 m = 100 px/m
      fillStyle: "",
      strokeStyle: "",
      lineWidth: 1,
      lineCap: "",
      fillRect() {},
      beginPath() {},
      stroke() {},
      moveTo(x: number, y: number) {
        lines.push([x, y]);
      },
      lineTo(x: number, y: number) {
        lines.push([x, y]);
      }
    } as unknown as CanvasRenderingContext2D;
    drawCartPole(context, {x: 1, xDot: 0, theta: Math.PI / 6, thetaDot: 0});
    const [pivot, tip] = lines.slice(-2);
    // Cart centre at 270 + 100 = 370 px; pivot 0.3 m above the track at y = 150 px.
    expect(pivot[0]).toBeCloseTo(370, 9);
    expect(pivot[1]).toBeCloseTo(120, 9);
    expect(tip[0] - pivot[0]).toBeCloseTo(100 * Math.sin(Math.PI / 6), 9);
    expect(pivot[1] - tip[1]).toBeCloseTo(100 * Math.cos(Math.PI / 6), 9);
  });
});

// The speed control of training in view. At "real time" the environment advances at its
// own rate (Cart-Pole: 50 steps a second) and is drawn on every frame; faster speeds step
// several times per drawn frame; "as fast as possible" skips drawing and only hands the
// thread back to the browser often enough for the page to stay responsive.

export type Speed = "1" | "4" | "16" | "max";

export const SPEEDS: readonly Speed[] = ["1", "4", "16", "max"];

export const SPEED_LABELS: Record<Speed, string> = {
  "1": "real time",
  "4": "4× real time",
  "16": "16× real time",
  max: "as fast as possible (no drawing)"
};

export function isSpeed(value: unknown): value is Speed {
  return typeof value === "string" && (SPEEDS as readonly string[]).includes(value);
}

export interface PacerOptions {
  /** Environment steps per second at real time. */
  stepsPerSecond: number;
  speed?: Speed;
  /** Draws the current state; called at most once per wait, never at "max". */
  draw?: () => void;
  /** Milliseconds of work before the thread is handed back at "max"; default 12 (of a 16.7 ms frame). */
  frameBudgetMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  speed: Speed;
  readonly paused: boolean;
  pause(): void;
  resume(): void;
  /** Called after each environment step: waits as long as the speed asks, or while paused. */
  tick(): Promise<void>;
  /** Draws now, whatever the speed (e.g. once training ends). */
  redraw(): void;
}

/** If the work falls this far behind the clock, the clock is reset rather than caught up in a burst [ms]. */
const MAX_LAG_MS = 100;

export function createPacer({
  stepsPerSecond,
  speed = "1",
  draw = () => {},
  frameBudgetMs = 12,
  now = () => performance.now(),
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
}: PacerOptions): Pacer {
  if (!(stepsPerSecond > 0)) throw new Error(`createPacer: stepsPerSecond must be > 0, got ${stepsPerSecond}`);
  if (!isSpeed(speed)) throw new Error(`invalid speed: ${JSON.stringify(speed)} (expected ${SPEEDS.join(", ")})`);
  let current: Speed = speed;
  let paused = false;
  let wake: (() => void) | null = null;
  let due = now(); // when the next step is due at the current speed [ms]
  let lastYield = now();

  const handBack = async (ms: number) => {
    await sleep(ms);
    lastYield = now();
  };

  return {
    get speed() {
      return current;
    },
    set speed(next: Speed) {
      if (!isSpeed(next)) throw new Error(`invalid speed: ${JSON.stringify(next)} (expected ${SPEEDS.join(", ")})`);
      current = next;
      due = now();
    },
    get paused() {
      return paused;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      wake?.();
      wake = null;
    },
    redraw: () => draw(),
    async tick() {
      if (paused) {
        draw();
        while (paused) await new Promise<void>((resolve) => (wake = resolve));
        due = lastYield = now();
      }
      if (current === "max") {
        if (now() - lastYield >= frameBudgetMs) await handBack(0);
        return;
      }
      due += 1000 / (stepsPerSecond * Number(current));
      const ahead = due - now();
      if (ahead > 0) {
        draw();
        await handBack(ahead);
      } else if (now() - lastYield >= frameBudgetMs) {
        if (ahead < -MAX_LAG_MS) due = now();
        draw();
        await handBack(0);
      }
    }
  };
}

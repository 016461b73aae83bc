// Watching and playing: a policy plays its task in real time, drawn on a canvas, episode after
// episode, without learning. In Pong the left paddle can be handed to a human (arrow keys or
// W/S on the focused canvas) instead of the scripted opponent. The game moves by itself, so
// it has a Pause button, and it starts paused for a reader who asks for reduced motion.
import {button, controlRow, select} from "../controls.ts";
import type {Control} from "../controls.ts";
import {deriveSeed, mulberry32} from "../random.ts";
import type {tf} from "../tf.ts";
import {actionProbabilities, sampleAction} from "./agent.ts";
import {createPacer} from "./pacer.ts";
import type {Speed} from "./pacer.ts";
import {OPPONENTS} from "./params.ts";
import type {Opponent} from "./params.ts";
import {Pong, PONG_FIELD_SIZE} from "./pong.ts";
import type {StepView} from "./rollout.ts";
import type {Task} from "./tasks.ts";
import type {AgentEye, CanvasFigure} from "./views.ts";

export interface ArenaOptions {
  task: Task;
  model: tf.LayersModel;
  seed: number;
  view: CanvasFigure;
  eye?: AgentEye;
  /** Pong only: who holds the left paddle. */
  opponent?: Opponent;
  speed?: Speed;
}

export interface Arena {
  /** Total reward of every finished episode. */
  readonly results: readonly number[];
  stop(): void;
}

const KEYS_UP = ["ArrowUp", "w", "W"];
const KEYS_DOWN = ["ArrowDown", "s", "S"];

/** Pong's choice of who holds the left paddle (URL parameter opponent=). */
export function opponentSelect(value: Opponent): Control<Opponent> {
  return select<Opponent>({label: "Left paddle", options: OPPONENTS, value, name: "rl-pong-opponent",
    labels: {scripted: "the built-in opponent", human: "you: click the game, then ↑/↓ or W/S"}});
}

export function startArena({task, model, seed, view, eye, opponent = "scripted", speed = "1"}: ArenaOptions): Arena {
  const human = task.name === "pong" && opponent === "human";
  // With a top speed of 0 the scripted opponent stands still: the human moves it through setState.
  const environment = human ? new Pong({seed, opponentMaxSpeed: 0}) : task.makeEnvironment(seed);
  const encoder = task.makeEncoder();
  const random = mulberry32(deriveSeed(seed, "arena actions"));
  const inputSize = model.inputs[0].shape[1] as number;
  const actionCount = model.outputs[0].shape[1] as number;
  const results: number[] = [];
  let stopped = false;
  let last: StepView | null = null;
  let episodeReward = 0;
  let steps = 0;
  let humanMove = 0; // −1 up, +1 down, 0 still

  const draw = () => {
    task.draw(view.context, environment);
    if (last) eye?.update(last);
    const past = results.length ? ` Finished episodes scored ${results.slice(-5).join(", ")}.` : "";
    view.describe(`${pacer.paused ? "Paused (press Play to watch): " : ""}${task.label}, episode ${results.length + 1}, step ${steps}. ${task.describe(environment)}${past}` +
      (human ? ` You hold the left paddle (its top at ${(environment as Pong).state.opponentY.toFixed(0)} px): focus the game and use ↑/↓ or W/S.` : ""));
  };
  const pacer = createPacer({stepsPerSecond: task.stepsPerSecond, speed, draw});
  const playButton = button("Pause", `${view.root.dataset.figure ?? "rl-arena"}-play`, () => {
    if (pacer.paused) pacer.resume();
    else pacer.pause();
    playButton.textContent = pacer.paused ? "Play" : "Pause";
    draw();
  });
  const playRow = controlRow(playButton);
  view.canvas.after(playRow);
  if (prefersReducedMotion()) {
    pacer.pause();
    playButton.textContent = "Play";
  }
  const onKey = (event: KeyboardEvent) => {
    const down = event.type === "keydown";
    const dir = KEYS_UP.includes(event.key) ? -1 : KEYS_DOWN.includes(event.key) ? 1 : 0;
    if (dir === 0) return;
    event.preventDefault(); // arrows must move the paddle, not scroll the page
    if (down) humanMove = dir;
    else if (humanMove === dir) humanMove = 0;
  };
  if (human) {
    view.canvas.tabIndex = 0;
    view.canvas.addEventListener("keydown", onKey);
    view.canvas.addEventListener("keyup", onKey);
  }

  async function run(): Promise<void> {
    const input = new Float32Array(inputSize);
    let observation = environment.reset();
    encoder.reset();
    while (!stopped) {
      encoder.encode(observation, input);
      const probabilities = await actionProbabilities(model, input, 1);
      if (stopped) return;
      const action = sampleAction(probabilities, 0, actionCount, random);
      if (human) {
        const pong = environment as Pong;
        const lowest = PONG_FIELD_SIZE - pong.config.paddleHeight;
        const y = pong.state.opponentY + humanMove * pong.config.agentSpeed;
        pong.setState({opponentY: Math.min(lowest, Math.max(0, y))});
      }
      const result = environment.step(action);
      episodeReward += result.reward;
      steps += 1;
      last = {input: Float32Array.from(input), probabilities, action, reward: result.reward, done: result.done};
      if (result.done) {
        results.push(episodeReward);
        episodeReward = 0;
        steps = 0;
        draw(); // the final state, before the reset
        observation = environment.reset();
        encoder.reset();
      } else {
        observation = result.observation;
      }
      await pacer.tick();
    }
  }
  run().catch((error) => {
    stopped = true;
    view.describe(`The agent stopped: ${error instanceof Error ? error.message : String(error)}`);
    reportError(error);
  });
  return {
    results,
    stop() {
      stopped = true;
      pacer.resume();
      playRow.remove();
      view.canvas.removeEventListener("keydown", onKey);
      view.canvas.removeEventListener("keyup", onKey);
    }
  };
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

// npm run bench [-- <part> ...] [-- <options for the parts>]: the benchmarks, where speed,
// memory and quality targets live (never in tests). Each part is a script that prints one
// JSON object on stdout; with no part named, every part runs in turn.
//   digits  scripts/bench-digits.ts  Digits page vs bare loop, longest task, JS bytes (needs a build)
//   rl      scripts/bench-rl.ts      Cart-Pole solved within 500 episodes (3 seeds), Pong points won
//   music   scripts/bench-music.ts   share of generated tunes abcjs parses cleanly at temperature 1
//   faces   scripts/bench-faces.ts   per-group accuracy and light − dark gap of the pretrained Faces runs, sampler weights
// Options after the part names go to every part, e.g. `npm run bench -- digits --mode fallback`.
import {spawnSync} from "node:child_process";

const PARTS: Record<string, string> = {
  digits: "scripts/bench-digits.ts",
  rl: "scripts/bench-rl.ts",
  faces: "scripts/bench-faces.ts",
  music: "scripts/bench-music.ts"
};

const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith("-") && arg in PARTS);
const unknown = args.find((arg, i) => !arg.startsWith("-") && !(arg in PARTS) && !(i > 0 && args[i - 1].startsWith("--")));
if (unknown !== undefined) {
  console.error(`bench: unknown part ${JSON.stringify(unknown)}; expected any of ${Object.keys(PARTS).join(", ")}`);
  process.exit(2);
}
const options = args.filter((arg) => !named.includes(arg));
let failed = 0;
for (const part of named.length > 0 ? named : Object.keys(PARTS)) {
  console.error(`bench: ${part} (${PARTS[part]})`);
  const run = spawnSync("npx", ["tsx", PARTS[part], ...options], {stdio: "inherit"});
  if (run.status !== 0) {
    console.error(`bench: ${part} exited with ${run.status ?? run.signal}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);

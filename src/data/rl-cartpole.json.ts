// Framework data loader → data/rl-cartpole.json: the committed pretrained cartpole agent
// (data/checkpoints/rl-cartpole.json, written by `npm run pretrain -- cartpole`), or null when there
// is none, so that the page can say so instead of failing.
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const FILE = fileURLToPath(new URL("../../data/checkpoints/rl-cartpole.json", import.meta.url));
process.stdout.write(existsSync(FILE) ? readFileSync(FILE, "utf8") : "null");

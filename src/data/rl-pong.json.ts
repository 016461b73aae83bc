// Framework data loader → data/rl-pong.json: the committed pretrained pong agent
// (data/checkpoints/rl-pong.json, written by `npm run pretrain -- pong`), or null when there
// is none, so that the page can say so instead of failing.
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const FILE = fileURLToPath(new URL("../../data/checkpoints/rl-pong.json", import.meta.url));
process.stdout.write(existsSync(FILE) ? readFileSync(FILE, "utf8") : "null");

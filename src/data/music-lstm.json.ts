// Framework data loader → data/music-lstm.json: the committed pretrained checkpoint of the
// Music essay (scripts/pretrain-music.ts), or null when it has not been trained yet.
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const file = fileURLToPath(new URL("../../data/checkpoints/music-lstm.json", import.meta.url));
process.stdout.write(existsSync(file) ? readFileSync(file, "utf8") : "null");

// npm run dev: rebuilds components/ into src/_lib on change and runs Framework's preview
// server (live reload) on 127.0.0.1:3000. `npm start` serves the production build instead.
import {spawn} from "node:child_process";

const children = [
  spawn("npx", ["tsx", "scripts/bundle.ts", "--watch"], {stdio: "inherit"}),
  spawn("sh", ["-c", "npx tsx scripts/offline-npm-cache.ts && npx observable preview --host 127.0.0.1 --port 3000 --no-open"], {
    stdio: "inherit",
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1"}
  })
];
const stop = () => children.forEach((child) => child.kill());
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => code && process.exit(code));

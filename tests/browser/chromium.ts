// Where the test browser is and how it is started. Shared by the harness (which launches
// it) and tests/run.ts (which makes sure it is installed). Always a system Chromium,
// never a browser downloaded by a test tool.
import {accessSync, constants} from "node:fs";
import {delimiter, join} from "node:path";

/** "gpu": WebGPU (and WebGL) on SwiftShader, the CPU-emulated GPU; "fallback": no GPU. */
export type BrowserMode = "gpu" | "fallback";

export const BROWSER_MODES: readonly BrowserMode[] = ["gpu", "fallback"];

/** Debian's and Ubuntu's names for the same browser. */
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const COMMANDS = ["chromium", "chromium-browser"];

/** Reads MANUS_BROWSER_MODE (default "gpu"), failing early on anything else. */
export function browserMode(value = process.env.MANUS_BROWSER_MODE): BrowserMode {
  if (value === undefined || value === "") return "gpu";
  if ((BROWSER_MODES as readonly string[]).includes(value)) return value as BrowserMode;
  throw new Error(`invalid MANUS_BROWSER_MODE: "${value}" (expected ${BROWSER_MODES.join(" or ")})`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to test with: $CHROMIUM_PATH when set (it must exist), else the first of
 * /usr/bin/chromium, /usr/bin/chromium-browser, or chromium / chromium-browser on PATH.
 * Null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.CHROMIUM_PATH;
  if (override) {
    if (!isExecutable(override)) throw new Error(`CHROMIUM_PATH is not an executable file: ${override}`);
    return override;
  }
  const onPath = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const candidates = [...CANDIDATES, ...COMMANDS.flatMap((name) => onPath.map((dir) => join(dir, name)))];
  return candidates.find(isExecutable) ?? null;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Command-line switches for a test run in the given mode. Playwright adds --headless and
 * gives every launch a fresh, temporary user-data-dir of its own.
 */
export function chromiumArgs(mode: BrowserMode, {root = isRoot()}: {root?: boolean} = {}): string[] {
  const args = [
    // Chromium's own traffic (updates, sync, metrics, QUIC probes): none, so that every
    // request the tests see comes from the page.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    // No name is ever resolved: a request that got past the harness's route guard would
    // fail here instead of reaching a DNS server (the rule would also catch IP literals, hence
    // the loopback exclusions).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]"
  ];
  if (root) args.push("--no-sandbox"); // Chromium refuses to start its sandbox as root
  if (mode === "gpu") {
    args.push(
      "--enable-unsafe-webgpu",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--use-webgpu-adapter=swiftshader"
    );
  } else {
    args.push("--disable-gpu"); // no WebGPU adapter, no WebGL: tfjs must fall back
  }
  return args;
}

/** How to get a Chromium, for the message shown when none is found. */
export const INSTALL_HINT = [
  "No Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser and PATH).",
  "Install Debian's: sudo apt-get update && sudo apt-get install -y chromium",
  "or point CHROMIUM_PATH at a Chromium or Chrome binary. The tests never download a browser."
].join("\n");

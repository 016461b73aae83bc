// `npm test`: everything, from a fresh `npm ci` on Debian to both browser modes.
//   setup             system Chromium and Fashion-MNIST (apt-get as root when missing)
//   typecheck         tsc --noEmit
//   lint              eslint .
//   unit              vitest run (vitest.config.ts: tests/unit/**)
//   build             npm run build (ABC_CORPUS defaults to ../shared/data/irish.abc)
//   browser-gpu       browser tests, WebGPU on SwiftShader: pages must run on webgpu
//   browser-fallback  browser tests, --disable-gpu: pages must fall back and still work
// Stops at the first failing stage with its exit code. Options (after `npm test --`):
//   --only a,b   only these stages ("browser" = both browser stages); setup runs as needed
//   --skip a,b   all but these
//   --mode gpu|fallback   one browser mode only
//   -- <args>    passed to every vitest run, e.g. a file filter: npm test -- --only browser -- digits
// Ends with the tests that passed only on their retry (browser tests get one) and those that
// failed (stage › file › name: first line of the error), then one line
// "tests: N passed, N failed, N skipped" over every vitest run.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, rmSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {BROWSER_MODES, findChromium, INSTALL_HINT, isRoot, type BrowserMode} from "./browser/chromium.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const RESULTS = join(ROOT, "test-results");
const DEFAULT_CORPUS = resolve(ROOT, "../shared/data/irish.abc");
const FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

/**
 * The browser suites the GPU stage runs. WebGPU here is SwiftShader, a CPU emulation in
 * which a small CNN takes about 100 ms per digit, some 30 times slower than WebGL on the
 * same SwiftShader, so running every suite twice would take CI past its 20 minutes. The
 * GPU stage runs the sweep of every page (each must run on WebGPU, cleanly, with no
 * request off the machine), the harness's own checks, and the suites whose issues ask for
 * the WebGPU path itself: Digits (training steps, drawing), RL (training episodes) and Faces
 * (DB-VAE training steps, at 16 × 16 px).
 * Every suite runs in the fallback stage. `npm test -- --only browser --mode gpu -- intro`
 * runs any other suite on WebGPU.
 */
const GPU_SUITES = ["tests/browser/pages.test.ts", "tests/browser/harness.test.ts", "tests/browser/digits.test.ts", "tests/browser/rl.test.ts",
  "tests/browser/faces.test.ts"];

const STAGES = ["typecheck", "lint", "unit", "build", "browser-gpu", "browser-fallback"] as const;
type Stage = (typeof STAGES)[number];

interface Options {
  stages: Stage[];
  vitestArgs: string[];
}

class UsageError extends Error {}

/** Parses the command line into the stages to run, failing early on an unknown word. */
export function parseArgs(argv: string[]): Options {
  const dash = argv.indexOf("--");
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const vitestArgs = dash < 0 ? [] : argv.slice(dash + 1);
  let stages: Stage[] = [...STAGES];
  let mode: string | undefined;
  for (let i = 0; i < own.length; i++) {
    const arg = own[i];
    if (arg === "--help" || arg === "-h") throw new UsageError("");
    if (!["--only", "--skip", "--mode"].includes(arg)) throw new UsageError(`unknown option: "${arg}"`);
    const value = own[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    if (arg === "--only") stages = stagesIn(value);
    else if (arg === "--skip") stages = stages.filter((stage) => !stagesIn(value).includes(stage));
    else if ((BROWSER_MODES as readonly string[]).includes(value)) mode = value;
    else throw new UsageError(`invalid --mode: "${value}" (expected ${BROWSER_MODES.join(" or ")})`);
  }
  if (mode) stages = stages.filter((stage) => !stage.startsWith("browser-") || stage === `browser-${mode}`);
  return {stages, vitestArgs};
}

function stagesIn(list: string): Stage[] {
  return list.split(",").flatMap((name): Stage[] => {
    if (name === "browser") return ["browser-gpu", "browser-fallback"];
    if ((STAGES as readonly string[]).includes(name)) return [name as Stage];
    throw new UsageError(`unknown stage: "${name}" (stages: ${STAGES.join(", ")}, browser)`);
  });
}

function header(text: string): void {
  console.log(`\n━━━ ${text} ${"━".repeat(Math.max(3, 76 - text.length))}`);
}

/** Runs a command with inherited output; returns its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, {cwd: ROOT, env, stdio: "inherit"});
  if (result.error) {
    console.error(`could not start ${command}: ${result.error.message}`);
    return 127;
  }
  return result.status ?? (result.signal ? 128 + 15 : 1);
}

function canApt(): boolean {
  return isRoot() && existsSync("/etc/debian_version") && spawnSync("apt-get", ["--version"]).status === 0;
}

/** Installs Debian packages when we may (root on Debian), else says how; returns success. */
function aptInstall(packages: string[], why: string): boolean {
  if (packages.length === 0) return true;
  if (!canApt()) {
    console.error(`${why}\nInstall with: sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}`);
    if (packages.includes("chromium")) console.error("or set CHROMIUM_PATH to a Chromium binary (the tests never download a browser).");
    return false;
  }
  console.log(`${why} Installing with apt-get (we are root on Debian):`);
  const env = {...process.env, DEBIAN_FRONTEND: "noninteractive"};
  return run("apt-get", ["update"], env) === 0 && run("apt-get", ["install", "-y", ...packages], env) === 0;
}

/** Makes sure what the selected stages need from the system is there. */
function setup(stages: Stage[]): number {
  const needBrowser = stages.some((stage) => stage.startsWith("browser-"));
  const needDatasets = stages.includes("unit");
  const missing: string[] = [];
  let chromium: string | null = null;
  if (needBrowser) {
    try {
      chromium = findChromium();
    } catch (error) {
      console.error((error as Error).message); // a CHROMIUM_PATH that names no program
      return 1;
    }
    if (!chromium) missing.push("chromium");
  }
  if (needDatasets && !existsSync(FASHION_MNIST)) missing.push("dataset-fashion-mnist");
  if (missing.length && !aptInstall(missing, `Missing: ${missing.join(", ")}.`)) return 1;
  if (needBrowser) {
    chromium ??= findChromium();
    if (!chromium) {
      console.error(INSTALL_HINT);
      return 1;
    }
    process.env.CHROMIUM_PATH = chromium;
    const version = spawnSync(chromium, ["--version"], {encoding: "utf8"}).stdout?.trim();
    console.log(`browser: ${chromium} (${version || "version unknown"})`);
  }
  if (needDatasets) console.log(`Fashion-MNIST: ${FASHION_MNIST}`);
  if (process.env.ABC_CORPUS) console.log(`ABC corpus: ${process.env.ABC_CORPUS}`);
  else console.log("ABC corpus: none (ABC_CORPUS unset and ../shared/data/irish.abc absent)");
  return 0;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const totals: Counts = {passed: 0, failed: 0, skipped: 0};
/** "stage › file › test: first line of the error", for the summary at the very end: the tests
 * that failed, and those that failed once and passed on their one retry (browser stages). */
const failures: string[] = [];
const retried: string[] = [];

/** Runs vitest with a JSON report beside the usual output and adds up its counts. */
function vitest(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const report = join(RESULTS, `${name}.json`);
  rmSync(report, {force: true});
  const code = run(join(BIN, "vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += json.numFailedTests ?? 0;
    totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    failures.push(...testsWhere(name, json, (test) => test.status === "failed", true));
    retried.push(...testsWhere(name, json, (test) => test.status === "passed" && (test.failureMessages?.length ?? 0) > 0));
  }
  return code;
}

interface TestResult {
  fullName?: string;
  title: string;
  status: string;
  /** A passed test keeps the errors of the tries before its retry. */
  failureMessages?: string[];
}

interface VitestReport {
  testResults?: {name: string; status?: string; message?: string; assertionResults?: TestResult[]}[];
}

/** The tests of one vitest JSON report that `pick` selects, with the first line of their first
 * error; with `files`, also the files that failed before any of their tests ran. */
function testsWhere(stage: string, json: VitestReport, pick: (test: TestResult) => boolean, files = false): string[] {
  const lines: string[] = [];
  for (const file of json.testResults ?? []) {
    const where = relative(ROOT, file.name);
    const picked = (file.assertionResults ?? []).filter(pick);
    for (const test of picked) {
      lines.push(`${stage} › ${where} › ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
    if (files && file.status === "failed" && picked.length === 0) lines.push(`${stage} › ${where}: ${firstLine(file.message)}`);
  }
  return lines;
}

function firstLine(text: string | undefined): string {
  return (text ?? "no message").trim().split("\n")[0].slice(0, 300);
}

function runStage(stage: Stage, vitestArgs: string[]): number {
  switch (stage) {
    case "typecheck":
      return run(join(BIN, "tsc"), ["--noEmit"]);
    case "lint":
      return run(join(BIN, "eslint"), ["."]);
    case "unit":
      return vitest("unit", vitestArgs);
    case "build":
      return run("npm", ["run", "build"], {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1"});
    case "browser-gpu":
    case "browser-fallback": {
      const mode = stage.slice("browser-".length) as BrowserMode;
      if (!existsSync(join(ROOT, "dist", "index.html"))) {
        console.error("no built site in dist/: run npm run build (or include the build stage)");
        return 1;
      }
      // Without a file filter of the caller's, the GPU stage runs GPU_SUITES only (see there).
      const files = mode === "gpu" && vitestArgs.length === 0 ? GPU_SUITES : vitestArgs;
      return vitest(stage, ["-c", "vitest.browser.config.ts", ...files], {...process.env, MANUS_BROWSER_MODE: mode});
    }
  }
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function main(): number {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`npm test: ${error.message}`);
    console.error(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\nimport ")[0].replace(/^\/\/ ?/gm, ""));
    return 2;
  }
  if (!process.env.ABC_CORPUS && existsSync(DEFAULT_CORPUS)) process.env.ABC_CORPUS = DEFAULT_CORPUS;
  mkdirSync(RESULTS, {recursive: true});
  const timings: [string, string][] = [];
  const started = performance.now();

  header("setup: system packages");
  let since = performance.now();
  let code = setup(options.stages);
  timings.push(["setup", seconds(since)]);
  for (const stage of options.stages) {
    if (code !== 0) break;
    header(`${stage} (${options.stages.indexOf(stage) + 1}/${options.stages.length})`);
    since = performance.now();
    code = runStage(stage, options.vitestArgs);
    timings.push([stage, seconds(since)]);
    if (code !== 0) console.error(`\n${stage} failed (exit code ${code})`);
  }

  header(code === 0 ? "all stages passed" : "FAILED");
  for (const [stage, time] of timings) console.log(`  ${stage.padEnd(18)} ${time}`);
  console.log(`  ${"total".padEnd(18)} ${seconds(started)}`);
  for (const [heading, lines] of [["passed only on a retry (flaky: look into it):", retried], ["failed:", failures]] as const) {
    if (lines.length === 0) continue;
    console.log(heading);
    for (const line of lines) console.log(`  ${line}`);
  }
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return code;
}

process.exitCode = main();

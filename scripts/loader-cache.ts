// Framework reuses a data loader's cached output until the loader file itself is newer
// than it: a change in a module the loader imports (loaders/, components/) or in an input
// it reads goes unseen. Before every build we hash everything the loaders depend on and,
// when that hash changed, delete the cached loader outputs so that they run again.
// Framework's own import caches (_npm — our offline seed —, _node, _observablehq, …)
// are kept. Run by `npm run build`; `--force` clears whatever the hash says.
//   npx tsx scripts/loader-cache.ts [--force]
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import * as esbuild from "esbuild";

const SOURCE_ROOT = "src";
const CACHE_DIR = "src/.observablehq/cache";
const STAMP = join(CACHE_DIR, ".loaders.sha256");
/** Folders whose every file feeds the loaders: their code, their inputs. */
const INPUT_DIRS = ["loaders", "src/data", "data"];
/** Environment variables that change what a loader writes (a path: what it names counts too). */
const LOADER_ENV = ["ABC_CORPUS", "MNIST_SOURCE"];
/** A Framework data loader: `name.ext.<interpreter extension>` (Framework 1.13's list). */
const LOADER_FILE = /\.[A-Za-z0-9]+\.(js|ts|py|r|R|rs|go|java|jl|php|sh|exe)$/;
const SCRIPT_FILE = /\.(js|ts|mjs|mts|cjs|cts)$/;

/** Every file under dir, sorted, skipping dot-folders; none when dir is missing. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {withFileTypes: true})
    .filter((entry) => !entry.name.startsWith("."))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
    })
    .sort();
}

/** The loader files of the Framework site (outside src/_lib, our pre-bundle). */
export function findLoaders(root = SOURCE_ROOT): string[] {
  return listFiles(root).filter((path) => !path.startsWith(join(root, "_lib")) && LOADER_FILE.test(path));
}

/** The local (non-node_modules) modules that the given scripts import, transitively. */
async function localImports(entries: string[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const result = await esbuild.build({
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outdir: "loader-cache-analysis", // never written: write is false
    logLevel: "silent"
  });
  return Object.keys(result.metafile.inputs).filter((path) => !path.includes("node_modules"));
}

/** The hash of every loader, every file it imports or reads, and the environment it sees. */
export async function loaderHash(): Promise<{hash: string; files: string[]}> {
  const loaders = findLoaders();
  const scripts = [...loaders, ...INPUT_DIRS.flatMap(listFiles)].filter((path) => SCRIPT_FILE.test(path));
  let imported: string[];
  try {
    imported = await localImports(scripts);
  } catch {
    // An import that does not resolve will fail the build itself with a better message;
    // meanwhile count all of components/ so that nothing stale survives.
    imported = listFiles("components");
  }
  const files = [...new Set([...loaders, ...INPUT_DIRS.flatMap(listFiles), ...imported])]
    .map((path) => relative(".", resolve(path)))
    .sort();
  const hash = createHash("sha256");
  for (const path of files) hash.update(`${path}\0`).update(readFileSync(path)).update("\0");
  for (const name of LOADER_ENV) {
    const value = process.env[name] ?? "";
    hash.update(`${name}=${value}\0`);
    if (!value || !existsSync(value)) continue;
    if (statSync(value).isFile()) hash.update(readFileSync(value));
    else for (const path of listFiles(value)) hash.update(`${path} ${statSync(path).size} ${statSync(path).mtimeMs}\0`);
  }
  return {hash: hash.digest("hex"), files};
}

/** Deletes cached loader outputs, keeping Framework's own caches (names starting with _). */
export function clearLoaderOutputs(cacheDir = CACHE_DIR): string[] {
  if (!existsSync(cacheDir)) return [];
  const removed = readdirSync(cacheDir).filter((name) => !name.startsWith("_") && !name.startsWith("."));
  for (const name of removed) rmSync(join(cacheDir, name), {recursive: true, force: true});
  return removed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {hash, files} = await loaderHash();
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf8").trim() : null;
  const force = process.argv.includes("--force");
  if (force || previous !== hash) {
    const removed = clearLoaderOutputs();
    const why = force ? "--force" : previous === null ? "no record of the last build" : "loader inputs changed";
    const what = removed.length ? `cleared ${removed.map((name) => `${CACHE_DIR}/${name}`).join(", ")}` : "nothing cached";
    console.log(`loader-cache: ${why} (${files.length} files hashed); ${what}`);
  } else {
    console.log(`loader-cache: loader inputs unchanged (${files.length} files hashed); cached outputs kept`);
  }
  mkdirSync(CACHE_DIR, {recursive: true});
  writeFileSync(STAMP, `${hash}\n`);
}

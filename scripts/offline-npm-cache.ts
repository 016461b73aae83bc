// Observable Framework resolves a version for every `npm:` name that its own client
// code mentions (react-dom, duckdb, …), even when no page uses them, and asks the npm
// registry unless it finds a folder for that name in its cache. We never load those
// packages, so we seed empty cache folders and the build stays fully offline.
// Run before every build (`npm run build` does); see ../shared/PLATFORM.md.
import {existsSync, mkdirSync, readFileSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";

const CLIENT_DIR = "node_modules/@observablehq/framework/dist/client";
const CACHE_DIR = "src/.observablehq/cache/_npm";

/** The package names behind every "npm:…" specifier in Framework's client code. */
export function npmNamesIn(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of walk(dir)) {
    if (!file.endsWith(".js")) continue;
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/"npm:([^"]+)"/g)) {
      names.add(packageName(specifier));
    }
  }
  return names;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  return name.replace(/(.)@.*$/, "$1"); // drop a version range
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The installed version where there is one, so that a real local copy could match. */
function versionOf(name: string): string {
  const manifest = join("node_modules", name, "package.json");
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : "0.0.0";
}

for (const name of npmNamesIn(CLIENT_DIR)) {
  mkdirSync(join(CACHE_DIR, `${name}@${versionOf(name)}`), {recursive: true});
}

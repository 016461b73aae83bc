// All-or-nothing output for the dataset loaders: a reader of the output folder sees
// either the previous files or the complete new set, never a half-written mixture.
// Files are written into a staging folder beside the target (same file system, so the
// final moves are renames), then moved in; a failure undoes the moves already made.
import {chmod, mkdir, mkdtemp, rename, rm, stat, writeFile} from "node:fs/promises";
import {basename, dirname, join, resolve} from "node:path";

/** The file operations writeOutputs uses; tests replace them to inject failures. */
export interface FileOps {
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

const NODE_OPS: FileOps = {writeFile, rename};

/**
 * Writes `files` (plain name → contents) into `outDir`, creating it if needed, and returns
 * the written paths. Other files already in `outDir` are left alone; same-named ones are replaced.
 */
export async function writeOutputs(
  outDir: string,
  files: Record<string, Uint8Array | string>,
  ops: FileOps = NODE_OPS
): Promise<string[]> {
  const target = resolve(outDir);
  const names = Object.keys(files);
  for (const name of names) checkName(name);
  const existing = await statOrNull(target);
  if (existing && !existing.isDirectory()) throw new Error(`output ${target}: expected a folder, found a file`);
  for (const name of names) {
    if ((await statOrNull(join(target, name)))?.isDirectory()) {
      throw new Error(`output ${join(target, name)}: expected a file or nothing, found a folder`);
    }
  }
  await mkdir(dirname(target), {recursive: true});
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.staging-`));
  try {
    for (const name of names) await ops.writeFile(join(staging, name), files[name]);
    if (!existing) {
      // A missing folder appears complete in a single rename; mkdtemp made it owner-only.
      await chmod(staging, 0o755);
      await ops.rename(staging, target);
    } else {
      await moveAll(staging, target, names, ops);
    }
    return names.map((name) => join(target, name));
  } finally {
    await rm(staging, {recursive: true, force: true});
  }
}

/** Moves each staged file into `target`, keeping replaced files aside until all moves succeed. */
async function moveAll(staging: string, target: string, names: string[], ops: FileOps): Promise<void> {
  const backups = await mkdtemp(join(staging, ".replaced-"));
  const done: {name: string; replaced: boolean}[] = [];
  try {
    for (const name of names) {
      const replaced = (await statOrNull(join(target, name))) !== null;
      if (replaced) await ops.rename(join(target, name), join(backups, name));
      done.push({name, replaced});
      await ops.rename(join(staging, name), join(target, name));
    }
  } catch (error) {
    for (const {name, replaced} of done.reverse()) {
      await rm(join(target, name), {force: true});
      if (replaced) await rename(join(backups, name), join(target, name));
    }
    throw error;
  }
}

function checkName(name: string): void {
  if (name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
    throw new Error(`output file name ${JSON.stringify(name)}: expected a plain file name, no folders`);
  }
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

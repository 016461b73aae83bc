// The datasets `npm run data -- <dataset> …` knows. Each command prepares its data and
// writes it atomically to --out; adding a dataset is one entry in COMMANDS. Commands
// import their loader lazily so that one dataset's dependencies never slow another.
import {resolve} from "node:path";
import {writeOutputs} from "./output.ts";

export interface CommandArgs {
  /** --source: a file or folder to read instead of the dataset's built-in source. */
  source?: string;
  /** --out: the folder the files are written to. */
  out: string;
  /** The other --name value pairs, already checked against DatasetCommand.options. */
  options: Record<string, string>;
}

export interface DatasetCommand {
  name: string;
  /** One line, after "npm run data -- ". */
  usage: string;
  /** Flags accepted besides --source and --out; any other is a usage error. */
  options?: readonly string[];
  /** Prepares and writes the dataset; resolves to the summary printed as JSON. */
  run(args: CommandArgs): Promise<Record<string, unknown>>;
}

/** A mistake in the command line: the CLI answers with the usage and exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const mnist: DatasetCommand = {
  name: "mnist",
  usage: "mnist [--source <idx-folder>] [--seed <integer>] [--names <10 comma-separated names>] --out <dir>",
  options: ["seed", "names"],
  async run({source, out, options}) {
    const {MNIST_FILES, mnistManifest, prepareMnist, spritePng} = await import("./mnist.ts");
    if (source !== undefined && options.seed !== undefined) {
      throw new UsageError("--seed: the IDX files fix the split, expected no --seed with --source");
    }
    const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
    const names = options.names?.split(",").map((name) => name.trim());
    if (names && names.length !== 10) {
      throw new UsageError(`--names: expected 10 comma-separated names, got ${names.length}`);
    }
    const prepared = prepareMnist({source, seed});
    const manifest = mnistManifest(prepared, names);
    const files = await writeOutputs(out, {
      [MNIST_FILES.manifest]: JSON.stringify(manifest),
      [MNIST_FILES.sprite]: spritePng(prepared),
      [MNIST_FILES.labels]: prepared.labels
    });
    const {dataset, images, rows, cols, classes, sha256, train, test} = manifest;
    return {dataset, images, rows, cols, classes, sha256, train, test, seed: manifest.seed, out: resolve(out), files};
  }
};

/** The Music essay's corpus; abcjs loads only when this command runs. */
const abc: DatasetCommand = {
  name: "abc",
  usage: "abc [--source <file.abc>] --out <dir>",
  async run(args) {
    const {abcCommand} = await import("./abc-command.ts");
    return abcCommand.run(args);
  }
};

export const COMMANDS: Record<string, DatasetCommand> = {
  mnist,
  abc,
  faces: {name: "faces", usage: "faces [--source <file.h5|synthetic>] [--seed <integer>] [--test-dir <dir>] --out <dir>",
    options: ["seed", "test-dir"], run: async (args) => (await import("./faces/command.ts")).facesCommand.run(args)}
};

/** Parses an unsigned 32-bit seed, the range mulberry32 uses. */
export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed > 0xffffffff) {
    throw new UsageError(`--seed: expected an integer from 0 to 4294967295, got ${JSON.stringify(text)}`);
  }
  return seed;
}

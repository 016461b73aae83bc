// `npm run data -- faces --source <file.h5|synthetic> [--seed N] [--test-dir <dir>] --out <dir>`:
// the Faces essay's four files (format.ts), written all at once or not at all.
import {resolve} from "node:path";
import {parseSeed, UsageError, type DatasetCommand} from "../commands.ts";
import {writeOutputs} from "../output.ts";
import {DEFAULT_SEED} from "./dataset.ts";
import {facesFiles, facesManifest, prepareFaces} from "./prepare.ts";

export const facesCommand: DatasetCommand = {
  name: "faces",
  usage: "faces [--source <file.h5|synthetic>] [--seed <integer>] [--test-dir <LF/LM/DF/DM folder>] --out <dir>",
  options: ["seed", "test-dir"],
  async run({source, out, options}) {
    // cli.ts resolves --source to a path; "synthetic" names the built-in drawings.
    const synthetic = source === undefined || source === resolve("synthetic");
    const seed = options.seed === undefined ? DEFAULT_SEED : parseSeed(options.seed);
    if (options["test-dir"] === "") throw new UsageError("--test-dir: expected a folder, got an empty value");
    const testDir = options["test-dir"] === undefined ? undefined : resolve(options["test-dir"]);
    const prepared = await prepareFaces({source: synthetic ? "synthetic" : source, seed, testDir});
    const manifest = facesManifest(prepared);
    const files = await writeOutputs(out, facesFiles(prepared));
    return {
      dataset: manifest.dataset, synthetic: manifest.synthetic,
      faces: manifest.train.faces + manifest.test.faces, nonFaces: manifest.train.nonFaces + manifest.test.nonFaces,
      train: {count: manifest.train.count, faces: manifest.train.faces, nonFaces: manifest.train.nonFaces},
      test: {count: manifest.test.count, faces: manifest.test.faces, nonFaces: manifest.test.nonFaces},
      testGroups: manifest.test.groups, seed: manifest.seed, sha256: manifest.sha256, out: resolve(out), files
    };
  }
};

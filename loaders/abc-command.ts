// `npm run data -- abc [--source <irish.abc>] --out <dir>`: the Music essay's corpus,
// split into tunes with its vocabulary and abcjs parse report, as one JSON file.
import {resolve} from "node:path";
import type {DatasetCommand} from "./commands.ts";
import {corpusPayload, locateCorpus, readCorpusFile} from "./abc-corpus.ts";
import type {LocateOptions} from "./abc-corpus.ts";
import {writeOutputs} from "./output.ts";

/** The file the Music page reads; the same shape as src/data/abc-corpus.json.ts writes. */
export const ABC_OUTPUT = "abc-corpus.json";

/** The command, with corpus lookup options (environment, fetch, root) open to tests. */
export function makeAbcCommand(locate: LocateOptions = {}): DatasetCommand {
  return {
    name: "abc",
    usage: "abc [--source <file.abc>] --out <dir>   (without --source: $ABC_CORPUS, data/cache/irish.abc, download)",
    options: [],
    async run({source, out}) {
      const corpus = source === undefined ? await locateCorpus(locate) : await readCorpusFile(source, "argument");
      if (corpus.status === "missing") throw new Error(`abc: ${corpus.howTo}`);
      const payload = corpusPayload(corpus);
      await writeOutputs(out, {[ABC_OUTPUT]: JSON.stringify(payload)});
      return {
        tunes: payload.tunes.length,
        characters: payload.characters,
        vocabulary: payload.vocabulary.length,
        sha256: payload.sha256,
        parsedCleanly: payload.parse.clean,
        out: resolve(out)
      };
    }
  };
}

export const abcCommand = makeAbcCommand();

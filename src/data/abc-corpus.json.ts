// Framework data loader → data/abc-corpus.json, the tunes and vocabulary the Music page
// reads. ABC_CORPUS=<irish.abc> names the corpus; otherwise data/cache/irish.abc or the
// pinned download (see loaders/abc-corpus.ts). Without any, it writes {status: "missing",
// howTo} and the build still succeeds.
import {loadCorpusPayload} from "../../loaders/abc-corpus.ts";

process.stdout.write(JSON.stringify(await loadCorpusPayload()));

// Framework data loader → data/faces.json, the manifest the Faces page reads first (format:
// loaders/faces/format.ts). Synthetic faces by default; FACES_H5=<file.h5> reads the course's
// HDF5, FACES_TEST_DIR=<dir> a folder of LF/LM/DF/DM test PNGs, FACES_SEED the seed.
import {facesManifest, optionsFromEnv, prepareFaces} from "../../loaders/faces/prepare.ts";

prepareFaces(optionsFromEnv()).then((prepared) => process.stdout.write(JSON.stringify(facesManifest(prepared))));

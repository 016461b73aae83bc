// Framework data loader → data/faces-attributes.json, every image's ground truth, per split
// (format: loaders/faces/format.ts). Same environment as faces.json.ts.
import {facesAttributes, optionsFromEnv, prepareFaces} from "../../loaders/faces/prepare.ts";

prepareFaces(optionsFromEnv()).then((prepared) => process.stdout.write(JSON.stringify(facesAttributes(prepared))));

// Framework data loader → data/faces-train.png, the train split as an RGB sprite of 64×64 tiles
// (format: loaders/faces/format.ts). Same environment as faces.json.ts.
import {optionsFromEnv, prepareFaces, spritePng} from "../../loaders/faces/prepare.ts";

prepareFaces(optionsFromEnv()).then((prepared) => process.stdout.write(spritePng(prepared.train)));

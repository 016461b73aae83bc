// Framework data loader → data/faces-seed-study.json: the committed seed study of the Faces
// runs (scripts/faces-study.ts), checked so that a broken file fails the build by name.
import {readFileSync} from "node:fs";
import {parseStudy} from "../../components/faces/study.ts";

const file = "data/faces-seed-study.json";
process.stdout.write(JSON.stringify(parseStudy(readFileSync(file, "utf8"), file)));

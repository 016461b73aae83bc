// A folder of test faces in the course's layout: sub-folders LF, LM, DF, DM of 64×64 RGB PNGs.
// The sub-folder gives each face its group; files are read in name order.
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {decodePng} from "../png.ts";
import {emptyAttributes, FACE_CHANNELS, FACE_SIZE, GROUPS} from "./format.ts";
import type {FacesSplitData} from "./prepare.ts";

export function readTestDir(dir: string): FacesSplitData {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`${dir}: expected a folder with sub-folders ${GROUPS.join(", ")} of 64×64 PNGs, found no folder`);
  }
  const missing = GROUPS.filter((g) => !existsSync(join(dir, g)) || !statSync(join(dir, g)).isDirectory());
  if (missing.length > 0) {
    throw new Error(`${dir}: expected sub-folders ${GROUPS.join(", ")}, missing ${missing.join(", ")}`);
  }
  const files = GROUPS.flatMap((group) => readdirSync(join(dir, group))
    .filter((name) => name.toLowerCase().endsWith(".png")).sort()
    .map((name) => ({group, path: join(dir, group, name)})));
  if (files.length === 0) throw new Error(`${dir}: expected .png files in ${GROUPS.join(", ")}, found none`);
  const tile = FACE_SIZE * FACE_SIZE * FACE_CHANNELS;
  const images = new Uint8Array(files.length * tile);
  const attributes = emptyAttributes(files.length);
  files.forEach(({group, path}, k) => {
    let png;
    try {
      png = decodePng(readFileSync(path));
    } catch (error) {
      throw new Error(`${path}: expected a PNG image, could not decode it: ${(error as Error).message}`, {cause: error});
    }
    if (png.width !== FACE_SIZE || png.height !== FACE_SIZE) {
      throw new Error(`${path}: expected a 64×64 RGB PNG, got ${png.width}×${png.height}`);
    }
    // decodePng gives RGBA; the alpha channel is dropped.
    for (let p = 0; p < FACE_SIZE * FACE_SIZE; ++p) {
      for (let c = 0; c < 3; ++c) images[k * tile + p * 3 + c] = png.data[p * 4 + c];
    }
    attributes.label[k] = 1;
    attributes.kind[k] = "face";
    attributes.group[k] = group;
  });
  return {count: files.length, attributes, known: ["label", "kind", "group"], images: () => images};
}

import {describe, expect, it} from "vitest";
import {renderItems, syntheticSplits, TRAIN_TARGETS} from "../../loaders/faces/dataset.ts";
import {ATTRIBUTE_NAMES, GROUPS} from "../../loaders/faces/format.ts";
import {facesManifest, prepareFaces} from "../../loaders/faces/prepare.ts";

const SMALL = {trainFaces: 40, trainNonFaces: 40, testPerGroup: 4, testNonFaces: 16};
const FACE_ONLY = ["group", "skinTone", "presentation", "hat", "glasses", "facialHair", "hairColor", "hairStyle", "yaw",
  "roll", "light", "smile", "background"] as const;

describe("synthetic faces", () => {
  it("draws identical bytes for the same seed and different bytes for another", () => {
    const a = renderItems(syntheticSplits(11, SMALL).train);
    const b = renderItems(syntheticSplits(11, SMALL).train);
    const c = renderItems(syntheticSplits(12, SMALL).train);
    expect(a.length).toBe(80 * 64 * 64 * 3);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it("realises the stated training skew exactly and balances the test set", async () => {
    const manifest = facesManifest(await prepareFaces());
    const {train, test} = manifest.proportions;
    expect(manifest.synthetic).toBe(true);
    expect(manifest.train).toMatchObject({count: 3000, faces: 1500, nonFaces: 1500});
    expect(train.skinTone).toEqual(TRAIN_TARGETS.skinTone);
    expect(train).toMatchObject({faces: 0.5, darker: 0.04, lighter: 0.96, hat: 0.05});
    // 58 % of each tone, rounded per tone (7 of the 12 faces of tone 6): 869 of 1 500.
    expect(train.female).toBeCloseTo(0.58, 2);
    expect(train.glasses).toBeCloseTo(0.065, 3);
    expect(manifest.test).toMatchObject({count: 1400, faces: 1000, nonFaces: 400, groups: {LF: 250, LM: 250, DF: 250, DM: 250}});
    expect(test).toMatchObject({darker: 0.5, female: 0.5, hat: 0.2, glasses: 0.2});
    expect(manifest.groups).toEqual([...GROUPS]);
  });

  it("paints the stated share of the non-faces in skin colours and says so in the description", async () => {
    // Blobs 25 % (all skin-coloured) + round things, objects and textures 60 % × SKIN_COLORED_SHARE
    // 0.5 = 55 %, rounded per kind: 826 of the 1 500 training non-faces, 220 of the 400 test ones.
    const manifest = facesManifest(await prepareFaces());
    expect(manifest.proportions.train.skinColoredNonFaces).toBe(0.5507);
    expect(manifest.proportions.test.skinColoredNonFaces).toBe(0.55);
    expect(manifest.description).toContain("4 % of them darker-skinned");
    expect(manifest.description).toContain("55.1 % of them painted in darker skin tones");
  });

  it("gives every image a full attribute record, with face attributes null for non-faces", async () => {
    const prepared = await prepareFaces();
    for (const split of [prepared.train, prepared.test]) {
      const a = split.attributes;
      for (const name of ATTRIBUTE_NAMES) expect(a[name], name).toHaveLength(split.count);
      a.label.forEach((label, i) => {
        for (const name of FACE_ONLY) expect(a[name][i] === null, `${name}[${i}]`).toBe(label === 0);
        expect(a.kind[i] === "face").toBe(label === 1);
        if (label === 1) expect(a.group[i]).toBe(`${(a.skinTone[i] as number) <= 3 ? "L" : "D"}${a.presentation[i]}`);
      });
    }
  });

  it("cannot be told apart by mean colour alone: the best threshold on any mean-colour feature stays under 80 %", () => {
    const items = syntheticSplits(3, {trainFaces: 250, trainNonFaces: 250, testPerGroup: 1, testNonFaces: 1}).train;
    const pixels = renderItems(items);
    const tile = 64 * 64 * 3;
    const features = items.map((_, i) => {
      const mean = [0, 0, 0];
      for (let p = 0; p < tile; ++p) mean[p % 3] += pixels[i * tile + p] / (64 * 64);
      const [r, g, b] = mean;
      return [r, g, b, (r + g + b) / 3, r - b, r - g];
    });
    const labels = items.map((item) => (item.face ? 1 : 0));
    const accuracies = features[0].map((_, f) => bestThreshold(features.map((x) => x[f]), labels));
    // Measured with seed 3: 0.55 (mean R) to 0.69 (R − G); a logistic regression on mean RGB: 0.63.
    expect(Math.max(...accuracies)).toBeLessThan(0.8);
  });
});

/** The best accuracy of a rule "x > t is a face" or "x ≤ t is a face" over all thresholds t. */
function bestThreshold(values: number[], labels: number[]): number {
  const order = values.map((v, i) => [v, labels[i]]).sort((a, b) => a[0] - b[0]);
  const faces = labels.reduce((n, l) => n + l, 0);
  let below = 0, best = 0;
  order.forEach(([, label], k) => {
    below += label;
    const aboveFaces = faces - below, belowNon = k + 1 - below;
    const accuracy = (aboveFaces + belowNon) / values.length;
    best = Math.max(best, accuracy, 1 - accuracy);
  });
  return best;
}


import {describe, expect, it} from "vitest";
import {addTuneStats, emptyStats, proportions, statsOf, totalVariation} from "../../loaders/abc-stats.ts";

const head = (key: string) => `X:1\nT:t\nM:4/4\nL:1/8\nK:${key}\n`;
/** Pitch classes as counts by name, only those present. */
function classes(abc: string): Record<string, number> {
  const names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"];
  return Object.fromEntries(addTuneStats(abc).pitchClasses.flatMap((n, i) => (n > 0 ? [[names[i], n]] : [])));
}

describe("addTuneStats", () => {
  it("counts pitch classes in C, whatever the octave", () => {
    expect(classes(`${head("C")}C D E F G A B c|d' e, C,,|`)).toEqual({C: 3, D: 2, E: 2, F: 1, G: 1, A: 1, B: 1});
  });

  it("applies the key signature to notes without an accidental of their own", () => {
    // D major: F and C are sharp.
    expect(classes(`${head("D")}D F A c|=f ^G _B|`)).toEqual({D: 1, "F#": 1, A: 1, "C#": 1, F: 1, "G#": 1, Bb: 1});
  });

  it("keeps an accidental for the same note until the bar line, and not in other octaves", () => {
    expect(classes(`${head("C")}^F F f|F|`)).toEqual({"F#": 2, F: 2});
  });

  it("counts each note of a chord, and a chord's length once; rests add nothing", () => {
    const stats = addTuneStats(`${head("C")}[CEG]2 z2 C/ C3|`);
    expect(stats.pitchClasses.reduce((a, b) => a + b)).toBe(5);
    // L:1/8 — [CEG]2 is a quarter, C/ a sixteenth, C3 a dotted quarter.
    expect(stats.lengths).toEqual([1, 0, 0, 1, 1, 0, 0]);
  });

  it("bins lengths by whole-note fractions whatever L: says, and puts odd ones last", () => {
    expect(addTuneStats("X:1\nL:1/4\nK:C\nC C/ C3/2 C7|").lengths).toEqual([0, 1, 0, 1, 1, 0, 1]);
  });

  it("adds nothing for a tune without notes", () => {
    expect(addTuneStats(`${head("C")}z4|z4|`)).toEqual(emptyStats());
    expect(addTuneStats("% a comment only")).toEqual(emptyStats());
  });
});

describe("statsOf, proportions and totalVariation", () => {
  it("sums tunes, and measures distance as the share of notes that must change class", () => {
    const a = statsOf([`${head("C")}C C C C|`]);
    const b = statsOf([`${head("C")}C C G G|`]);
    expect(proportions(b.pitchClasses)[0]).toBe(0.5);
    expect(totalVariation(a.pitchClasses, a.pitchClasses)).toBe(0);
    expect(totalVariation(a.pitchClasses, b.pitchClasses)).toBe(0.5);
    expect(totalVariation(a.pitchClasses, statsOf([`${head("C")}D E|`]).pitchClasses)).toBe(1);
    expect(totalVariation(a.pitchClasses, emptyStats().pitchClasses)).toBeNaN();
    expect(statsOf([`${head("C")}C C C C|`, `${head("C")}C C G G|`]).pitchClasses[0]).toBe(6);
  });
});

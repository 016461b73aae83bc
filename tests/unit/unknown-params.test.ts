import {describe, expect, test} from "vitest";
import {normalizeDigitsParams} from "../../components/digits/params.ts";
import {normalizeFacesParams} from "../../components/faces/params.ts";
import {normalizeIntroParams} from "../../components/intro/params.ts";
import {MUSIC_URL_CONTROLS, normalizeMusicParams} from "../../components/music/params.ts";
import {normalizeRlParams} from "../../components/rl/params.ts";
import {INTRO_URL_CONTROLS} from "../../components/embed/permalinks.ts";

/** Each essay's normalize step with a search that uses every parameter of its own, valid. */
const ESSAYS = [
  {essay: "digits", normalize: normalizeDigitsParams, search: "?model=fc&lr=0.01&batch=128&epochs=3&seed=7&test=200"},
  {essay: "music", normalize: normalizeMusicParams, search: `?${Object.keys(MUSIC_URL_CONTROLS).map((name) => `${name}=`).join("&")}`},
  {essay: "rl", normalize: normalizeRlParams, search: "?seed=3&lr=0.01&parallel=4&episodes=100&gamma=0.9&speed=max&pspeed=4&opponent=human"},
  {essay: "intro", normalize: normalizeIntroParams, search: `?${Object.keys(INTRO_URL_CONTROLS).map((name) => `${name}=`).join("&")}`},
  {essay: "faces", normalize: normalizeFacesParams, search: "?steps=20&kl=0.001&alpha=0.5&bins=5&combine=product&debias=off&face=3&z1=1&z5=-1&test=100"}
];

const unknownNote = /not a setting|not settings/;

describe("a parameter the page does not read is named in a note", () => {
  for (const {essay, normalize, search} of ESSAYS) {
    test(`${essay}: its own parameters and ?backend= raise no such note; a misspelt one does, once`, () => {
      expect(normalize(`${search}&backend=wasm`).notes.filter((note) => unknownNote.test(note))).toEqual([]);
      const notes = normalize(`${search}&leraning_rate=0.1`).notes.filter((note) => unknownNote.test(note));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^The parameter "leraning_rate" is not a setting of this page, so it is ignored \(it reads .*backend\)\.$/);
    });
  }

  test("several unknown names go in one note: five named, the rest counted, each quoted and cut", () => {
    const hostile = `<img src=x onerror=alert(1)>${"x".repeat(100)}`;
    const search = `?${new URLSearchParams([["a", "1"], [hostile, "2"], ["c", "3"], ["d", "4"], ["e", "5"], ["f", "6"], ["g", "7"], ["a", "8"]])}`;
    const notes = normalizeDigitsParams(search).notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^The parameters "a", "<img src=x onerror=alert\(1\)>x{12}…", "c", "d", "e" and 2 more are not settings of this page, so they are ignored/);
  });
});

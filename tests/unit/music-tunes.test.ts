import {describe, expect, it} from "vitest";
import {extractTunes, isWholeTune, parseShare, titleOf} from "../../components/music/tunes.ts";

const REEL = "X:1\nT:The Test Reel\nM:4/4\nL:1/8\nK:D\n|:DFAF dFAF|GBdB AFED:|";

describe("extractTunes", () => {
  it("finds whole tunes and marks the one cut off at the end of the text", () => {
    const text = `${REEL}\n\n${REEL.replace("X:1", "X:2")}\n\nX:3\nT:Cut\nK:G\nGABc`;
    const tunes = extractTunes(text);
    expect(tunes.map((t) => t.truncated)).toEqual([false, false, true]);
    expect(tunes[0].title).toBe("The Test Reel");
    expect(tunes[0].warnings).toEqual([]);
    expect(parseShare(tunes)).toEqual({tunes: 2, clean: 2, share: 1});
  });

  it("drops blocks without an X: field, a K: field or music after K:", () => {
    expect(isWholeTune("T:No number\nK:D\nDFA")).toBe(false);
    expect(isWholeTune("X:1\nT:No key\nDFA")).toBe(false);
    expect(isWholeTune("X:1\nT:Header only\nK:D")).toBe(false);
    expect(isWholeTune(REEL)).toBe(true);
  });

  it("reports abcjs's warnings as plain text", () => {
    const [tune] = extractTunes(`X:1\nT:Bad\nK:D\n|:DF!foo!AF dFAF|\n\n`, {complete: true});
    expect(tune.truncated).toBe(false);
    expect(tune.warnings.length).toBeGreaterThan(0);
    for (const w of tune.warnings) expect(w).not.toMatch(/<[a-z]/i);
  });

  it("titleOf strips control characters and keeps markup as text", () => {
    expect(titleOf("X:1\nT:<img src=x onerror=alert(1)>\u0007\nK:D")).toBe("<img src=x onerror=alert(1)>");
    expect(titleOf("X:1\nK:D\nabc")).toBe("");
  });

  it("parseShare is NaN when there is no whole tune", () => {
    expect(parseShare([]).share).toBeNaN();
  });
});

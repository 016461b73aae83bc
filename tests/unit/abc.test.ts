import {describe, expect, it} from "vitest";
import {
  MAX_CORPUS_BYTES,
  buildVocabulary,
  countCharacters,
  decodeCorpus,
  devectorize,
  joinTunes,
  parseReport,
  readTunes,
  splitTunes,
  vectorize
} from "../../loaders/abc.ts";

const TUNE_1 = "X:1\nT:One\nM:4/4\nK:D\nABcd|efga|]";
const TUNE_2 = "X:2\nT:Two\nM:3/4\nK:G\nGAB|cde|]";
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("splitTunes", () => {
  it("splitTunes(text) splits tunes at a blank line and drops the final newline", () => {
    expect(splitTunes(`${TUNE_1}\n\n${TUNE_2}\n`)).toEqual([TUNE_1, TUNE_2]);
  });

  it("splitTunes(text) treats a run of blank and whitespace-only lines as one separator", () => {
    expect(splitTunes(`\n\n${TUNE_1}\n \n\t\n\n   \n${TUNE_2}\n\n\n`)).toEqual([TUNE_1, TUNE_2]);
  });

  it("splitTunes(text) strips a UTF-8 byte order mark", () => {
    expect(splitTunes(`\uFEFF${TUNE_1}`)).toEqual([TUNE_1]);
  });

  it("splitTunes(text) turns CRLF and lone CR line ends into LF", () => {
    const crlf = `${TUNE_1}\n\n${TUNE_2}\n`.replace(/\n/g, "\r\n");
    const cr = `${TUNE_1}\n\n${TUNE_2}\n`.replace(/\n/g, "\r");
    expect(splitTunes(crlf)).toEqual([TUNE_1, TUNE_2]);
    expect(splitTunes(cr)).toEqual([TUNE_1, TUNE_2]);
  });

  it("splitTunes(text) keeps a tune without X:", () => {
    const headerOnly = "T:No number\nK:Am\nABc|";
    const notesOnly = "A,C|D2 (3DDD DFAA|";
    expect(splitTunes(`${headerOnly}\n\n${TUNE_1}\n\n${notesOnly}`)).toEqual([headerOnly, TUNE_1, notesOnly]);
  });

  it("splitTunes(text) splits two tunes with a new X: line and no blank line between them", () => {
    expect(splitTunes(`${TUNE_1}\n${TUNE_2}\n${TUNE_1}`)).toEqual([TUNE_1, TUNE_2, TUNE_1]);
  });

  it("splitTunes(text) splits a tune without X: from an X: tune that follows it directly", () => {
    expect(splitTunes(`T:Loose\nK:C\nCDE|\n${TUNE_1}`)).toEqual(["T:Loose\nK:C\nCDE|", TUNE_1]);
  });

  it("splitTunes(text) keeps comments and %% directives inside their tune", () => {
    const tune = "% from a session in Ennis\nX:3\nT:Three\n%%MIDI program 73\nK:D\nABc|% a note\n% end of part A\ndef|]";
    expect(splitTunes(`${tune}\n\n${TUNE_1}`)).toEqual([tune, TUNE_1]);
  });

  it("splitTunes(text) keeps a trailing comment with the tune it ends", () => {
    expect(splitTunes(`${TUNE_1}\n% last line\n\n${TUNE_2}`)).toEqual([`${TUNE_1}\n% last line`, TUNE_2]);
  });

  it("splitTunes(text) gives comments just before an X: line to the tune that follows", () => {
    const text = `${TUNE_1}\n% tune two, from a 1907 book\n${TUNE_2}`;
    expect(splitTunes(text)).toEqual([TUNE_1, `% tune two, from a 1907 book\n${TUNE_2}`]);
  });

  it("splitTunes(text) does not count a block made only of comments and directives as a tune", () => {
    const text = `%abc-2.1\n%%pagewidth 21cm\n\n${TUNE_1}\n\n% just a remark\n  % indented\n\n${TUNE_2}`;
    expect(splitTunes(text)).toEqual([TUNE_1, TUNE_2]);
  });

  it("splitTunes(text) keeps a truncated last tune cut mid-line", () => {
    expect(splitTunes(`${TUNE_1}\n\nX:2\nT:Two\nK:G\nGAB|c`)).toEqual([TUNE_1, "X:2\nT:Two\nK:G\nGAB|c"]);
  });

  it("splitTunes(text) finds no tune in empty, blank or comment-only text", () => {
    expect(splitTunes("")).toEqual([]);
    expect(splitTunes("\n \n\t\n")).toEqual([]);
    expect(splitTunes("% nothing here\n%%directive")).toEqual([]);
  });

  it("splitTunes(text) loses and merges nothing in a mixed file", () => {
    const tunes = Array.from({length: 50}, (_, i) => `X:${i}\nT:Tune ${i}\nK:D\nABc ${i}|]`);
    const text = tunes.map((tune, i) => (i % 3 === 0 ? `${tune}\n` : `${tune}\n${" ".repeat(i % 4)}\n\n`)).join("");
    expect(splitTunes(text)).toEqual(tunes);
  });

  it("splitTunes(text) runs in linear time on a 10 MB line and a million blank lines", () => {
    const start = performance.now();
    expect(splitTunes(`X:1\n${"a".repeat(10_000_000)}`)).toHaveLength(1);
    expect(splitTunes(`${" ".repeat(10_000_000)}x`)).toHaveLength(1);
    expect(splitTunes(`${TUNE_1}${"\n \t".repeat(1_000_000)}\n${TUNE_2}`)).toEqual([TUNE_1, TUNE_2]);
    expect(performance.now() - start).toBeLessThan(5_000); // ≈ 0.5 s measured here; a quadratic split would take hours
  });

  it("splitTunes(text) keeps 200 000 comment lines inside one tune, in a run or interleaved", () => {
    const run = `X:1\nK:D\n${"% a remark\n".repeat(200_000)}ABc|]`;
    const interleaved = `X:1\nK:D\n${"ABc|\n% a remark\n".repeat(200_000)}ABc|]`;
    expect(splitTunes(run)).toEqual([run]);
    expect(splitTunes(interleaved)).toEqual([interleaved]);
  });

  it("splitTunes(text) refuses text over the 50 MiB limit and names the limit", () => {
    expect(() => splitTunes("a".repeat(MAX_CORPUS_BYTES + 1), "huge.abc")).toThrow(
      `huge.abc: expected at most ${MAX_CORPUS_BYTES} characters (the 50 MiB limit), found ${MAX_CORPUS_BYTES + 1}`
    );
  });
});

describe("decodeCorpus and readTunes", () => {
  it("decodeCorpus(bytes, file) decodes UTF-8 and drops a byte order mark", () => {
    expect(decodeCorpus(encode("\uFEFFX:1\nT:Caoineadh Uí Néill"), "a.abc")).toBe("X:1\nT:Caoineadh Uí Néill");
  });

  it("decodeCorpus(bytes, file) names the file when the bytes are not UTF-8", () => {
    const latin1 = new Uint8Array([0x58, 0x3a, 0x31, 0x0a, 0x54, 0x3a, 0xe9, 0x0a]); // "X:1\nT:é" in Latin-1
    expect(() => decodeCorpus(latin1, "latin1.abc")).toThrow(
      "latin1.abc: expected UTF-8 text, found bytes that do not decode as UTF-8"
    );
  });

  it("decodeCorpus(bytes, file) refuses more than 50 MiB of bytes", () => {
    expect(() => decodeCorpus(new Uint8Array(MAX_CORPUS_BYTES + 1), "big.abc")).toThrow(/big\.abc: expected at most/);
  });

  it("readTunes(bytes, file) names the file when it holds no tune", () => {
    expect(() => readTunes(encode("% only a comment\n\n\n"), "empty.abc")).toThrow(
      "empty.abc: expected at least one ABC tune, found none"
    );
  });

  it("readTunes(bytes, file) splits a CRLF file with a BOM", () => {
    expect(readTunes(encode(`\uFEFF${TUNE_1}\r\n\r\n${TUNE_2}\r\n`), "win.abc")).toEqual([TUNE_1, TUNE_2]);
  });
});

describe("vocabulary", () => {
  it("buildVocabulary(tunes) lists the unique characters of the joined tunes in code-point order", () => {
    const vocabulary = buildVocabulary(["ba", "ca"]);
    expect(joinTunes(["ba", "ca"])).toBe("ba\n\nca");
    expect(vocabulary.chars).toEqual(["\n", "a", "b", "c"]);
    expect(vocabulary.charToIndex.get("c")).toBe(3);
  });

  it("buildVocabulary(tunes) keeps a character outside the BMP as one entry", () => {
    expect(buildVocabulary(["a𝄞"]).chars).toEqual(["a", "𝄞"]);
  });

  it("vectorize(text, vocabulary) and devectorize(ids, vocabulary) are inverses", () => {
    const tunes = [TUNE_1, TUNE_2];
    const vocabulary = buildVocabulary(tunes);
    const ids = vectorize(joinTunes(tunes), vocabulary);
    expect(ids).toBeInstanceOf(Int32Array);
    expect(ids.length).toBe(joinTunes(tunes).length);
    expect(devectorize(ids, vocabulary)).toBe(joinTunes(tunes));
  });

  it("vectorize(text, vocabulary) gives one id per code point", () => {
    const vocabulary = buildVocabulary(["a𝄞b"]);
    expect([...vectorize("𝄞ab", vocabulary)]).toEqual([2, 0, 1]);
    expect(countCharacters("𝄞ab")).toBe(3);
  });

  it("vectorize(text, vocabulary) names an unknown character and its position", () => {
    const vocabulary = buildVocabulary(["abc"]);
    expect(() => vectorize("abzc", vocabulary)).toThrow(
      'vectorize: expected a character of the 3-character vocabulary, found "z" (U+007A) at position 2'
    );
  });

  it("devectorize(ids, vocabulary) names an id outside the vocabulary and its position", () => {
    expect(() => devectorize([0, 7], buildVocabulary(["ab"]))).toThrow(
      "devectorize: expected an id in [0, 1], found 7 at position 1"
    );
  });
});

describe("parseReport", () => {
  it("parseReport(tunes) counts tunes abcjs reads cleanly and with warnings, quoting warnings as plain text", () => {
    const report = parseReport([TUNE_1, "X:9\nT:Bad\nK:D\nab[c|d", TUNE_2, "X:10\nK:D\nM:x/8\nabc|"]);
    expect(report.clean).toBe(2);
    expect(report.withWarnings).toBe(2);
    expect(report.examples[0]).toMatch(/^tune 1: /);
    expect(report.examples.join("\n")).not.toMatch(/<span/);
    expect(report.milliseconds).toBeGreaterThanOrEqual(0);
  });

  it("parseReport(tunes, maxExamples) keeps only the first few warnings", () => {
    const bad = Array.from({length: 8}, () => "X:1\nK:D\nab[c|d");
    expect(parseReport(bad, 3).examples).toHaveLength(3);
  });
});

describe("decodeCorpus(bytes, file) and HTML", () => {
  it("refuses an HTML page saved under the corpus's name, naming the file", () => {
    const page = new TextEncoder().encode("\uFEFF  <!DOCTYPE html><html><script>alert(1)</script></html>");
    expect(() => decodeCorpus(page, "irish.abc")).toThrow(/^irish\.abc: expected ABC notation, found what looks like an HTML page/);
  });
});

describe("readTunes(bytes, file) refuses what is not ABC, naming the file", () => {
  const refuse = (text: string | Uint8Array, pattern: RegExp) =>
    expect(() => readTunes(typeof text === "string" ? encode(text) : text, "upload.abc")).toThrow(pattern);

  it("an empty file, or one of blanks only", () => {
    refuse("", /^upload\.abc: the file is empty; expected ABC notation$/);
    refuse("\uFEFF \n\r\n\t\n", /^upload\.abc: the file is empty/);
  });

  it("an HTML page, with or without a doctype", () => {
    refuse("<html><body>X:1</body></html>", /^upload\.abc: expected ABC notation, found what looks like an HTML page/);
    refuse("\n  <body><p>Not found</p></body>", /found what looks like an HTML page/);
  });

  it("binary data that happens to decode as UTF-8, with the first control character and its line", () => {
    refuse(new Uint8Array([0x58, 0x3a, 0x31, 0x0a, 0x00, 0x01, 0x02]), /^upload\.abc: expected ABC notation, found binary data \(control character U\+0000 on line 2\)$/);
  });

  it("JSON, such as exported weights picked by mistake", () => {
    refuse('{"format": "manus-checkpoint", "weights": [1, 2]}', /^upload\.abc: expected ABC notation, found JSON data/);
    refuse("[1, 2, 3]", /found JSON data/);
  });

  it("prose with no ABC field line", () => {
    refuse("Dear reader,\nthis is a letter, not a tune.\n", /^upload\.abc: expected ABC notation \(field lines such as X:1, T:title, K:D\), found text without any$/);
  });

  it("but keeps a tune without X:, tabs and a form feed", () => {
    expect(readTunes(encode("T:No number\nK:G\n\tGABc|\f\n"), "upload.abc")).toEqual(["T:No number\nK:G\n\tGABc|\f"]);
  });
});

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";

import { baseName, gapEntries, gapsTitle, oneLine, parseGaps, parseSearchHits, searchEntries } from "../src/items";

const rel = (uri: string) => uri.replace("file:///vault/", "");
const range = (line: number, character = 2) => ({ start: { line, character }, end: { line, character: character + 10 } });

describe("gaps", () => {
  it("parses the notes.gaps result and drops malformed entries", () => {
    const gaps = parseGaps([
      { uri: "file:///vault/ds.md", range: range(4), question: "Bloom filter" },
      { uri: "file:///vault/ds.md", question: "no range" },
      { range: range(1), question: "no uri" },
      "junk",
      { uri: "file:///vault/a.md", range: range(0) },
    ]);
    assert.equal(gaps.length, 2);
    assert.deepEqual(gaps[0], { uri: "file:///vault/ds.md", range: range(4), question: "Bloom filter" });
    assert.equal(gaps[1].question, "");
  });

  it("keeps where another note answers a gap", () => {
    const answeredIn = { uri: "file:///vault/qa.md", range: range(2, 0), label: "qa.md › Python › GIL" };
    const gaps = parseGaps([
      { uri: "file:///vault/ds.md", range: range(4), question: "GIL", answeredIn },
      { uri: "file:///vault/ds.md", range: range(6), question: "Trie", answeredIn: { label: 7 } },
    ]);
    assert.equal(gaps[0].answeredIn, "qa.md › Python › GIL");
    assert.equal(gaps[1].answeredIn, undefined);
    const entries = gapEntries(gaps, rel);
    assert.deepEqual(
      entries.map((e) => e.detail),
      ["answered in qa.md › Python › GIL", undefined],
    );
  });

  it("returns no gaps for a null result", () => {
    assert.deepEqual(parseGaps(null), []);
    assert.deepEqual(parseGaps({}), []);
  });

  it("lists gaps by file and line with 1-based line numbers", () => {
    const entries = gapEntries(
      [
        { uri: "file:///vault/z.md", range: range(9), question: "Trie" },
        { uri: "file:///vault/a.md", range: range(7), question: "Skip list" },
        { uri: "file:///vault/a.md", range: range(3), question: "Bloom   filter\n" },
      ],
      rel,
    );
    assert.deepEqual(
      entries.map((e) => [e.label, e.description]),
      [
        ["Bloom filter", "a.md:4"],
        ["Skip list", "a.md:8"],
        ["Trie", "z.md:10"],
      ],
    );
    assert.deepEqual(entries[0].range, range(3));
    assert.equal(entries[0].uri, "file:///vault/a.md");
  });

  it("titles the list", () => {
    assert.equal(gapsTitle(0), "No unanswered questions");
    assert.equal(gapsTitle(1), "1 unanswered question");
    assert.equal(gapsTitle(3), "3 unanswered questions");
  });
});

describe("search", () => {
  const hits = [
    { uri: "file:///vault/py/gil.md", path: "py/gil.md", line: 2, heading: "GIL (Global Interpreter Lock)", snippet: "The GIL is a\nmutex", score: 3.5 },
    { uri: "file:///vault/ds.md", path: "ds.md", line: 0, heading: "", snippet: "", score: 7 },
  ];

  it("parses the notes.search result", () => {
    assert.deepEqual(parseSearchHits(hits), hits);
    assert.deepEqual(parseSearchHits([{ uri: "file:///x.md", line: -1 }]), [
      { uri: "file:///x.md", path: "", line: 0, heading: "", snippet: "", score: 0 },
    ]);
    assert.deepEqual(parseSearchHits(undefined), []);
  });

  it("orders by score and jumps to the hit's line", () => {
    const entries = searchEntries(hits, rel);
    assert.deepEqual(
      entries.map((e) => [e.label, e.description, e.detail]),
      [
        ["ds.md", "ds.md:1", undefined],
        ["GIL (Global Interpreter Lock)", "py/gil.md:3", "The GIL is a mutex"],
      ],
    );
    assert.deepEqual(entries[1].range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
  });

  it("falls back to the URI when the server sends no path", () => {
    const [entry] = searchEntries([{ ...hits[0], path: "" }], rel);
    assert.equal(entry.description, "py/gil.md:3");
  });
});

describe("text helpers", () => {
  it("shortens long text to one line", () => {
    assert.equal(oneLine("a\n b\t c"), "a b c");
    const long = oneLine("x".repeat(300), 10);
    assert.equal(long.length, 10);
    assert.ok(long.endsWith("…"));
  });
  it("takes the decoded last path segment", () => {
    assert.equal(baseName("file:///vault/my%20note.md"), "my note.md");
    assert.equal(baseName("dir\\note.md"), "note.md");
  });
});

import fc from "fast-check";
import matter from "gray-matter";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { frontMatterData } from "../../src/pipeline/parse-file.ts";

/** What the parser did before it cut the block itself: gray-matter, with js-yaml's core schema as its engine. */
const ENGINES = { yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object };
const outcome = (read: () => unknown) => {
  try {
    return { data: read() };
  } catch (error) {
    const { reason, mark } = error as { reason?: string; mark?: { line: number } };
    return { reason, line: mark?.line };
  }
};
const viaGrayMatter = (text: string) => outcome(() => matter(text, { engines: ENGINES }).data);
const direct = (text: string) => outcome(() => frontMatterData(text));

/** Files that pass the opening and closing fence checks, from pieces that sit near gray-matter's edge cases. */
const PIECES = [
  "title: A",
  "title: 'B'",
  "# a comment",
  "  # indented comment",
  "#",
  "\u00a0#x",
  "\t",
  "",
  "---",
  "----",
  "--- x",
  "---\t",
  "...",
  "a: |\n  # not a comment\n",
  "b: [1, 2]",
  "- item",
  "c: *x",
  "d: &x 1",
  "e: 2001-02-31",
  "\u2028",
  "key: \"unclosed",
];

describe("frontMatterData: the block gray-matter would cut, parsed as it would be", () => {
  it.each([
    "---\ntitle: A\n---\nbody",
    "--- \t\ntitle: A\n---\n",
    "---\n# only a comment\n---\n",
    "---\n\n  \n---\n",
    "---\ntitle: A\n----\nb: 1\n---\n",
    "---\ntitle: A\n--- x\n---\n",
    "---\n\u00a0#x\n---\n",
    "---\n#\n---\n",
    "---\ntitle: [\n---\n",
  ])("%j", (text) => {
    expect(direct(text)).toEqual(viaGrayMatter(text));
  });

  it("agrees with gray-matter on any file built of its edge cases", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary" })), { maxLength: 8 }), fc.constantFrom("", " ", "\t "), (lines, pad) => {
        const text = `---${pad}\n${lines.join("\n")}\n---\n`;
        expect(direct(text)).toEqual(viaGrayMatter(text));
      }),
      { numRuns: 2000 },
    );
  });
});

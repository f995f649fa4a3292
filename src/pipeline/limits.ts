import { LONE_SURROGATE } from "../contract/names.ts";

/**
 * How much of anything one content file may hold: every limit of the content format in one
 * place (docs/CONTENT_FORMAT.md, "Limits, and why these figures", explains each figure).
 * A value over a text or list limit is cut, with a warning that names the file and field;
 * a file over the size or expansion limit is left out like any invalid file.
 */
export const CONTENT_LIMITS = {
  /**
   * Bytes in one file. The seed is 4.6 kB; a file at every other limit below with
   * realistic URLs is about 200 kB.
   */
  fileBytes: 512 * 1024,
  /**
   * Characters (after trimming) kept of each text field; longer text is cut at a word
   * boundary and ends in "…". Headlines run to about 150 characters, summaries to a few
   * sentences.
   */
  text: {
    title: 300,
    excerpt: 1000,
    /** An outlet's name. */
    outletName: 100,
    topic: 60,
    category: 60,
    type: 60,
    imageTitle: 300,
  },
  /** Characters in a URL, as the sitemap protocol allows: a longer one is dropped like any unusable URL. */
  urlLength: 2048,
  /** Entries kept of each list, the first ones; an article is listed in at most `topics` topics. */
  lists: {
    topics: 20,
    images: 10,
    related: 50,
    /** Per related item. */
    relatedImages: 10,
  },
  /**
   * What YAML aliases may expand a file into: values plus characters of text, at most this
   * many times the file's own characters (written out, a file holds fewer than twice as
   * many), and never less than about the largest article the limits above allow, so that a
   * dumper sharing one list between items stays welcome. A file that repeats values through
   * aliases until it outgrows that ("billion laughs"), or whose alias refers to itself, is
   * left out, as is one that uses aliases with keys that are not plain names.
   */
  expansion: { perCharacter: 2, atLeast: 1_000_000 },
  /** Lists and mappings inside one another: the format needs five (related[0].images[0].url). */
  depth: 8,
} as const;

export type TextField = keyof typeof CONTENT_LIMITS.text;

/** Anything `cleanText` would change: a control character, a surrogate, whitespace other than single spaces inside. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NEEDS_CLEANING = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\u00A0\u1680\u2000-\u200B\u2028-\u202F\u205F\u2066-\u2069\u3000\uFEFF]| {2}|^ | $/;

/** Characters that change how text around them is shown but are not text: directional overrides and isolates, the zero-width space, a stray BOM. */
const INVISIBLE = /[\u200B\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Lone surrogates become U+FFFD; control characters other than whitespace go, and so do
 * directional overrides (a name written backwards to pass for another) and zero-width
 * spaces; NEL and whitespace runs become one space.
 */
export function cleanText(value: string): string {
  // Most text is clean already: one scan to say so is far cheaper than four replacements.
  if (!NEEDS_CLEANING.test(value)) return value;
  return value
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(INVISIBLE, "")
    .replace(/\u0085/g, " ")
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Characters as a person counts them: code points. */
export const lengthOf = (value: string): number => {
  let count = 0;
  for (const _point of value) count++;
  return count;
};

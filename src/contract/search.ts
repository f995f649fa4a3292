import type { Summary } from "./types.ts";

/**
 * Full-text search: what a word is, and the shape of the search files. The pipeline
 * indexes words with this rule and the app splits a query and marks matches with the
 * same one, so a highlighted word is always a word the index matched.
 *
 * The index is split by word: `search/index.json` lists where each file's words begin,
 * and a query fetches only the files that hold its words. What is indexed is stories (an
 * article and those that cover the same story, as every list shows them), numbered in the
 * Latest feed's order, so a match is shown from the feed page that already holds it.
 */

/** Case and accents set aside: "Élection" and "election" read alike. */
export const normaliseText = (text: string): string => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Characters of a word that the index keeps: the longest words of real headlines (German
 * compounds among them) fit, and a run of junk (a hash, a URL's path) cannot make one
 * index entry the size of a file. Longer words are cut here, for the index and queries alike.
 */
export const MAX_WORD_LENGTH = 40;

const capped = (word: string) => (word.length <= MAX_WORD_LENGTH ? word : Array.from(word).slice(0, MAX_WORD_LENGTH).join(""));

/** Every word of `text`, normalised, in order, repeats included: runs of letters and digits, each cut to `MAX_WORD_LENGTH`. */
export const searchWords = (text: string): string[] => (normaliseText(text).match(/[\p{L}\p{N}]+/gu) ?? []).map(capped);

/** A word as written, with the accents that belong to its letters. */
const WRITTEN_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Each word of `text` as written, with where it starts and ends and its normalised form: what a highlight marks. */
export function* wordSpans(text: string): Generator<{ start: number; end: number; word: string }> {
  for (const match of text.matchAll(WRITTEN_WORD)) {
    yield { start: match.index, end: match.index + match[0].length, word: capped(normaliseText(match[0])) };
  }
}

/**
 * Where a word counts most, for ranking: in the title, then in a topic or the
 * provider's name or domain, then in the excerpt.
 */
export const FIELD_WEIGHT = { title: 3, topicOrProvider: 2, excerpt: 1 } as const;

/** The search manifest (`SiteIndex.search`), the only search file every query reads. */
export interface SearchManifest {
  /** Stories indexed. Story n is the n-th of the Latest feed. */
  stories: number;
  /**
   * The first word of each word file, in code-unit order: file i holds every word from
   * `words[i]` up to, not including, `words[i + 1]`.
   */
  words: string[];
  /** The word files' names, in the same order. */
  files: string[];
  /** Each story's summary: story n is item n % `summaries`' block size of block ⌊n / size⌋. */
  summaries: string[];
  /** The names of the Hot and Top `SearchRanks`. */
  ranks: { hot: string; top: string };
}

/** A block of stories' summaries, by story number. */
export interface SearchSummaries {
  items: Summary[];
}

/**
 * One word file. Each word's stories in ascending number, each as one integer:
 * (number − previous number) × 4 + the word's best field weight in that story, the
 * "previous number" of the first being −1.
 */
export interface SearchWordFile {
  words: Record<string, number[]>;
}

export function encodePosting(gap: number, weight: number): number {
  return gap * 4 + weight;
}

/** Calls `visit` with each story number and weight of a word's list. */
export function decodePostings(postings: readonly number[], visit: (story: number, weight: number) => void): void {
  let story = -1;
  for (const value of postings) {
    story += Math.floor(value / 4);
    visit(story, value % 4);
  }
}

/**
 * `search/<order>.json` for Hot and Top: each story's place in that order (0 first), by
 * story number, so matches can be shown in any order the feed has. Latest is the
 * numbering itself.
 */
export interface SearchRanks {
  ranks: number[];
}

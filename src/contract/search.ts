import type { SortOrder } from "./order.ts";
import type { ShardName, Summary } from "./types.ts";

/**
 * Full-text search: what a word is, the shape of the search files, and the rules the
 * pipeline and the app must share. The pipeline indexes words with these rules and the app
 * splits a query and marks matches with the same ones, so a highlighted word is always a
 * word the index matched.
 *
 * What is indexed is stories (an article and those that cover the same story, as every list
 * shows them), numbered oldest first by their oldest article, so a new story takes the next
 * number and nothing already numbered moves. The numbers are cut into segments: a base that
 * changes only when whole chunks of `SEARCH_CHUNK` stories join it, and a small recent
 * segment that takes each new story. Every file but the manifest is named by its content.
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

/** A query's words, each once; past eight, more words only narrow what is already narrow. */
export const queryWords = (query: string): string[] => [...new Set(searchWords(query))].slice(0, 8);

/** A word of the query, and whether longer words that begin with it match too. */
export interface QueryWord {
  word: string;
  prefix: boolean;
}

/** Whether an indexed (normalised) word matches a word of the query: what the ranking counts and a highlight marks. */
export const matchesQueryWord = (indexed: string, { word, prefix }: QueryWord): boolean =>
  indexed === word || (prefix && indexed.startsWith(word));

/**
 * Where a word counts most, for ranking: in the title, then in a topic or the
 * outlet's name or domain, then in the excerpt.
 */
export const FIELD_WEIGHT = { title: 3, topicOrOutlet: 2, excerpt: 1 } as const;

/**
 * Stories per chunk: the recent segment is the stories after the last whole chunk, and
 * each chunk has one `SearchChunk` of sort keys. Chosen by measurement (docs/search.md).
 */
export const SEARCH_CHUNK = 512;

/** Stories per `SearchSummaries` block: what a result needs, a few kilobytes a block. It divides `SEARCH_CHUNK`. */
export const SUMMARY_BLOCK = 16;

/** Which stories a segment holds, and its word files. */
export interface SearchSegment {
  /** Its first story; it holds every story up to the next segment's `from` (or the manifest's `stories`). */
  from: number;
  /**
   * The first word of each word file, in code-unit order: file i holds every word from
   * `words[i]` up to, not including, `words[i + 1]`, with the segment's stories it is in.
   */
  words: string[];
  /** The word files' names, in the same order. */
  files: ShardName[];
}

/** The search manifest (`SiteIndex.search`), the only search file every query reads. */
export interface SearchManifest {
  /** Stories indexed, numbered 0 to `stories` − 1, oldest first. */
  stories: number;
  /** The base first, then the recent segment (either may be absent when it has no story). */
  segments: SearchSegment[];
  /**
   * One entry per `SEARCH_CHUNK` stories (the last may be partial): the `SearchChunk`'s
   * name, and bounds on its stories' sort keys so a sorted search reads only the chunks
   * that can hold its first results. Parallel arrays, by chunk.
   */
  chunks: {
    names: ShardName[];
    /** The newest `latest` of the chunk's stories, in ms since 1970. */
    latest: number[];
    /** The highest log2(heat) + hours since 1970 / `HOT_HALF_LIFE_HOURS` of its stories with heat; null when none has any. */
    hot: (number | null)[];
    /** The highest quality of its stories; −1 when none has any. */
    quality: number[];
  };
}

/**
 * One word file. Each word's stories in ascending number, each as one integer:
 * (number − previous number) × 4 + the word's best field weight in that story, the
 * "previous number" of the first being `from` − 1. A word in so many stories that its list
 * is cut into parts has a file per part, each with the `from` of its part; the segment's
 * `from` otherwise.
 */
export interface SearchWordFile {
  from?: number;
  words: Record<string, number[]>;
}

export function encodePosting(gap: number, weight: number): number {
  return gap * 4 + weight;
}

/** Calls `visit` with each story number and weight of a word's list in the segment that starts at `from`. */
export function decodePostings(postings: readonly number[], visit: (story: number, weight: number) => void, from = 0): void {
  let story = from - 1;
  for (const value of postings) {
    story += Math.floor(value / 4);
    visit(story, value % 4);
  }
}

/**
 * The sort keys of a chunk's stories (by number, from the chunk's first), and the names of
 * its summary blocks. A story's keys are its own: they change when the story does, never
 * when another story is added. Times are in ms, written in `unit`s (1000 when every time in
 * the chunk is a whole second) to keep the file small:
 *
 * - Latest: the story's newest article's date; `latest[i]` is the change from story i − 1's
 *   (from `at` for the first).
 * - Hot: the story's best article by log2(heat) + hours / `HOT_HALF_LIFE_HOURS` (which ranks
 *   as the feed's faded heat does, whatever the newest date): its heat (0 when no article
 *   has any) and its date, `hot[i]` units before Latest's.
 * - Top: the story's best article by quality, then the newest: its quality (−1 when none)
 *   and its date, `top[i]` units before Latest's.
 *
 * `hot` and `top` are left out when every value is 0.
 */
export interface SearchChunk {
  /** The `SearchSummaries` of the chunk's blocks of `SUMMARY_BLOCK` stories, in order. */
  summaries: ShardName[];
  at: number;
  unit: number;
  latest: number[];
  heat: number[];
  hot?: number[];
  quality: number[];
  top?: number[];
}

/** A block of stories' summaries, by story number: what a result shows. */
export interface SearchSummaries {
  items: Summary[];
}

/** One story's sort keys, read from its chunk: dates in ms. */
export interface StoryKeys {
  latest: number;
  heat: number;
  hotAt: number;
  quality: number;
  topAt: number;
}

/** The keys of every story of `chunk`, in order. */
export function chunkKeys(chunk: SearchChunk): StoryKeys[] {
  const keys: StoryKeys[] = [];
  let latest = chunk.at;
  chunk.latest.forEach((change, i) => {
    latest += change * chunk.unit;
    keys.push({
      latest,
      heat: chunk.heat[i] ?? 0,
      hotAt: latest - (chunk.hot?.[i] ?? 0) * chunk.unit,
      quality: chunk.quality[i] ?? -1,
      topAt: latest - (chunk.top?.[i] ?? 0) * chunk.unit,
    });
  });
  return keys;
}

/** How results are ordered: by how well they match (the default), or as the feed orders stories. */
export type SearchOrder = "best" | SortOrder;

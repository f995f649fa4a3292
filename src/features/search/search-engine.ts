/**
 * Matching, ranking and ordering over the search files a query fetched. Loaded on first
 * use (see search-queries.ts), never with the first page; it fetches nothing itself.
 *
 * A story matches when it has every word of the query, each as a word or as the start of
 * one ("elect" finds "election"). It ranks by where its words are (title, then a topic or
 * the outlet, then the excerpt), whole words above longer ones, rare words above common
 * ones; ties go to the story that began last (the higher number).
 */
import { hotRankOf, type SortOrder } from "../../contract/order.ts";
import {
  chunkKeys,
  decodePostings,
  matchesQueryWord,
  SEARCH_CHUNK,
  SUMMARY_BLOCK,
  type QueryWord,
  type SearchChunk,
  type SearchManifest,
  type SearchOrder,
  type SearchWordFile,
  type StoryKeys,
} from "../../contract/search.ts";
import type { ShardName } from "../../contract/types.ts";

/**
 * A query word that begins the words of more files than this in a segment (a word of one
 * or two letters in a large archive) matches only itself: what a search downloads stays small.
 */
export const MAX_FILES_PER_WORD = 3;

/** A word file a plan reads, with the first story of the segment it belongs to. */
export interface PlannedFile {
  name: ShardName;
  from: number;
}

export interface WordPlan extends QueryWord {
  files: PlannedFile[];
}

/** The word files a query needs, word by word, and all of them once. */
export interface SearchPlan {
  words: WordPlan[];
  files: PlannedFile[];
}

/** In one segment: the files of `word` itself (its parts, when its list is cut in several), and those of the words it begins. */
function segmentFiles(starts: readonly string[], word: string): { own: number[]; longer: number[] } {
  // The last file that starts at or before the word: the one that would hold the word itself.
  let last = -1;
  for (let low = 0, high = starts.length - 1; low <= high; ) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= word) {
      last = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const own: number[] = [];
  if (last >= 0) {
    let first = last;
    while (starts[last] === word && first > 0 && starts[first - 1] === word) first--;
    for (let file = first; file <= last; file++) own.push(file);
  }
  const longer: number[] = [];
  for (let file = last + 1; file < starts.length && starts[file].startsWith(word); file++) longer.push(file);
  return { own, longer };
}

/** The files that hold `word` and the words it begins, or only its own when that is too many in some segment. */
function planWord(manifest: SearchManifest, word: string): WordPlan {
  const found = manifest.segments.map((segment) => ({ segment, ...segmentFiles(segment.words, word) }));
  const prefix = found.every(({ own, longer }) => Math.min(1, own.length) + longer.length <= MAX_FILES_PER_WORD);
  const files = found.flatMap(({ segment, own, longer }) => [...own, ...(prefix ? longer : [])].map((file) => ({ name: segment.files[file], from: segment.from })));
  return { word, prefix, files };
}

export function planSearch(manifest: SearchManifest, words: readonly string[]): SearchPlan {
  const plans = words.map((word) => planWord(manifest, word));
  const files = new Map<ShardName, PlannedFile>();
  for (const file of plans.flatMap((plan) => plan.files)) files.set(file.name, file);
  return { words: plans, files: [...files.values()] };
}

/** Every matching story's number, best first. Work grows with the lists read, not with the archive. */
export function rankMatches(manifest: SearchManifest, plan: SearchPlan, files: ReadonlyMap<ShardName, SearchWordFile>): number[] {
  const count = manifest.stories;
  const needed = plan.words.length;
  if (needed === 0 || count === 0) return [];
  // Per story: how many of the query's words it has so far, the score of the words before
  // the latest one, and the latest one's best match (a word can match through several
  // indexed words: "elect" through "election" and "electric").
  const found = new Uint8Array(count);
  const settled = new Float64Array(count);
  const latest = new Float64Array(count);
  plan.words.forEach((queryWord, index) => {
    // An indexed word's list may be in several files (segments, parts): its rarity counts all of them.
    const lists = new Map<string, { postings: readonly number[]; from: number }[]>();
    for (const { name, from } of queryWord.files) {
      const file = files.get(name);
      for (const [indexed, postings] of Object.entries(file?.words ?? {})) {
        if (!matchesQueryWord(indexed, queryWord)) continue;
        const parts = lists.get(indexed) ?? [];
        parts.push({ postings, from: file?.from ?? from });
        lists.set(indexed, parts);
      }
    }
    for (const [indexed, parts] of lists) {
      const stories = parts.reduce((total, part) => total + part.postings.length, 0);
      const worth = (indexed === queryWord.word ? 2 : 1) * Math.log(1 + count / stories);
      for (const part of parts) {
        decodePostings(
          part.postings,
          (story, weight) => {
            if (story < 0 || story >= count) return;
            const value = weight * worth;
            if (found[story] === index) {
              settled[story] += latest[story];
              latest[story] = value;
              found[story] = index + 1;
            } else if (found[story] === index + 1 && value > latest[story]) {
              latest[story] = value;
            }
          },
          part.from,
        );
      }
    }
  });
  // Few scores recur across many stories: grouped by score, each group already newest first
  // (higher numbers began later), a big archive's matches are ordered without sorting them all.
  const byScore = new Map<number, number[]>();
  for (let story = count - 1; story >= 0; story--) {
    if (found[story] !== needed) continue;
    const score = settled[story] + latest[story];
    const group = byScore.get(score);
    if (group) group.push(story);
    else byScore.set(score, [story]);
  }
  return [...byScore.keys()].sort((a, b) => b - a).flatMap((score) => byScore.get(score) as number[]);
}

/** Which chunk holds story `number`. */
export const chunkOf = (number: number): number => Math.floor(number / SEARCH_CHUNK);

/** Where story `number`'s summary is: which of its chunk's blocks, and where in it. */
export const summarySlot = (number: number): { block: number; item: number } => ({
  block: Math.floor((number % SEARCH_CHUNK) / SUMMARY_BLOCK),
  item: number % SUMMARY_BLOCK,
});

/** A story's place in an order as numbers compared in turn, larger first: its number last, so no two tie. */
type Rank = [number, number, number];

/**
 * The feed's comparison of stories as numbers: Latest by the newest article; Hot by
 * `hotRank` of the story's best article (none with heat: last, newest first), then that
 * article's date; Top by quality, then its article's date.
 */
function rankOf(order: SortOrder, keys: StoryKeys, number: number): Rank {
  if (order === "latest") return [keys.latest, 0, number];
  if (order === "top") return [keys.quality, keys.topAt, number];
  return keys.heat > 0 ? [hotRankOf(keys.heat, keys.hotAt), keys.hotAt, number] : [-Infinity, keys.latest, number];
}

/** A rank no story of chunk `chunk` can beat, from the manifest's bounds. */
function boundOf(manifest: SearchManifest, order: SortOrder, chunk: number): Rank {
  const { latest, hot, quality } = manifest.chunks;
  const last = Math.min(manifest.stories, (chunk + 1) * SEARCH_CHUNK) - 1;
  if (order === "latest") return [latest[chunk], 0, last];
  if (order === "top") return [quality[chunk], latest[chunk], last];
  const log = hot[chunk];
  // A hair above: the bound is worked out in another way than the rank it bounds.
  return [log === null ? -Infinity : log + 1e-9, latest[chunk], last];
}

const compareRanks = (a: Rank, b: Rank): number => b[0] - a[0] || b[1] - a[1] || b[2] - a[2];

/** What `orderMatches` knows so far: the first results for sure, and the chunks to read for more. */
export interface OrderedPrefix {
  /** The first matches in the order: every one when `need` is empty, else at least those wanted, or as many as are certain. */
  numbers: number[];
  /** Chunks (by index) whose keys must be read before more can be told, most promising first. */
  need: number[];
}

/**
 * The first `want` of `matches` in `order`, from the keys of the chunks read so far: a
 * match is certain once no chunk still unread could hold a better one (the manifest bounds
 * each chunk's keys), so a sorted search reads the few chunks its first results are in, not
 * the keys of every match. Best match is the matches' own order.
 */
export function orderMatches(
  manifest: SearchManifest,
  matches: readonly number[],
  order: SearchOrder,
  chunks: ReadonlyMap<number, SearchChunk>,
  want: number,
  batch = 4,
): OrderedPrefix {
  if (order === "best") return { numbers: matches.slice(0, want), need: [] };
  const byChunk = new Map<number, number[]>();
  for (const number of matches) {
    const chunk = chunkOf(number);
    const list = byChunk.get(chunk) ?? [];
    list.push(number);
    byChunk.set(chunk, list);
  }
  const unread = [...byChunk.keys()]
    .filter((chunk) => !chunks.has(chunk))
    .map((chunk) => ({ chunk, bound: boundOf(manifest, order, chunk) }))
    .sort((a, b) => compareRanks(a.bound, b.bound));
  const ranked: { number: number; rank: Rank }[] = [];
  for (const [chunk, numbers] of byChunk) {
    const file = chunks.get(chunk);
    if (!file) continue;
    const keys = chunkKeys(file);
    for (const number of numbers) {
      const story = keys[number - chunk * SEARCH_CHUNK];
      if (story) ranked.push({ number, rank: rankOf(order, story, number) });
    }
  }
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  const frontier = unread[0]?.bound;
  const certain = frontier ? ranked.filter(({ rank }) => compareRanks(rank, frontier) < 0) : ranked;
  const numbers = certain.map(({ number }) => number);
  if (numbers.length >= want || unread.length === 0) return { numbers, need: [] };
  return { numbers, need: unread.slice(0, batch).map(({ chunk }) => chunk) };
}

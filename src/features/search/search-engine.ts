/**
 * Matching and ranking over the word files a query fetched. Loaded on first use (see
 * search-queries.ts), never with the first page.
 *
 * A story matches when it has every word of the query, each as a word or as the start of
 * one ("elect" finds "election"). It ranks by where its words are (title, then a topic or
 * the provider, then the excerpt), whole words above longer ones, rare words above common
 * ones; ties go to the newest.
 */
import { decodePostings, type SearchManifest, type SearchWordFile } from "../../contract/search.ts";
import { matchesQueryWord, type QueryWord } from "./search-queries.ts";

/**
 * A query word that begins the words of more files than this (a word of one or two
 * letters in a large archive) matches only itself: what a search downloads stays small.
 */
export const MAX_FILES_PER_WORD = 3;

export interface WordPlan extends QueryWord {
  files: number[];
}

/** The word files a query needs, word by word. */
export interface SearchPlan {
  words: WordPlan[];
  files: number[];
}

/** The files that hold `word` and the words it begins, or only its own file when that is too many. */
function planWord(manifest: SearchManifest, word: string): WordPlan {
  const starts = manifest.words;
  // The last file that starts at or before the word: the one that would hold the word itself.
  let own = -1;
  for (let low = 0, high = starts.length - 1; low <= high; ) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= word) {
      own = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const files = own < 0 ? [] : [own];
  for (let file = own + 1; file < starts.length && starts[file].startsWith(word); file++) files.push(file);
  if (files.length <= MAX_FILES_PER_WORD) return { word, files, prefix: true };
  return { word, files: own < 0 ? [] : [own], prefix: false };
}

export function planSearch(manifest: SearchManifest, words: readonly string[]): SearchPlan {
  const plans = words.map((word) => planWord(manifest, word));
  return { words: plans, files: [...new Set(plans.flatMap((plan) => plan.files))].sort((a, b) => a - b) };
}

/** Every matching story's number, best first. Work grows with the lists read, not with the archive. */
export function rankMatches(manifest: SearchManifest, plan: SearchPlan, files: ReadonlyMap<number, SearchWordFile>): number[] {
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
    for (const number of queryWord.files) {
      for (const [indexed, postings] of Object.entries(files.get(number)?.words ?? {})) {
        if (!matchesQueryWord(indexed, queryWord)) continue;
        const worth = (indexed === queryWord.word ? 2 : 1) * Math.log(1 + count / postings.length);
        decodePostings(postings, (story, weight) => {
          const value = weight * worth;
          if (found[story] === index) {
            settled[story] += latest[story];
            latest[story] = value;
            found[story] = index + 1;
          } else if (found[story] === index + 1 && value > latest[story]) {
            latest[story] = value;
          }
        });
      }
    }
  });
  // Few scores recur across many stories: grouped by score, each group already newest first
  // (lower numbers are newer), a big archive's matches are ordered without sorting them all.
  const byScore = new Map<number, number[]>();
  for (let story = 0; story < count; story++) {
    if (found[story] !== needed) continue;
    const score = settled[story] + latest[story];
    const group = byScore.get(score);
    if (group) group.push(story);
    else byScore.set(score, [story]);
  }
  return [...byScore.keys()].sort((a, b) => b - a).flatMap((score) => byScore.get(score) as number[]);
}

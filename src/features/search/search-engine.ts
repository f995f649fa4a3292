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

/** Every matching story's number, best first. */
export function rankMatches(manifest: SearchManifest, plan: SearchPlan, files: ReadonlyMap<number, SearchWordFile>): number[] {
  const count = manifest.articles;
  if (plan.words.length === 0 || count === 0) return [];
  const score = new Float64Array(count);
  const found = new Uint8Array(count);
  for (const queryWord of plan.words) {
    // A story's best match for this query word, whichever indexed word it came from.
    const best = new Float64Array(count);
    for (const number of queryWord.files) {
      for (const [indexed, postings] of Object.entries(files.get(number)?.words ?? {})) {
        if (!matchesQueryWord(indexed, queryWord)) continue;
        const worth = (indexed === queryWord.word ? 2 : 1) * Math.log(1 + count / postings.length);
        decodePostings(postings, (article, weight) => {
          best[article] = Math.max(best[article], weight * worth);
        });
      }
    }
    for (let article = 0; article < count; article++) {
      if (best[article] > 0) {
        score[article] += best[article];
        found[article]++;
      }
    }
  }
  const matches: number[] = [];
  for (let article = 0; article < count; article++) if (found[article] === plan.words.length) matches.push(article);
  // Lower numbers are newer: the Latest feed's order breaks ties.
  return matches.sort((a, b) => score[b] - score[a] || a - b);
}

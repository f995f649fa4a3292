import { byText, compareStories, SORT_ORDERS } from "../contract/order.ts";
import { dataPaths } from "../contract/paths.ts";
import {
  encodePosting,
  FIELD_WEIGHT,
  searchWords,
  type SearchManifest,
  type SearchRanks,
  type SearchWordFile,
} from "../contract/search.ts";
import type { Article } from "../contract/types.ts";
import type { DataFile } from "./data-files.ts";

/**
 * A word file is closed once it holds about this much JSON, so a query fetches little
 * beyond its own words; a word in more articles than that fills a file of its own.
 */
export const WORD_FILE_BYTES = 48_000;

export interface SearchIndex {
  manifest: SearchManifest;
  files: SearchWordFile[];
}

interface WordList {
  last: number;
  postings: number[];
  /** The list's length as JSON, near enough: it decides where files are cut. */
  bytes: number;
}

const digits = (value: number) => (value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : String(value).length);

/** An article's public fields, best weight first: a SiteModel holds nothing else (no drafts, no `secured`). */
function* weightedFields(article: Article): Generator<[string | undefined, number]> {
  yield [article.title, FIELD_WEIGHT.title];
  yield [article.provider?.name, FIELD_WEIGHT.topicOrProvider];
  yield [article.provider?.domain, FIELD_WEIGHT.topicOrProvider];
  for (const topic of article.topics) yield [topic.name, FIELD_WEIGHT.topicOrProvider];
  yield [article.excerpt, FIELD_WEIGHT.excerpt];
}

/**
 * The index of `articles` (in Latest order: the position is the article's number), cut
 * into word files of about `fileBytes` each, words in code-unit order.
 */
export function buildSearchIndex(articles: readonly Article[], fileBytes = WORD_FILE_BYTES): SearchIndex {
  const lists = new Map<string, WordList>();
  articles.forEach((article, number) => {
    for (const [text, weight] of weightedFields(article)) {
      for (const word of searchWords(text ?? "")) {
        let list = lists.get(word);
        if (!list) lists.set(word, (list = { last: -1, postings: [], bytes: word.length + 6 }));
        // Fields come best first: a word already listed for this article has its weight.
        if (list.last === number) continue;
        const value = encodePosting(number - list.last, weight);
        list.postings.push(value);
        list.bytes += digits(value) + 1;
        list.last = number;
      }
    }
  });

  const starts: string[] = [];
  const files: SearchWordFile[] = [];
  let open: SearchWordFile | undefined;
  let bytes = 0;
  for (const word of [...lists.keys()].sort(byText)) {
    const list = lists.get(word) as WordList;
    if (!open || (bytes > 0 && bytes + list.bytes > fileBytes)) {
      files.push((open = { words: {} }));
      starts.push(word);
      bytes = 0;
    }
    open.words[word] = list.postings;
    bytes += list.bytes;
  }
  return { manifest: { articles: articles.length, words: starts }, files };
}

/** Each article's place in the Hot or Top order, by article number, with the feed's own comparison. */
export function ranksIn(articles: readonly Article[], sort: "hot" | "top"): SearchRanks {
  const compare = compareStories(sort, articles[0]?.publishedAt ?? "");
  const order = articles.map((_article, number) => number).sort((a, b) => compare(articles[a], articles[b]));
  const ranks = new Array<number>(articles.length);
  order.forEach((number, rank) => (ranks[number] = rank));
  return { ranks };
}

export interface SearchFiles {
  files: DataFile[];
  words: number;
  wordFiles: number;
}

/** The search files of a build: the manifest, every word file, and the ranks (worked out only when written). */
export function searchIndexFiles(buildId: string, articles: readonly Article[]): SearchFiles {
  const { manifest, files } = buildSearchIndex(articles);
  const json = (path: string, data: () => unknown): DataFile => ({ path, render: () => JSON.stringify(data()) });
  return {
    files: [
      json(dataPaths.searchManifest(buildId), () => manifest),
      ...files.map((file, number) => json(dataPaths.searchWords(buildId, number), () => file)),
      ...SORT_ORDERS.filter((sort) => sort !== "latest").map((sort) => json(dataPaths.searchRanks(buildId, sort), () => ranksIn(articles, sort))),
    ],
    words: files.reduce((total, file) => total + Object.keys(file.words).length, 0),
    wordFiles: files.length,
  };
}

/** The one line a build prints about its search index. */
export function searchSummaryLine({ words, wordFiles }: SearchFiles, milliseconds: number): string {
  const plural = (count: number, one: string) => `${count.toLocaleString("en-US")} ${one}${count === 1 ? "" : "s"}`;
  return `Broadsheet search index: ${plural(words, "word")} in ${plural(wordFiles, "file")}, in ${Math.round(milliseconds)} ms`;
}

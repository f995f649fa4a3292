import { byText, compareStories } from "../contract/order.ts";
import {
  encodePosting,
  FIELD_WEIGHT,
  searchWords,
  type SearchManifest,
  type SearchRanks,
  type SearchSummaries,
  type SearchWordFile,
} from "../contract/search.ts";
import { toSummary } from "../contract/summary.ts";
import type { Article, ShardName } from "../contract/types.ts";
import { shard, type DataFile } from "./shards.ts";
import type { SiteModel } from "./site.ts";

/**
 * A word file is closed once it holds about this much JSON, so a query fetches little
 * beyond its own words; a word in more stories than that fills a file of its own.
 */
export const WORD_FILE_BYTES = 48_000;

/** What the index is made from: the articles, newest first, and the story each belongs to. */
export type SearchSource = Pick<SiteModel, "articles" | "storyOf" | "stories">;

export interface SearchIndex {
  manifest: Pick<SearchManifest, "stories" | "words">;
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
 * The index of the stories, numbered as the Latest feed lists them: a story has every word
 * of each of its articles, with the best field any of them has it in. Cut into word files
 * of about `fileBytes` each, words in code-unit order.
 */
export function buildSearchIndex(source: Pick<SearchSource, "articles" | "stories">, fileBytes = WORD_FILE_BYTES): SearchIndex {
  const { stories } = source;
  const lists = new Map<string, WordList>();
  stories.forEach((members, number) => {
    for (const member of members) {
      for (const [text, weight] of weightedFields(source.articles[member])) {
        for (const word of searchWords(text ?? "")) {
          let list = lists.get(word);
          if (!list) lists.set(word, (list = { last: -1, postings: [], bytes: word.length + 6 }));
          if (list.last === number) {
            // Listed already for this story: keep the best weight of its articles' fields.
            const last = list.postings.length - 1;
            list.postings[last] += Math.max(0, weight - (list.postings[last] % 4));
            continue;
          }
          const value = encodePosting(number - list.last, weight);
          list.postings.push(value);
          list.bytes += digits(value) + 1;
          list.last = number;
        }
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
  return { manifest: { stories: stories.length, words: starts }, files };
}

/**
 * Each story's place in the Hot or Top order, by story number, as the feed's ranked lists
 * place it: by its best-ranked article, with the feed's own comparison.
 */
export function ranksIn({ articles, storyOf, stories }: Pick<SearchSource, "articles" | "storyOf" | "stories">, sort: "hot" | "top"): SearchRanks {
  const numberOf = new Map(stories.map((members, number) => [members[0], number]));
  const compare = compareStories(sort, articles[0]?.publishedAt ?? "");
  const order = articles.map((_article, index) => index).sort((a, b) => compare(articles[a], articles[b]));
  const ranks = new Array<number>(numberOf.size);
  let next = 0;
  for (const index of order) {
    const story = numberOf.get(storyOf[index]) as number;
    if (ranks[story] === undefined) ranks[story] = next++;
  }
  return { ranks };
}

/** Stories per summaries file: what a page of results reads. */
export const SUMMARY_BLOCK = 50;

/**
 * The search files of a build: the word files, each story's summary (what a result shows)
 * in blocks of `SUMMARY_BLOCK` by story number, the Hot and Top ranks; and last the
 * manifest that names them all, whose name it returns.
 */
export function* searchShards(source: SearchSource): Generator<DataFile, ShardName> {
  const { manifest, files } = buildSearchIndex(source);
  const names: ShardName[] = [];
  for (const file of files) names.push(yield* shard("search", file));
  const blocks: ShardName[] = [];
  for (let start = 0; start < source.stories.length; start += SUMMARY_BLOCK) {
    const items = source.stories.slice(start, start + SUMMARY_BLOCK).map((members) => toSummary(source.articles[members[0]]));
    blocks.push(yield* shard("search", { items } satisfies SearchSummaries));
  }
  const ranks = {
    hot: yield* shard("search", ranksIn(source, "hot")),
    top: yield* shard("search", ranksIn(source, "top")),
  };
  return yield* shard("search", { ...manifest, files: names, summaries: blocks, ranks } satisfies SearchManifest);
}

/** The one line a build prints about its search index. */
export function searchSummaryLine({ words, wordFiles }: { words: number; wordFiles: number }, milliseconds: number): string {
  const plural = (count: number, one: string) => `${count.toLocaleString("en-US")} ${one}${count === 1 ? "" : "s"}`;
  return `Broadsheet search index: ${plural(words, "word")} in ${plural(wordFiles, "file")}, in ${Math.round(milliseconds)} ms`;
}

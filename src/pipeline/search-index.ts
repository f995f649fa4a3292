import { byText, hotRankOf } from "../contract/order.ts";
import {
  encodePosting,
  FIELD_WEIGHT,
  SEARCH_CHUNK,
  searchWords,
  SUMMARY_BLOCK,
  type SearchChunk,
  type SearchManifest,
  type SearchSegment,
  type SearchSummaries,
  type SearchWordFile,
} from "../contract/search.ts";
import { toSummary } from "../contract/summary.ts";
import type { Article, ShardName } from "../contract/types.ts";
import { shard, type DataFile } from "./shards.ts";
import type { SiteModel } from "./site.ts";

/**
 * About how much JSON a word file holds: a query fetches little beyond its own words, and
 * the manifest lists few files. Where files are cut is decided by the words themselves
 * (see `cutWords`), so a change to one word's list changes that word's file alone.
 */
export const WORD_FILE_BYTES = 24_000;

/**
 * The same for the recent segment: it changes with every new story, so it is cut in fewer,
 * larger files (all of it changes anyway), one or two at `SEARCH_CHUNK` stories.
 */
export const RECENT_FILE_BYTES = 64_000;

/** What the index is made from: the articles, newest first, and the story each belongs to. */
export type SearchSource = Pick<SiteModel, "articles" | "storyOf" | "stories">;

const digits = (value: number) => (value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : String(value).length);

/** An article's public fields, best weight first: a SiteModel holds nothing else (no drafts, no `secured`). */
function* weightedFields(article: Article): Generator<[string | undefined, number]> {
  yield [article.title, FIELD_WEIGHT.title];
  yield [article.provider?.name, FIELD_WEIGHT.topicOrOutlet];
  yield [article.provider?.domain, FIELD_WEIGHT.topicOrOutlet];
  for (const topic of article.topics) yield [topic.name, FIELD_WEIGHT.topicOrOutlet];
  yield [article.excerpt, FIELD_WEIGHT.excerpt];
}

/**
 * The stories in search order, as indexes into `source.stories`: oldest first by each
 * story's oldest article (its date, then its id). A new story is numbered after every
 * other unless it is older than some; an article joining a story moves no number unless
 * it is older than the story's oldest.
 */
export function storyNumbers({ articles, stories }: Pick<SearchSource, "articles" | "stories">): number[] {
  const oldest = stories.map((members) => articles[members[members.length - 1]]);
  return stories
    .map((_members, story) => story)
    .sort((a, b) => byText(oldest[a].publishedAt, oldest[b].publishedAt) || byText(oldest[a].id, oldest[b].id));
}

/** Where the recent segment starts: after the last whole chunk. */
export const recentFrom = (stories: number): number => stories - (stories % SEARCH_CHUNK);

/** A word's stories in one segment, ascending, each with the word's best field weight there. */
interface WordList {
  numbers: number[];
  weights: number[];
}

/** The word lists of stories `from` to `to` (search numbers), each story with every word of each of its articles, at its best field. */
function wordLists(source: SearchSource, order: readonly number[], from: number, to: number): Map<string, WordList> {
  const lists = new Map<string, WordList>();
  for (let number = from; number < to; number++) {
    for (const member of source.stories[order[number]]) {
      for (const [text, weight] of weightedFields(source.articles[member])) {
        for (const word of searchWords(text ?? "")) {
          let list = lists.get(word);
          if (!list) lists.set(word, (list = { numbers: [], weights: [] }));
          const last = list.numbers.length - 1;
          // Listed already for this story: keep the best weight of its articles' fields.
          if (list.numbers[last] === number) list.weights[last] = Math.max(list.weights[last], weight);
          else {
            list.numbers.push(number);
            list.weights.push(weight);
          }
        }
      }
    }
  }
  return lists;
}

/** A run of a word's list as a file holds it: from story `from` on, gap-encoded from `from` − 1. */
export interface WordPart {
  word: string;
  from: number;
  postings: number[];
  /** Its length as JSON, near enough: it decides where files are cut. */
  bytes: number;
}

function encodePart(word: string, from: number, list: WordList, start: number, end: number): WordPart {
  const postings: number[] = [];
  let bytes = word.length + 6;
  let previous = from - 1;
  for (let i = start; i < end; i++) {
    const value = encodePosting(list.numbers[i] - previous, list.weights[i]);
    postings.push(value);
    bytes += digits(value) + 1;
    previous = list.numbers[i];
  }
  return { word, from, postings, bytes };
}

/**
 * A word's list in parts. A list of `fileBytes` or more is cut at fixed story numbers, every
 * `SEARCH_CHUNK` × 2^k stories (k from the list's length, so parts come to about
 * `fileBytes`): a story gaining or losing the word changes one part, and a common word's
 * list never makes a file of its own size.
 */
export function wordParts(word: string, list: WordList, from: number, to: number, fileBytes: number): WordPart[] {
  const whole = encodePart(word, from, list, 0, list.numbers.length);
  if (whole.bytes < fileBytes) return [whole];
  const stride = SEARCH_CHUNK * 2 ** Math.max(0, Math.floor(Math.log2(((to - from) * fileBytes) / (whole.bytes * SEARCH_CHUNK))));
  const parts: WordPart[] = [];
  let start = 0;
  while (start < list.numbers.length) {
    const partFrom = from + Math.floor((list.numbers[start] - from) / stride) * stride;
    let end = start;
    while (end < list.numbers.length && list.numbers[end] < partFrom + stride) end++;
    parts.push(encodePart(word, partFrom, list, start, end));
    start = end;
  }
  return parts;
}

/** A 32-bit hash of a word, well mixed in its low bits: FNV-1a, then Murmur3's finaliser. */
export function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * A segment's word parts (in code-unit order of their words, then by story) cut into files.
 * A file starts at a word whose hash is a multiple of `every` (a power of two, from the
 * segment's mean list length, so files come to about `fileBytes`), at each part of a word
 * cut into parts and after its last, or when the file would pass `maxBytes`. So a word
 * gaining or losing a story changes its own file, and a new word the file it lands in: the
 * other files keep their bytes, unless `every` itself changes (when the mean crosses a
 * power of two).
 */
export function cutWords(parts: readonly WordPart[], fileBytes = WORD_FILE_BYTES, maxBytes = 2 * fileBytes): WordPart[][] {
  const words = new Set(parts.map((part) => part.word)).size;
  let total = 0;
  for (const part of parts) total += part.bytes;
  const every = 2 ** Math.max(0, Math.floor(Math.log2(Math.max(1, (fileBytes * words) / Math.max(1, total)))));
  const files: WordPart[][] = [];
  let open: WordPart[] = [];
  let bytes = 0;
  let split = false;
  parts.forEach((part, i) => {
    const isSplit = parts[i - 1]?.word === part.word || parts[i + 1]?.word === part.word;
    const cut = split || isSplit || wordHash(part.word) % every === 0 || bytes + part.bytes > maxBytes;
    if (open.length > 0 && cut) {
      files.push(open);
      open = [];
      bytes = 0;
    }
    open.push(part);
    bytes += part.bytes;
    split = isSplit;
  });
  if (open.length > 0) files.push(open);
  return files;
}

/** A segment's word files, then its entry in the manifest. */
function* segmentFiles(source: SearchSource, order: readonly number[], from: number, to: number, fileBytes: number): Generator<DataFile, SearchSegment> {
  const lists = wordLists(source, order, from, to);
  const parts = [...lists.keys()].sort(byText).flatMap((word) => wordParts(word, lists.get(word) as WordList, from, to, fileBytes));
  const words: string[] = [];
  const files: ShardName[] = [];
  for (const cut of cutWords(parts, fileBytes)) {
    words.push(cut[0].word);
    const file: SearchWordFile = { ...(cut[0].from === from ? {} : { from: cut[0].from }), words: Object.fromEntries(cut.map((part) => [part.word, part.postings])) };
    files.push(yield* shard("search", file));
  }
  return { from, words, files };
}

/** A story's sort keys: its newest date, its best article by faded heat and by quality (see `SearchChunk`). */
export function storyKeys(articles: readonly Article[], members: readonly number[]) {
  const latest = Date.parse(articles[members[0]].publishedAt);
  let heat = 0;
  let hotAt = latest;
  let hotLog = -Infinity;
  let quality = -1;
  let topAt = latest;
  // Newest first: on a tie the newer article stands, as in the feed.
  for (const member of members) {
    const article = articles[member];
    const at = Date.parse(article.publishedAt);
    if ((article.heat ?? 0) > 0) {
      const log = hotRankOf(article.heat as number, at);
      if (log > hotLog) [hotLog, heat, hotAt] = [log, article.heat as number, at];
    }
    if ((article.quality ?? -1) > quality) [quality, topAt] = [article.quality as number, at];
  }
  return { latest, heat, hotAt, hotLog: heat > 0 ? hotLog : null, quality, topAt };
}

/** One chunk's summary blocks and keys file; returns its name and bounds for the manifest. */
function* chunkFiles(source: SearchSource, order: readonly number[], from: number, to: number) {
  const summaries: ShardName[] = [];
  for (let start = from; start < to; start += SUMMARY_BLOCK) {
    const items = order.slice(start, Math.min(to, start + SUMMARY_BLOCK)).map((story) => toSummary(source.articles[source.stories[story][0]]));
    summaries.push(yield* shard("search", { items } satisfies SearchSummaries));
  }
  const keys = order.slice(from, to).map((story) => storyKeys(source.articles, source.stories[story]));
  const unit = keys.every((key) => key.latest % 1000 === 0 && key.hotAt % 1000 === 0 && key.topAt % 1000 === 0) ? 1000 : 1;
  const at = keys[0].latest;
  const chunk: SearchChunk = {
    summaries,
    at,
    unit,
    latest: keys.map((key, i) => (key.latest - (i === 0 ? at : keys[i - 1].latest)) / unit),
    heat: keys.map((key) => key.heat),
    quality: keys.map((key) => key.quality),
  };
  const hot = keys.map((key) => (key.latest - key.hotAt) / unit);
  const top = keys.map((key) => (key.latest - key.topAt) / unit);
  if (hot.some((value) => value !== 0)) chunk.hot = hot;
  if (top.some((value) => value !== 0)) chunk.top = top;
  const logs = keys.map((key) => key.hotLog).filter((log) => log !== null);
  return {
    name: yield* shard("search", chunk),
    latest: Math.max(...keys.map((key) => key.latest)),
    hot: logs.length > 0 ? Math.max(...logs) : null,
    quality: Math.max(...keys.map((key) => key.quality)),
  };
}


/**
 * The search files of a build: each segment's word files (the base's, stories before the
 * last whole chunk; the recent segment's, the rest), each chunk's summary blocks and sort
 * keys; and last the manifest that names them all, whose name it returns.
 */
export function* searchShards(source: SearchSource, fileBytes = WORD_FILE_BYTES, recentBytes = RECENT_FILE_BYTES): Generator<DataFile, ShardName> {
  const order = storyNumbers(source);
  const count = order.length;
  const recent = recentFrom(count);
  const segments: SearchSegment[] = [];
  if (recent > 0) segments.push(yield* segmentFiles(source, order, 0, recent, fileBytes));
  if (count > recent) segments.push(yield* segmentFiles(source, order, recent, count, recentBytes));
  const chunks: SearchManifest["chunks"] = { names: [], latest: [], hot: [], quality: [] };
  for (let from = 0; from < count; from += SEARCH_CHUNK) {
    const chunk = yield* chunkFiles(source, order, from, Math.min(count, from + SEARCH_CHUNK));
    chunks.names.push(chunk.name);
    chunks.latest.push(chunk.latest);
    chunks.hot.push(chunk.hot);
    chunks.quality.push(chunk.quality);
  }
  return yield* shard("search", { stories: count, segments, chunks } satisfies SearchManifest);
}


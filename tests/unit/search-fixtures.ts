/**
 * What the search index's tests (search-index.test.ts, the writer) and the search engine's
 * (search-engine.test.ts) share: a small archive and its index, the index's files read back,
 * and searches run over them as the app runs them.
 */
import { expect } from "vitest";
import { dataPaths } from "../../src/contract/data-layout.ts";
import {
  decodePostings,
  searchWords,
  type SearchChunk,
  type SearchManifest,
  type SearchOrder,
  type SearchSummaries,
  type SearchWordFile,
} from "../../src/contract/search.ts";
import { chunkOf, orderMatches, planSearch, rankMatches, summarySlot } from "../../src/features/search/search-engine.ts";
import type { ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { searchShards, type SearchSource } from "../../src/pipeline/search-index.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { recordOf } from "./helpers.ts";

const topicsYaml = (...names: string[]) => names.map((name) => `\n  - "${name}"`).join("");

/** Five stories a day apart, oldest first in this list, as the index numbers them. */
export const records = [
  recordOf("a.txt", {
    title: '"Rail strike halts trains"',
    excerpt: '"Unions called the strike over pay."',
    publishedDateTime: "2024-03-01T08:00:00Z",
    sourceUrl: "https://news.example.com/a",
    topics: topicsYaml("Transport"),
    heat: "10",
    quality: "90",
  }),
  recordOf("b.txt", {
    title: '"Élection results are in"',
    excerpt: '"Turnout was the highest since the railway age."',
    publishedDateTime: "2024-03-02T08:00:00Z",
    sourceUrl: "https://news.example.com/b",
    topics: topicsYaml("Elections"),
    heat: "80",
  }),
  recordOf("c.txt", {
    title: '"Storm closes ports"',
    excerpt: '"Rail and ferry services stopped."',
    publishedDateTime: "2024-03-03T08:00:00Z",
    sourceUrl: "https://harbourtimes.example/c",
    provider: "\n  name: Harbour Times\n  domain: harbourtimes.example",
    topics: topicsYaml("Weather", "Transport"),
    quality: "40",
  }),
  recordOf("d.txt", {
    title: '"Draft about a secret merger"',
    excerpt: '"Zanzibarian buyout talks."',
    publishedDateTime: "2024-03-04T08:00:00Z",
    sourceUrl: "https://news.example.com/d",
    published: "false",
  }),
  recordOf("e.txt", {
    title: '"Markets rally on rate cut"',
    publishedDateTime: "2024-03-05T08:00:00Z",
    sourceUrl: "https://news.example.com/e",
    topics: topicsYaml("Markets"),
  }),
];
/** The search files of a source: every file's text and JSON by name, and the manifest. */
export function built(source: SearchSource, fileBytes?: number) {
  const texts = new Map<string, string>();
  const generator = searchShards(source, fileBytes, fileBytes);
  let step = generator.next();
  while (!step.done) {
    const name = step.value.path.slice("data/search/".length, -".json".length);
    expect(step.value.path).toBe(dataPaths.shard("search", name));
    texts.set(name, step.value.render());
    step = generator.next();
  }
  const json = (name: string) => JSON.parse(texts.get(name) as string) as unknown;
  return { name: step.value, manifest: json(step.value) as SearchManifest, texts, json };
}
export type Built = ReturnType<typeof built>;

export const model = buildSiteModel(records);
export const index = built(model);
export const { manifest } = index;

/** Every indexed word with its (story number, weight) pairs, over every segment and part. */
export function postingsOf({ manifest, json }: Built): Map<string, [number, number][]> {
  const all = new Map<string, [number, number][]>();
  for (const segment of manifest.segments) {
    for (const name of segment.files) {
      const file = json(name) as SearchWordFile;
      for (const [word, postings] of Object.entries(file.words)) {
        const pairs = all.get(word) ?? [];
        decodePostings(postings, (story, weight) => pairs.push([story, weight]), file.from ?? segment.from);
        all.set(word, pairs);
      }
    }
  }
  return all;
}
export const postings = postingsOf(index);

/** What a reader searching `query` is shown in `order`, as story numbers, read as the app reads them. */
export function searchNumbers(query: string, order: SearchOrder = "best", at: Built = index, want = Infinity): number[] {
  const plan = planSearch(at.manifest, searchWords(query));
  const loaded = new Map(plan.files.map(({ name }) => [name, at.json(name) as SearchWordFile]));
  const matches = rankMatches(at.manifest, plan, loaded);
  const chunks = new Map<number, SearchChunk>();
  for (;;) {
    const { numbers, need } = orderMatches(at.manifest, matches, order, chunks, want);
    if (need.length === 0) return numbers;
    for (const chunk of need) chunks.set(chunk, at.json(at.manifest.chunks.names[chunk]) as SearchChunk);
  }
}

/** A story's title as its result shows it: from its chunk's summary block. */
export function titleOf(number: number, at: Built = index): string {
  const chunk = at.json(at.manifest.chunks.names[chunkOf(number)]) as SearchChunk;
  const { block, item } = summarySlot(number);
  return (at.json(chunk.summaries[block]) as SearchSummaries).items[item].title;
}

export const search = (query: string, order: SearchOrder = "best", at: Built = index) => searchNumbers(query, order, at).map((number) => titleOf(number, at));

export const WORDS = "harbour rail storm budget summit vote court river school energy market festival".split(" ");

/** Story `i` of a generated archive: its own date (an hour apart), two topic words, heat and quality that vary. */
export function storyRecord(i: number, fields: Record<string, string> = {}): ArticleRecord {
  return recordOf(`s${i}.txt`, {
    title: `"Item${i} ${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]}"`,
    excerpt: `"${WORDS[(i * 5 + 1) % WORDS.length]} report number${i % 97}"`,
    publishedDateTime: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace(".000", ""),
    sourceUrl: `https://news${i % 3}.example.com/s${i}`,
    ...(i % 4 === 0 ? {} : { heat: String((i * 37) % 101) }),
    ...(i % 5 === 0 ? {} : { quality: String((i * 53) % 101) }),
    ...fields,
  });
}
export const archive = (count: number) => Array.from({ length: count }, (_, i) => storyRecord(i));

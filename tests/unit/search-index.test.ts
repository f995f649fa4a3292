import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareStories, type SortOrder } from "../../src/contract/order.ts";
import { dataPaths } from "../../src/contract/paths.ts";
import {
  decodePostings,
  SEARCH_CHUNK,
  searchWords,
  type SearchChunk,
  type SearchManifest,
  type SearchOrder,
  type SearchSummaries,
  type SearchWordFile,
} from "../../src/contract/search.ts";
import { chunkOf, orderMatches, planSearch, rankMatches, summarySlot } from "../../src/features/search/search-engine.ts";
import { createContentStore } from "../../src/pipeline/content.ts";
import { discoverArticleFiles } from "../../src/pipeline/load.ts";
import type { ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { recentFrom, searchShards, storyNumbers, type SearchSource } from "../../src/pipeline/search-index.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { FIXTURES, recordOf, securedValuesOf, shuffled } from "./helpers.ts";

const topicsYaml = (...names: string[]) => names.map((name) => `\n  - "${name}"`).join("");

/** Five stories a day apart, oldest first in this list, as the index numbers them. */
const records = [
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
function built(source: SearchSource, fileBytes?: number) {
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
type Built = ReturnType<typeof built>;

const model = buildSiteModel(records);
const index = built(model);
const { manifest } = index;

/** Every indexed word with its (story number, weight) pairs, over every segment and part. */
function postingsOf({ manifest, json }: Built): Map<string, [number, number][]> {
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
const postings = postingsOf(index);

/** What a reader searching `query` is shown in `order`, as story numbers, read as the app reads them. */
function searchNumbers(query: string, order: SearchOrder = "best", at: Built = index, want = Infinity): number[] {
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
function titleOf(number: number, at: Built = index): string {
  const chunk = at.json(at.manifest.chunks.names[chunkOf(number)]) as SearchChunk;
  const { block, item } = summarySlot(number);
  return (at.json(chunk.summaries[block]) as SearchSummaries).items[item].title;
}

const search = (query: string, order: SearchOrder = "best", at: Built = index) => searchNumbers(query, order, at).map((number) => titleOf(number, at));

describe("the search index: what it holds", () => {
  it("numbers the published stories oldest first, by their oldest article", () => {
    expect(manifest.stories).toBe(4);
    expect([0, 1, 2, 3].map((number) => titleOf(number))).toEqual(["Rail strike halts trains", "Élection results are in", "Storm closes ports", "Markets rally on rate cut"]);
    // The model lists stories newest first; the numbers run the other way.
    expect(storyNumbers(model)).toEqual([3, 2, 1, 0]);
  });

  it("indexes titles, excerpts, topics and the provider's name and domain, each word with its best field", () => {
    // Title 3, topic or provider 2, excerpt 1.
    expect(postings.get("rail")).toEqual([
      [0, 3],
      [2, 1],
    ]);
    expect(postings.get("transport")).toEqual([
      [0, 2],
      [2, 2],
    ]);
    expect(postings.get("harbour")).toEqual([[2, 2]]);
    expect(postings.get("harbourtimes")).toEqual([[2, 2]]);
    expect(postings.get("railway")).toEqual([[1, 1]]);
  });

  it("sets case and accents aside", () => {
    expect(postings.get("election")).toEqual([[1, 3]]);
    expect(postings.has("Élection")).toBe(false);
    expect(searchWords("Élection À PARIS, naïve")).toEqual(["election", "a", "paris", "naive"]);
  });

  it("never holds a word only a draft has", () => {
    for (const word of ["draft", "secret", "merger", "zanzibarian", "buyout"]) expect(postings.has(word), word).toBe(false);
  });

  it("never holds a word of a `secured` value, an unknown key, or a draft, in any search file", async () => {
    const dir = join(FIXTURES, "build-private");
    const store = createContentStore(dir);
    await store.loadAll();
    const { model: privateModel } = store.build();
    const privateIndex = built(privateModel);
    const words = postingsOf(privateIndex);
    const texts = await Promise.all((await discoverArticleFiles(dir)).map((file) => readFile(join(dir, file), "utf8")));
    const hidden = [
      ...texts.flatMap(securedValuesOf),
      "EDITOR-NOTE-7f3a legal asked us to hold the second paragraph",
      "EMBARGOED Acme Globex DRAFT-EXCERPT-91c2 Mergers-Embargoed",
    ].flatMap(searchWords);
    const publicWords = new Set(
      privateModel.articles.flatMap((article) =>
        searchWords([article.title, article.excerpt, article.provider?.name, article.provider?.domain, ...article.topics.map((topic) => topic.name)].join(" ")),
      ),
    );
    const secret = hidden.filter((word) => !publicWords.has(word));
    expect(secret.length).toBeGreaterThan(10);
    expect(secret.filter((word) => words.has(word))).toEqual([]);
    // Every string a search file holds, and every indexed word (the keys of `words`); not the format's own field names.
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === "string") strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const text of privateIndex.texts.values()) {
      const file = JSON.parse(text) as Partial<SearchWordFile>;
      collect(file);
      strings.push(...Object.keys(file.words ?? {}));
    }
    const everything = new Set(searchWords(strings.join(" ")));
    expect(secret.filter((word) => everything.has(word))).toEqual([]);
    expect(words.has("graphika")).toBe(true);
  });

  it("writes nothing but an empty manifest for an empty archive", () => {
    const empty = built({ articles: [], storyOf: [], stories: [] });
    expect([...empty.texts.values()].map((text) => JSON.parse(text))).toEqual([{ stories: 0, segments: [], chunks: { names: [], latest: [], hot: [], quality: [] } }]);
  });

});

describe("the search index: stories, as every list shows them", () => {
  // The first two list the same coverage: one story, led by the newer.
  const related = '\n  - title: "Wire copy of the summit"\n    sourceUrl: "https://wire.example.com/summit"';
  const clustered = buildSiteModel([
    recordOf("x.txt", {
      title: '"Summit ends with a deal"',
      excerpt: '"Leaders agree on emissions."',
      publishedDateTime: "2024-05-02T10:00:00Z",
      sourceUrl: "https://news.example.com/x",
      related,
    }),
    recordOf("y.txt", {
      title: '"Negotiators reach emissions accord"',
      publishedDateTime: "2024-05-01T10:00:00Z",
      sourceUrl: "https://other.example.com/y",
      related,
      heat: "90",
    }),
    recordOf("z.txt", {
      title: '"Markets shrug off accord"',
      publishedDateTime: "2024-04-01T10:00:00Z",
      sourceUrl: "https://news.example.com/z",
      heat: "50",
      quality: "80",
    }),
  ]);
  const clusteredIndex = built(clustered);
  const lists = postingsOf(clusteredIndex);

  it("indexes a story once, with the words of every article that covers it, numbered by its oldest", () => {
    expect(clustered.storyOf).toEqual([0, 0, 2]);
    expect(clusteredIndex.manifest.stories).toBe(2);
    // The markets story began first.
    expect(lists.get("negotiators")).toEqual([[1, 3]]);
    expect(lists.get("accord")).toEqual([
      [0, 3],
      [1, 3],
    ]);
    // A result shows the story's newest article.
    expect(titleOf(1, clusteredIndex)).toBe("Summit ends with a deal");
  });

  it("gives a word the best field any of the story's articles has it in", () => {
    // In the lead's excerpt and the other article's title.
    expect(lists.get("emissions")).toEqual([[1, 3]]);
  });

  it("orders stories in Latest, Hot and Top by their best article, as the feed does", () => {
    expect(search("accord", "latest", clusteredIndex)).toEqual(["Summit ends with a deal", "Markets shrug off accord"]);
    // The summit story is hottest through its older article; the markets story is the only one rated.
    expect(search("accord", "hot", clusteredIndex)).toEqual(["Summit ends with a deal", "Markets shrug off accord"]);
    expect(search("accord", "top", clusteredIndex)).toEqual(["Markets shrug off accord", "Summit ends with a deal"]);
  });
});

describe("searching the index", () => {
  it("finds a word in any field, best field first", () => {
    expect(search("transport")).toEqual(["Storm closes ports", "Rail strike halts trains"]);
    expect(search("harbour times")).toEqual(["Storm closes ports"]);
    expect(search("strike")).toEqual(["Rail strike halts trains"]);
  });

  it("ranks equal matches newest first", () => {
    const twins = buildSiteModel(
      [
        ["2024-01-01", "Budget talks stall"],
        ["2024-01-03", "Budget vote passes"],
        ["2024-01-02", "Budget cuts loom"],
      ].map(([day, title]) => recordOf(`${day}.txt`, { title: `"${title}"`, sourceUrl: `https://news.example.com/${day}`, publishedDateTime: `${day}T00:00:00Z` })),
    );
    expect(search("budget", "best", built(twins))).toEqual(["Budget vote passes", "Budget cuts loom", "Budget talks stall"]);
  });

  it("needs every word of the query", () => {
    expect(search("rail storm")).toEqual(["Storm closes ports"]);
    expect(search("rail markets")).toEqual([]);
  });

  it("finds longer words from their beginning, and ranks the whole word above them", () => {
    expect(search("elect")).toEqual(["Élection results are in"]);
    expect(search("ELECTION")).toEqual(["Élection results are in"]);
    // "rail" is whole in the first two (a title, an excerpt), the start of "railway" in an excerpt of the third.
    expect(search("rail")).toEqual(["Rail strike halts trains", "Storm closes ports", "Élection results are in"]);
  });

  it("finds nothing for words no story has, nor for a draft's", () => {
    expect(search("zanzibarian")).toEqual([]);
    expect(search("")).toEqual([]);
  });

  it("answers the same searches however its files are cut, and fetches only the files a query's words are in", () => {
    const small = built(model, 60);
    expect(small.manifest.segments[0].files.length).toBeGreaterThan(5);
    expect(postingsOf(small)).toEqual(postings);
    for (const query of ["rail", "transport storm", "elect", "harbour", "zzz"]) expect(search(query, "best", small), query).toEqual(search(query));
    const plan = planSearch(small.manifest, ["storm"]);
    expect(plan.files).toHaveLength(1);
    expect(Object.keys((small.json(plan.files[0].name) as SearchWordFile).words)).toContain("storm");
  });

  it("matches a short word alone when words beginning with it fill more than three files", () => {
    const letters = buildSiteModel(
      ["sa", "sb", "sc", "sd", "se"].map((word, i) =>
        recordOf(`${word}.txt`, { title: `"${word} ${word}x"`, sourceUrl: `https://news.example.com/${word}`, publishedDateTime: `2024-01-0${i + 1}T00:00:00Z` }),
      ),
    );
    const plan = planSearch(built(letters, 10).manifest, ["s", "sa"]);
    expect(plan.words.map(({ word, prefix }) => [word, prefix])).toEqual([
      ["s", false],
      ["sa", true],
    ]);
    expect(plan.files.length).toBeLessThanOrEqual(4);
  });
});

// ---------------------------------------------------------------------------
// Continuous publishing: what one more story, an edit, a merge change.
// ---------------------------------------------------------------------------

const WORDS = "harbour rail storm budget summit vote court river school energy market festival".split(" ");

/** Story `i` of a generated archive: its own date (an hour apart), two topic words, heat and quality that vary. */
function storyRecord(i: number, fields: Record<string, string> = {}): ArticleRecord {
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
const archive = (count: number) => Array.from({ length: count }, (_, i) => storyRecord(i));

/** The files `after` has that `before` has not, by what they are. */
function changed(before: Built, after: Built) {
  const added = [...after.texts.keys()].filter((name) => !before.texts.has(name));
  const words = after.manifest.segments.map((segment) => segment.files.filter((name) => added.includes(name)));
  const chunks = after.manifest.chunks.names.filter((name) => added.includes(name));
  const summaries = chunks.flatMap((name) => (after.json(name) as SearchChunk).summaries.filter((block) => added.includes(block)));
  return { added, words, chunks, summaries, bytes: added.reduce((total, name) => total + (after.texts.get(name) as string).length, 0) };
}

describe("continuous publishing", () => {
  const N = SEARCH_CHUNK + 88;
  const records600 = archive(N);
  const before = built(buildSiteModel(records600));

  it("keeps a base of whole chunks and a recent segment of the rest", () => {
    expect(recentFrom(N)).toBe(SEARCH_CHUNK);
    expect(before.manifest.segments.map((segment) => segment.from)).toEqual([0, SEARCH_CHUNK]);
    expect(before.manifest.chunks.names).toHaveLength(2);
  });

  it("a new story changes only the recent segment's files, the last summary block and chunk, and the manifest", () => {
    const after = built(buildSiteModel([...records600, storyRecord(N)]));
    const diff = changed(before, after);
    expect(after.manifest.stories).toBe(N + 1);
    expect(after.manifest.segments[0]).toEqual(before.manifest.segments[0]);
    expect(diff.words[0]).toEqual([]);
    expect(diff.words[1].length).toBeGreaterThan(0);
    expect(after.manifest.chunks.names[0]).toBe(before.manifest.chunks.names[0]);
    expect(diff.chunks).toEqual([after.manifest.chunks.names[1]]);
    expect(diff.summaries).toHaveLength(1);
    expect(diff.added.length).toBeLessThanOrEqual(5);
    expect(diff.added).toHaveLength(diff.words[1].length + 3);
    expect(search(`item${N}`, "best", after)).toEqual([`Item${N} ${WORDS[N % WORDS.length]} ${WORDS[(N * 7 + 3) % WORDS.length]}`]);
  });

  it("an article joining an old story moves no number", () => {
    const joined = storyRecord(N, {
      related: `\n  - title: "Copy"\n    sourceUrl: "https://news1.example.com/s10"`,
      title: '"Joined coverage"',
    });
    const after = built(buildSiteModel([...records600, joined]));
    expect(after.manifest.stories).toBe(N);
    expect(searchNumbers("joined", "best", after)).toEqual([10]);
    expect(titleOf(10, after)).toBe("Joined coverage");
    for (const i of [9, 11, 500, N - 1]) expect(titleOf(i, after)).toBe(titleOf(i, before));
  });

  it("crossing a whole chunk merges the recent stories into the base", () => {
    const full = 2 * SEARCH_CHUNK;
    const last = built(buildSiteModel(archive(full - 1)));
    const merged = built(buildSiteModel(archive(full)));
    expect(last.manifest.segments.map((segment) => segment.from)).toEqual([0, SEARCH_CHUNK]);
    expect(merged.manifest.segments.map((segment) => segment.from)).toEqual([0]);
    expect(postingsOf(merged).get("harbour")?.length).toBe((postingsOf(last).get("harbour")?.length ?? 0) + ((full - 1) % WORDS.length === 0 || ((full - 1) * 7 + 3) % WORDS.length === 0 || ((full - 1) * 5 + 1) % WORDS.length === 0 ? 1 : 0));
    // The next story opens a new recent segment; the new base stays as it is.
    const next = built(buildSiteModel(archive(full + 1)));
    expect(next.manifest.segments[0]).toEqual(merged.manifest.segments[0]);
  });

  it("an edit of a story in the base changes only the files of the words it gained or lost, one summary block and its chunk", () => {
    const edited = records600.map((record, i) => (i === 100 ? { ...record, excerpt: "A pangolin festival report" } : record));
    const after = built(buildSiteModel(edited));
    const diff = changed(before, after);
    const [old, now] = [postingsOf(before), postingsOf(after)];
    const moved = [...new Set([...old.keys(), ...now.keys()])].filter((word) => JSON.stringify(old.get(word)) !== JSON.stringify(now.get(word)));
    expect(moved.sort()).toEqual(["a", "festival", "number3", "pangolin", WORDS[(100 * 5 + 1) % WORDS.length]].sort());
    // Each new word file holds a word whose stories changed.
    for (const name of diff.words.flat()) expect(Object.keys((after.json(name) as SearchWordFile).words).some((word) => moved.includes(word)), name).toBe(true);
    expect(diff.words[1]).toEqual([]);
    expect(diff.chunks).toEqual([after.manifest.chunks.names[0]]);
    expect(diff.summaries).toHaveLength(1);
    expect(diff.added).toHaveLength(diff.words[0].length + 3);
  });

  it("is the same, byte for byte, whatever order the files were read in: a full build and an update agree", () => {
    const again = built(buildSiteModel(shuffled([...records600], 7)));
    expect(again.name).toBe(before.name);
    expect([...again.texts]).toEqual([...before.texts]);
  });
});

describe("orders, as the feed's own comparison has them", () => {
  const many = buildSiteModel(archive(3 * SEARCH_CHUNK + 40));
  const at = built(many);

  /** Every story of the feed's list in `sort`, as the title its result shows, best first. */
  function feedOrder(sort: SortOrder): string[] {
    const compare = compareStories(sort);
    const seen = new Set<number>();
    const titles: string[] = [];
    for (const index of many.articles.map((_article, i) => i).sort((a, b) => compare(many.articles[a], many.articles[b]))) {
      if (seen.has(many.storyOf[index])) continue;
      seen.add(many.storyOf[index]);
      titles.push(many.articles[many.storyOf[index]].title);
    }
    return titles;
  }

  it("Latest, Hot and Top put every match where the feed's order does", () => {
    for (const sort of ["latest", "hot", "top"] as const) {
      const expected = feedOrder(sort);
      for (const query of ["harbour", "rail report", "number5"]) {
        const found = search(query, sort, at);
        expect(found, `${query} ${sort}`).toEqual(expected.filter((title) => found.includes(title)));
        expect(found.length).toBe(searchNumbers(query, "best", at).length);
      }
    }
  });

  it("reads the keys of the chunks its first results can be in, not of every match", () => {
    const plan = planSearch(at.manifest, ["harbour"]);
    const matches = rankMatches(at.manifest, plan, new Map(plan.files.map(({ name }) => [name, at.json(name) as SearchWordFile])));
    const { need } = orderMatches(at.manifest, matches, "latest", new Map(), 10, 1);
    expect(need).toEqual([at.manifest.chunks.names.length - 1]);
    const newest = new Map([[need[0], at.json(at.manifest.chunks.names[need[0]]) as SearchChunk]]);
    expect(orderMatches(at.manifest, matches, "latest", newest, 10).numbers.length).toBeGreaterThanOrEqual(10);
  });

  it("any first few, for any order, are the first few of the whole order (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom<SearchOrder>("best", "latest", "hot", "top"), fc.constantFrom(...WORDS, "report", "item1"), fc.integer({ min: 1, max: 200 }), (order, word, want) => {
        const all = searchNumbers(word, order, at);
        const first = searchNumbers(word, order, at, want);
        expect(first.length).toBeGreaterThanOrEqual(Math.min(want, all.length));
        expect(first).toEqual(all.slice(0, first.length));
      }),
      { numRuns: 60 },
    );
  });
});

describe("the search index over any archive (property)", () => {
  const arbitraryStory = fc.record({
    words: fc.array(fc.constantFrom(...WORDS, "alpha", "alphabet", "beta"), { minLength: 1, maxLength: 4 }),
    hours: fc.integer({ min: 0, max: 10_000 }),
    heat: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    quality: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  });

  it("finds exactly the stories with every query word, in the feed's orders, from files cut any size", () => {
    fc.assert(
      fc.property(fc.array(arbitraryStory, { minLength: 1, maxLength: 30 }), fc.constantFrom(...WORDS, "alpha", "alp", "beta"), fc.constantFrom(20, 200, 24_000), (stories, word, bytes) => {
        const source = buildSiteModel(
          stories.map((story, i) =>
            recordOf(`p${i}.txt`, {
              title: `"${story.words.join(" ")} p${i}"`,
              publishedDateTime: new Date(Date.UTC(2024, 0, 1) + story.hours * 3_600_000 + i * 1000).toISOString(),
              sourceUrl: `https://p.example.com/${i}`,
              ...(story.heat === undefined ? {} : { heat: String(story.heat) }),
              ...(story.quality === undefined ? {} : { quality: String(story.quality) }),
            }),
          ),
        );
        const at = built(source, bytes);
        const expected = source.articles.filter((article) => searchWords(article.title).some((indexed) => indexed.startsWith(word))).map((article) => article.title);
        expect(search(word, "best", at).sort()).toEqual([...expected].sort());
        for (const sort of ["latest", "hot", "top"] as const) {
          const compare = compareStories(sort);
          expect(search(word, sort, at)).toEqual(source.articles.filter((article) => expected.includes(article.title)).sort(compare).map((article) => article.title));
        }
      }),
      { numRuns: 80 },
    );
  });
});

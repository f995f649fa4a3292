import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareStories } from "../../src/contract/order.ts";
import { dataPaths } from "../../src/contract/paths.ts";
import { decodePostings, searchWords, type SearchManifest, type SearchRanks, type SearchWordFile } from "../../src/contract/search.ts";
import { planSearch, rankMatches } from "../../src/features/search/search-engine.ts";
import { discoverArticleFiles } from "../../src/pipeline/load.ts";
import { createContentStore } from "../../src/pipeline/content.ts";
import { buildSearchIndex, ranksIn, searchIndexFiles, searchSummaryLine, type SearchIndex } from "../../src/pipeline/search-index.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { FIXTURES, recordOf, securedValuesOf, shuffled } from "./helpers.ts";

const topicsYaml = (...names: string[]) => names.map((name) => `\n  - "${name}"`).join("");

/** Five stories a day apart, newest last in this list; the index numbers them newest first. */
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
const model = buildSiteModel(records);
const { manifest, files } = buildSearchIndex(model);
const titles = model.articles.map((article) => article.title);

/** Every indexed word with its (article number, weight) pairs. */
function postingsOf(index: SearchIndex): Map<string, [number, number][]> {
  const all = new Map<string, [number, number][]>();
  for (const file of index.files) {
    for (const [word, postings] of Object.entries(file.words)) {
      const pairs: [number, number][] = [];
      decodePostings(postings, (article, weight) => pairs.push([article, weight]));
      all.set(word, pairs);
    }
  }
  return all;
}
const postings = postingsOf({ manifest, files });

/** What a reader searching `query` is shown, as titles, best first. */
function search(query: string, index: SearchIndex = { manifest, files }): string[] {
  const plan = planSearch(index.manifest, searchWords(query));
  const loaded = new Map(plan.files.map((file) => [file, index.files[file]]));
  return rankMatches(index.manifest, plan, loaded).map((number) => titles[number]);
}

describe("buildSearchIndex: what it holds", () => {
  it("numbers the published stories as the Latest feed lists them (here, one article each)", () => {
    expect(manifest.stories).toBe(4);
    expect(titles).toEqual(["Markets rally on rate cut", "Storm closes ports", "Élection results are in", "Rail strike halts trains"]);
  });

  it("indexes titles, excerpts, topics and the provider's name and domain, each word with its best field", () => {
    // Title 3, topic or provider 2, excerpt 1.
    expect(postings.get("rail")).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(postings.get("transport")).toEqual([
      [1, 2],
      [3, 2],
    ]);
    expect(postings.get("harbour")).toEqual([[1, 2]]);
    expect(postings.get("harbourtimes")).toEqual([[1, 2]]);
    expect(postings.get("railway")).toEqual([[2, 1]]);
  });

  it("sets case and accents aside", () => {
    expect(postings.get("election")).toEqual([[2, 3]]);
    expect(postings.has("Élection")).toBe(false);
    expect(searchWords("Élection À PARIS, naïve")).toEqual(["election", "a", "paris", "naive"]);
  });

  it("never holds a word only a draft has", () => {
    for (const word of ["draft", "secret", "merger", "zanzibarian", "buyout"]) expect(postings.has(word), word).toBe(false);
  });

  it("never holds a word of a `secured` value, an unknown key, or a draft", async () => {
    const dir = join(FIXTURES, "build-private");
    const store = createContentStore(dir);
    await store.loadAll();
    const { model: privateModel } = store.build();
    const words = postingsOf(buildSearchIndex(privateModel));
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
    expect(words.has("graphika")).toBe(true);
  });
});

describe("buildSearchIndex: stories, as every list shows them", () => {
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
  const lists = postingsOf(buildSearchIndex(clustered));

  it("indexes a story once, with the words of every article that covers it", () => {
    expect(clustered.storyOf).toEqual([0, 0, 2]);
    expect(buildSearchIndex(clustered).manifest.stories).toBe(2);
    expect(lists.get("negotiators")).toEqual([[0, 3]]);
    expect(lists.get("accord")).toEqual([
      [0, 3],
      [1, 3],
    ]);
  });

  it("gives a word the best field any of the story's articles has it in", () => {
    // In the lead's excerpt and the other article's title.
    expect(lists.get("emissions")).toEqual([[0, 3]]);
  });

  it("ranks stories in Hot and Top by their best-ranked article", () => {
    // The summit story is hottest through its older article; the markets story is the only one rated.
    expect(ranksIn(clustered, "hot").ranks).toEqual([0, 1]);
    expect(ranksIn(clustered, "top").ranks).toEqual([1, 0]);
  });
});

describe("buildSearchIndex: split by word", () => {
  const small = buildSearchIndex(model, 60);

  it("lists where each file's words begin, in order, and each file holds exactly its range", () => {
    expect(small.files.length).toBeGreaterThan(5);
    expect(small.manifest.words).toEqual([...small.manifest.words].sort());
    small.files.forEach((file, i) => {
      const words = Object.keys(file.words);
      expect(words[0]).toBe(small.manifest.words[i]);
      for (const word of words) {
        expect(word >= small.manifest.words[i]).toBe(true);
        if (i + 1 < small.files.length) expect(word < small.manifest.words[i + 1]).toBe(true);
      }
    });
    // Cut smaller, the same words with the same lists.
    expect(postingsOf(small)).toEqual(postings);
  });

  it("is the same whatever order the files were read in", () => {
    const again = buildSearchIndex(buildSiteModel(shuffled(records, 3)), 60);
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
  });

  it("answers the same searches however it is cut", () => {
    for (const query of ["rail", "transport storm", "elect", "harbour", "zzz"]) expect(search(query, small), query).toEqual(search(query));
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
    const index = buildSearchIndex(twins);
    const plan = planSearch(index.manifest, ["budget"]);
    const order = rankMatches(index.manifest, plan, new Map(plan.files.map((file) => [file, index.files[file]])));
    expect(order.map((number) => twins.articles[number].title)).toEqual(["Budget vote passes", "Budget cuts loom", "Budget talks stall"]);
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

  it("fetches only the files a query's words are in", () => {
    const small = buildSearchIndex(model, 60);
    const plan = planSearch(small.manifest, ["storm"]);
    expect(plan.files).toHaveLength(1);
    expect(Object.keys(small.files[plan.files[0]].words)).toContain("storm");
  });

  it("matches a short word alone when words beginning with it fill more than three files", () => {
    const letters = buildSiteModel(
      ["sa", "sb", "sc", "sd", "se"].map((word, i) =>
        recordOf(`${word}.txt`, { title: `"${word} ${word}x"`, sourceUrl: `https://news.example.com/${word}`, publishedDateTime: `2024-01-0${i + 1}T00:00:00Z` }),
      ),
    );
    const index = buildSearchIndex(letters, 10);
    const plan = planSearch(index.manifest, ["s", "sa"]);
    expect(plan.words.map(({ word, prefix }) => [word, prefix])).toEqual([
      ["s", false],
      ["sa", true],
    ]);
    expect(plan.files.length).toBeLessThanOrEqual(4);
  });
});

describe("searchIndexFiles", () => {
  const written = new Map(searchIndexFiles(model).files.map((file) => [file.path, JSON.parse(file.render()) as unknown]));

  it("writes the manifest, every word file and the Hot and Top ranks in the build's search folder", () => {
    const manifestFile = written.get(dataPaths.searchManifest(model.buildId)) as SearchManifest;
    expect(manifestFile).toEqual(manifest);
    expect(dataPaths.searchManifest(model.buildId)).toBe(`data/${model.buildId}/search/index.json`);
    manifest.words.forEach((_word, i) => expect(written.get(dataPaths.searchWords(model.buildId, i)) as SearchWordFile).toEqual(files[i]));
    expect(written.size).toBe(1 + files.length + 2);
    const words = files.reduce((total, file) => total + Object.keys(file.words).length, 0);
    expect(files).toHaveLength(1);
    expect(searchSummaryLine(searchIndexFiles(model), 12.4)).toBe(`Broadsheet search index: ${words} words in 1 file, in 12 ms`);
    for (const path of written.keys()) expect(path.startsWith(dataPaths.search(model.buildId))).toBe(true);
  });

  it("ranks every story in the Hot and Top orders with the feed's own comparison", () => {
    for (const sort of ["hot", "top"] as const) {
      const { ranks } = written.get(dataPaths.searchRanks(model.buildId, sort)) as SearchRanks;
      const expected = [...model.articles].sort(compareStories(sort, model.articles[0].publishedAt)).map((article) => article.title);
      const byRank = ranks.map((rank, number) => [rank, titles[number]] as const).sort(([a], [b]) => a - b);
      expect(byRank.map(([, title]) => title), sort).toEqual(expected);
    }
    expect(titles[(written.get(dataPaths.searchRanks(model.buildId, "top")) as SearchRanks).ranks.indexOf(0)]).toBe("Rail strike halts trains");
  });

  it("writes nothing but an empty manifest for an empty archive", () => {
    const empty = searchIndexFiles({ buildId: "0", articles: [], storyOf: [], stories: [] });
    expect(empty.words).toBe(0);
    expect(empty.files.map((file) => [file.path, JSON.parse(file.render())])).toEqual([
      [dataPaths.searchManifest("0"), { stories: 0, words: [] }],
      [dataPaths.searchRanks("0", "hot"), { ranks: [] }],
      [dataPaths.searchRanks("0", "top"), { ranks: [] }],
    ]);
  });
});

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEARCH_CHUNK, searchWords, type SearchChunk, type SearchWordFile } from "../../src/contract/search.ts";
import { createContentStore } from "../../src/pipeline/content-store.ts";
import { discoverArticleFiles } from "../../src/pipeline/load.ts";
import { recentFrom, storyNumbers } from "../../src/pipeline/search-index.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { FIXTURES, recordOf, securedValuesOf, shuffled } from "./helpers.ts";
import { archive, built, manifest, model, postings, postingsOf, search, searchNumbers, storyRecord, titleOf, WORDS, type Built } from "./search-fixtures.ts";

// The search engine's own tests (queries, ranking, the orders) are in search-engine.test.ts.

describe("the search index: what it holds", () => {
  it("numbers the published stories oldest first, by their oldest article", () => {
    expect(manifest.stories).toBe(4);
    expect([0, 1, 2, 3].map((number) => titleOf(number))).toEqual(["Rail strike halts trains", "Élection results are in", "Storm closes ports", "Markets rally on rate cut"]);
    // The model lists stories newest first; the numbers run the other way.
    expect(storyNumbers(model)).toEqual([3, 2, 1, 0]);
  });

  it("indexes titles, excerpts, topics and the provider's name and domain, each word with its best field", () => {
    // Title 3, topic or outlet 2, excerpt 1.
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
  const withStories = buildSiteModel([
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
  const withStoriesIndex = built(withStories);
  const lists = postingsOf(withStoriesIndex);

  it("indexes a story once, with the words of every article that covers it, numbered by its oldest", () => {
    expect(withStories.storyOf).toEqual([0, 0, 2]);
    expect(withStoriesIndex.manifest.stories).toBe(2);
    // The markets story began first.
    expect(lists.get("negotiators")).toEqual([[1, 3]]);
    expect(lists.get("accord")).toEqual([
      [0, 3],
      [1, 3],
    ]);
    // A result shows the story's newest article.
    expect(titleOf(1, withStoriesIndex)).toBe("Summit ends with a deal");
  });

  it("gives a word the best field any of the story's articles has it in", () => {
    // In the lead's excerpt and the other article's title.
    expect(lists.get("emissions")).toEqual([[1, 3]]);
  });

  it("orders stories in Latest, Hot and Top by their best article, as the feed does", () => {
    expect(search("accord", "latest", withStoriesIndex)).toEqual(["Summit ends with a deal", "Markets shrug off accord"]);
    // The summit story is hottest through its older article; the markets story is the only one rated.
    expect(search("accord", "hot", withStoriesIndex)).toEqual(["Summit ends with a deal", "Markets shrug off accord"]);
    expect(search("accord", "top", withStoriesIndex)).toEqual(["Markets shrug off accord", "Summit ends with a deal"]);
  });
});

// ---------------------------------------------------------------------------
// Continuous publishing: what one more story, an edit, a merge change.
// ---------------------------------------------------------------------------

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

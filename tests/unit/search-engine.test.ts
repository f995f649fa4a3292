import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareStories, type SortOrder } from "../../src/contract/order.ts";
import { SEARCH_CHUNK, searchWords, type SearchChunk, type SearchOrder, type SearchWordFile } from "../../src/contract/search.ts";
import { orderMatches, planSearch, rankMatches } from "../../src/features/search/search-engine.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { STORY_RULES } from "../../src/pipeline/stories.ts";
import { recordOf } from "./helpers.ts";
import { archive, built, model, postings, postingsOf, search, searchNumbers, WORDS } from "./search-fixtures.ts";

// The search engine (src/features/search/search-engine.ts) over the files the index writer
// makes: what a query finds, how it ranks, and the feed's orders. The writer's own tests are in search-index.test.ts.

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
  // Fewer shared words than make two titles one story (STORY_RULES): every article is a story of its own here, and a result each.
  const arbitraryStory = fc.record({
    words: fc.array(fc.constantFrom(...WORDS, "alpha", "alphabet", "beta"), { minLength: 1, maxLength: STORY_RULES.minSharedWords - 1 }),
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

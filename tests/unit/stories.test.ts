import { describe, expect, it } from "vitest";
import { dataPaths, STORY_LINKS_SHOWN } from "../../src/contract/data-layout.ts";
import type { ListHead, OutletCatalog, SiteIndex } from "../../src/contract/types.ts";
import { STORY_RULES, significantWords } from "../../src/pipeline/stories.ts";
import { dataFiles } from "../../src/pipeline/data-files.ts";
import { toSummary } from "../../src/contract/summary.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { recordOf, type Fields } from "./helpers.ts";

const HOUR = 3_600_000;
const at = (hoursAfter: number) => new Date(Date.UTC(2024, 4, 1) + hoursAfter * HOUR).toISOString();

let made = 0;
/** An article `hoursAfter` the first of May 2024, with its own source URL unless given one. */
function article(title: string, hoursAfter: number, fields: Fields = {}) {
  made++;
  return recordOf(`${made}.txt`, {
    title: JSON.stringify(title),
    publishedDateTime: at(hoursAfter),
    sourceUrl: `https://outlet${made}.example/story-${made}`,
    provider: `\n  name: Outlet ${made}\n  domain: outlet${made}.example`,
    ...fields,
  });
}

const related = (...items: { url: string; outlet?: string; at?: number }[]) =>
  items
    .map(
      ({ url, outlet, at: hours }, i) =>
        `\n  - title: "Coverage ${i + 1}"\n    sourceUrl: "${url}"` +
        (outlet ? `\n    provider:\n      name: ${outlet}\n      domain: ${outlet.toLowerCase().replace(/ /g, "")}.example` : "") +
        (hours === undefined ? "" : `\n    publishedDateTime: ${at(hours)}`),
    )
    .join("");

/** Titles of each story, newest article first, stories newest first. */
function stories(records: ReturnType<typeof article>[]) {
  const model = buildSiteModel(records);
  const byStory = new Map<number, string[]>();
  model.storyOf.forEach((lead, index) => byStory.set(lead, [...(byStory.get(lead) ?? []), model.articles[index].title]));
  return [...byStory.values()];
}

describe("stories: shared related coverage", () => {
  it("joins articles that list the same related story, however its URL is dressed", () => {
    expect(
      stories([
        article("Central bank holds rates", 0, { related: related({ url: "https://wire.example/rates?utm_source=x" }) }),
        article("Markets shrug at decision", 5, { related: related({ url: "https://WIRE.example/rates/" }) }),
        article("Unrelated match report", 6),
      ]),
    ).toEqual([["Unrelated match report"], ["Markets shrug at decision", "Central bank holds rates"]]);
  });

  it("joins an article with another that lists it as related coverage", () => {
    const original = article("Volcano erupts on remote island", 0, { sourceUrl: "https://geo.example/volcano" });
    const follow = article("Ash cloud grounds flights", 20, { related: related({ url: "https://geo.example/volcano#live" }) });
    expect(stories([original, follow])).toEqual([["Ash cloud grounds flights", "Volcano erupts on remote island"]]);
  });

  it(`ignores a URL listed by more than ${STORY_RULES.maxArticlesPerUrl} articles: a section front, not a story`, () => {
    const many = Array.from({ length: STORY_RULES.maxArticlesPerUrl + 1 }, (_, i) =>
      article(`Distinct headline number ${i} about nothing`, i * 100, { related: related({ url: "https://wire.example/" }) }),
    );
    expect(stories(many)).toHaveLength(many.length);
  });

  it("joins through a chain: A and B share coverage, B and C share coverage", () => {
    expect(
      stories([
        article("Strike halts trains", 0, { related: related({ url: "https://x.example/1" }) }),
        article("Union and rail firm talk", 30, { related: related({ url: "https://x.example/1" }, { url: "https://x.example/2" }) }),
        article("Commuters face delays", 60, { related: related({ url: "https://x.example/2" }) }),
      ]),
    ).toEqual([["Commuters face delays", "Union and rail firm talk", "Strike halts trains"]]);
  });
});

describe("stories: titles that overlap within a few days", () => {
  it("joins titles sharing most of their significant words within 72 hours", () => {
    expect(
      stories([
        article("Storm Ciarán batters southern England coast", 0),
        article("Storm Ciarán batters England's southern coast, thousands without power", 30),
      ]),
    ).toHaveLength(1);
  });

  it("keeps the same titles apart when they are more than 72 hours apart", () => {
    expect(
      stories([article("Storm Ciarán batters southern England coast", 0), article("Storm Ciarán batters southern England coast", 73)]),
    ).toHaveLength(2);
  });

  it("keeps titles apart that share only two significant words", () => {
    expect(stories([article("Apple earnings beat forecasts", 0), article("Apple earnings disappoint investors", 1)])).toHaveLength(2);
  });

  it("keeps long titles apart that share three words but little else", () => {
    expect(
      stories([
        article("Climate summit delegates argue over coal phase-out deadline in Dubai", 0),
        article("Climate protesters block Dubai airport road as summit delegates arrive late", 2),
      ]),
    ).toHaveLength(2);
  });

  it("does not count stop words or short words as shared", () => {
    expect([...significantWords("The US and the EU: what it says about trade")]).toEqual(["trade"]);
    // Eight words in common, all of them stop words.
    expect(
      stories([article("What the new rules mean for you and your family", 0), article("What the new coach means for the team and you", 1)]),
    ).toHaveLength(2);
  });
});

describe("full coverage of a story", () => {
  const outlet = (name: string) => `\n  name: ${name}\n  domain: ${name.toLowerCase()}.example`;
  const lead = article("Rate decision surprises markets", 50, {
    provider: outlet("Herald"),
    related: related({ url: "https://wire.example/rates", outlet: "Wire", at: 49 }, { url: "https://daily.example/rates", outlet: "Daily", at: 48 }),
    quality: "10",
    heat: "10",
    topics: "\n  - Rates",
  });
  const second = article("Traders react to rate decision", 30, {
    provider: outlet("Post"),
    related: related({ url: "https://wire.example/rates", outlet: "Wire", at: 49 }),
    heat: "90",
    topics: "\n  - Rates",
  });
  const third = article("Why the bank held rates", 10, {
    provider: outlet("Times"),
    related: related({ url: "https://daily.example/analysis", outlet: "Daily", at: 12 }, { url: "https://wire.example/rates", outlet: "Wire", at: 49 }),
  });
  const model = buildSiteModel([lead, second, third]);
  const [first] = model.articles;

  it("lists the story's other articles, newest first, in each article", () => {
    expect(first.story.articles.map((link) => link.title)).toEqual(["Traders react to rate decision", "Why the bank held rates"]);
    expect(first.story.articleCount).toBe(2);
    expect(model.articles[2].story.articles.map((link) => link.title)).toEqual(["Rate decision surprises markets", "Traders react to rate decision"]);
  });

  it("counts every outlet's pieces once, whoever lists them, newest piece first", () => {
    expect(first.story.outlets.map(({ name, count, latestAt }) => [name, count, latestAt])).toEqual([
      ["Herald", 1, at(50)],
      ["Wire", 1, at(49)],
      ["Daily", 2, at(48)],
      ["Post", 1, at(30)],
      ["Times", 1, at(10)],
    ]);
  });

  it("says which outlets have a page of their own: those that published one of the archive's articles", () => {
    expect(first.story.outlets.map(({ name, listed }) => [name, listed])).toEqual([
      ["Herald", true],
      ["Wire", false],
      ["Daily", false],
      ["Post", true],
      ["Times", true],
    ]);
    // An article of its own, in another story, gives Wire its page: every story that cites Wire links to it.
    const withWire = buildSiteModel([lead, second, third, article("Wire's own scoop on the cup final", 60, { provider: outlet("Wire"), sourceUrl: "https://wire.example/cup" })]);
    const story = withWire.articles.find((item) => item.title === "Rate decision surprises markets")?.story;
    expect(story?.outlets.find((item) => item.name === "Wire")).toMatchObject({ key: "wire.example", listed: true });
    expect(story?.outlets.find((item) => item.name === "Daily")).toMatchObject({ listed: false });
  });

  it("gives feed cards the number of outlets", () => {
    expect(toSummary(first).outlets).toBe(5);
  });

  it("shows a story once in the feed and in its topics: its newest article in Latest, its hottest in Hot", () => {
    const files = new Map([...dataFiles(model)].map((file) => [file.path, JSON.parse(file.render()) as unknown]));
    const index = files.get(dataPaths.index) as SiteIndex;
    const head = (name: string | undefined) => files.get(dataPaths.shard("lists", name ?? "")) as ListHead;
    const latest = head(index.feed);
    expect(latest.items.map((item) => item.title)).toEqual(["Rate decision surprises markets"]);
    expect(latest.total).toBe(1);
    expect(latest.pages).toBeNull();
    const hot = head(latest.orders?.hot);
    expect(hot.items.map((item) => item.title)).toEqual(["Traders react to rate decision"]);
    expect(hot.total).toBe(1);
    expect(index.topTopics.map((entry) => entry.name)).toEqual(["Rates"]);
    const topic = head(index.topTopics[0]?.list);
    expect(topic.total).toBe(1);
    expect(topic.items.map((item) => item.title)).toEqual(["Rate decision surprises markets"]);
    expect(head(topic.orders?.hot).items.map((item) => item.title)).toEqual(["Traders react to rate decision"]);
    // An outlet's own list holds every article it published.
    const { providers } = files.get(dataPaths.shard("catalogs", index.providers)) as OutletCatalog;
    const outlet = head(providers.find((entry) => entry.key === first.providerKey)?.list);
    expect(outlet.items.map((item) => item.title)).toEqual(["Rate decision surprises markets"]);
  });

  it(`lists at most ${STORY_LINKS_SHOWN} other articles, and says how many there are`, () => {
    const big = buildSiteModel(
      // A chain: each piece shares one related link with the next.
      Array.from({ length: STORY_LINKS_SHOWN + 5 }, (_, i) =>
        article(`Piece ${i}`, i, { related: related({ url: `https://hub.example/${i}` }, { url: `https://hub.example/${i + 1}` }) }),
      ),
    );
    expect(big.articles[0].story.articles).toHaveLength(STORY_LINKS_SHOWN);
    expect(big.articles[0].story.articleCount).toBe(STORY_LINKS_SHOWN + 4);
  });

  it("leaves a lone article alone, with its own outlet and its related coverage's", () => {
    const [alone] = buildSiteModel([article("A quiet day", 0, { related: related({ url: "https://wire.example/quiet", outlet: "Wire" }) })]).articles;
    expect(alone.story.articles).toEqual([]);
    expect(alone.story.outlets.map((outlet) => outlet.name)).toEqual([`Outlet ${made}`, "Wire"]);
  });
});

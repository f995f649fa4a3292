import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firstImage, htmlToText, MAX_HTML_CHARS } from "../../src/pipeline/import/html-text.ts";
import { readOpml, type Subscription } from "../../src/pipeline/import/opml.ts";
import { parseFeedDate, parseFeedText, type FeedItemDraft, type ParsedFeed } from "../../src/pipeline/import/parse-feed.ts";
import { toArticle, writeArticle, type ArticleContext } from "../../src/pipeline/import/to-article.ts";
import { importedPath, itemHash, writeNewFile } from "../../src/pipeline/import/write-item.ts";
import { discoverArticleFiles } from "../../src/pipeline/load.ts";
import { parseArticleFile } from "../../src/pipeline/parse-file.ts";
import { FIXTURES, removeDir, tempContentDir } from "./helpers.ts";

const fixture = (name: string) => readFileSync(join(FIXTURES, "feeds", name), "utf8");
const NOW = new Date("2026-12-02T12:00:00.000Z");

function parsed(name: string, url: string): Extract<ParsedFeed, { ok: true }> {
  const result = parseFeedText(fixture(name), { url, now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result;
}

const subscription = (over: Partial<Subscription> = {}): Subscription => ({ xmlUrl: "https://news.example.com/feed/", title: "", folders: [], tags: [], ...over });

const byUrl = (items: FeedItemDraft[], part: string) => {
  const item = items.find((candidate) => candidate.url?.includes(part));
  if (!item) throw new Error(`no item at ${part}`);
  return item;
};

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** What an orchestration would do with one parsed feed: every item an article, written unless there. */
async function importFeed(dir: string, feed: Extract<ParsedFeed, { ok: true }>, sub: Subscription) {
  const context: ArticleContext = { subscription: sub, feed: feed.feed, runStartedAt: NOW };
  const outcome = { written: [] as string[], already: [] as string[], skipped: [] as string[] };
  for (const item of feed.items) {
    const result = toArticle(item, context);
    if (!result.ok) {
      outcome.skipped.push(result.reason);
      continue;
    }
    const done = await writeArticle(dir, result.article);
    (done === "written" ? outcome.written : outcome.already).push(result.article.path);
  }
  return outcome;
}

describe("OPML subscription lists (case 1)", () => {
  it("reads a Feedly export: folders, decoded attributes, a feed listed twice is one subscription in both folders", () => {
    const result = readOpml(fixture("feedly.opml"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.subscriptions).toHaveLength(2);
    const [news, ars] = result.subscriptions;
    expect(news).toMatchObject({ xmlUrl: "https://news.example.com/feed/", title: "News & Views Daily", htmlUrl: "https://news.example.com/" });
    expect(news.folders).toEqual([["News"], ["Local"]]);
    expect(ars).toMatchObject({ xmlUrl: "https://ars.example.com/feed?format=xml&x=1", title: "Ars & Technica", folders: [["News"]] });
  });

  it("reads a NetNewsWire export: nested folders, top-level feeds and the category attribute", () => {
    const result = readOpml(fixture("netnewswire.opml"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [blog, json, rdf] = result.subscriptions;
    expect(blog).toMatchObject({ xmlUrl: "https://blog.example.org/atom.xml", folders: [["Tech", "Mac"]], tags: ["Apple", "Web Dev"] });
    expect(json.folders).toEqual([["Tech", "Programming"]]);
    expect(rdf.folders).toEqual([["Tech"]]);
  });

  it("names an invalid OPML file's fault in words", () => {
    for (const text of ["", "<rss></rss>", "not xml at all <", fixture("page.html")]) {
      const result = readOpml(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^is (not an OPML subscription list|an OPML file with no outlines)/);
    }
  });

  it("skips, and names, an outline whose xmlUrl is not http(s)", () => {
    const result = readOpml('<opml version="2.0"><head/><body><outline text="x" xmlUrl="file:///etc/passwd"/><outline text="y" xmlUrl="https://y.example.com/rss"/></body></opml>');
    expect(result.ok && result.subscriptions.map((s) => s.xmlUrl)).toEqual(["https://y.example.com/rss"]);
    expect(result.ok && result.skipped[0]).toMatch(/^x: its xmlUrl/);
  });
});

describe("HTML to text and the first image", () => {
  it("decodes entities, drops tags and scripts, keeps blocks apart", () => {
    expect(htmlToText("Council&#8217;s <b>cuts</b> &amp; rises")).toBe("Council\u2019s cuts & rises");
    expect(htmlToText("<p>Up 5%&hellip;</p><p>Next&nbsp;para</p><script>alert(1)</script><style>p{}</style>")).toBe("Up 5%\u2026 Next para");
    expect(htmlToText("one<br>two<svg><text>no</text></svg><template>no</template>")).toBe("one two");
    expect(htmlToText("a < b")).toBe("a < b");
  });

  it("caps the parser's input", () => {
    const long = `<p>${"word ".repeat(MAX_HTML_CHARS)}</p><p>TAIL</p>`;
    expect(htmlToText(long)).not.toContain("TAIL");
  });

  it("picks the first usable image: lazy attributes first, no data: URLs, resolved, http(s) only", () => {
    expect(firstImage('<img src="/wp-content/a.jpg">', "https://news.example.com/2026/x/")).toBe("https://news.example.com/wp-content/a.jpg");
    expect(firstImage('<img src="data:image/gif;base64,AA" data-lazy-src="lazy.jpg">', "https://a.example.com/p/")).toBe("https://a.example.com/p/lazy.jpg");
    expect(firstImage('<img src="javascript:alert(1)"><img src="ftp://x/y.jpg"><img src="https://ok.example.com/z.png">')).toBe("https://ok.example.com/z.png");
    expect(firstImage(`<img src="https://a.example.com/${"x".repeat(2100)}.jpg">`)).toBeUndefined();
  });
});

describe("feeds to item drafts (cases 2-4)", () => {
  it("WordPress RSS 2.0: CDATA title as text, excerpt without tags, media:content with its size, categories, guid-only item", () => {
    const feed = parsed("wordpress.xml", "https://news.example.com/feed/");
    expect(feed.feed).toMatchObject({ format: "rss", title: "News & Views Daily", link: "https://news.example.com/" });
    const budget = byUrl(feed.items, "council-budget");
    expect(budget.title).toBe("Council\u2019s budget: cuts & rises");
    expect(budget.summary).toBe("The council\u2019s budget cuts libraries & raises parking fees by 5%\u2026");
    expect(budget.images[0]).toEqual({ url: "https://news.example.com/wp-content/uploads/budget.jpg", width: 1200, height: 675 });
    expect(budget.images.map((image) => image.url)).toContain("https://news.example.com/wp-content/uploads/inline.jpg");
    expect(budget.categories).toEqual(["Politics", "Local & Regional", "Uncategorized"]);
    expect(budget.publishedAt).toBe("2026-12-02T09:30:00.000Z");
    expect(byUrl(feed.items, "no-date").publishedAt).toBeUndefined();
    expect(byUrl(feed.items, "no-date").images).toEqual([{ url: "https://cdn.example.com/lazy.jpg" }]);
    expect(byUrl(feed.items, "guid-only").images).toEqual([{ url: "https://news.example.com/wp-content/uploads/guid.png" }]);
    // A guid marked as no permalink is no link.
    expect(feed.items[3].url).toBeUndefined();
  });

  it("Atom: the xml:base chain, an XHTML title as text, +05:30 in UTC, updated when nothing was published", () => {
    const feed = parsed("atom-xml-base.xml", "https://blog.example.org/atom.xml");
    expect(feed.feed.title).toBe("Example & Blog");
    const [hello, updated] = feed.items;
    expect(hello.url).toBe("https://blog.example.org/posts/2026/hello-world");
    expect(hello.title).toBe("Hello World");
    expect(hello.publishedAt).toBe("2026-12-02T03:30:00.000Z");
    expect(hello.images.map((image) => image.url)).toEqual(["https://cdn.example.net/enclosure.jpg", "https://cdn.example.net/c/pic.jpg"]);
    expect(hello.categories).toEqual(["The Web", "xml"]);
    expect(hello.summary).toBe("A short summary.");
    expect(updated).toMatchObject({ url: "https://blog.example.org/posts/2026/only-updated", publishedAt: "2026-12-01T08:00:00.000Z" });
    expect(updated.images).toEqual([{ url: "https://blog.example.org/img/local.jpg" }]);
  });

  it("RSS 1.0: dc:date with its zone, dc:subject", () => {
    const [item] = parsed("rss1.rdf", "https://rdf.example.jp/index.rdf").items;
    expect(item).toMatchObject({ url: "https://rdf.example.jp/entry/1", publishedAt: "2026-12-02T00:00:00.000Z", categories: ["Japan"] });
  });

  it("JSON Feed 1.1 and 1.0: titles are plain text, image and banner_image lead, a zone-less date is UTC", () => {
    const one = parsed("jsonfeed-1.1.json", "https://json.example.com/feed.json");
    expect(one.items[0]).toMatchObject({ url: "https://json.example.com/why-div", title: "Why <div> matters", summary: "A summary with <angle> brackets kept." });
    expect(one.items[0].images.map((image) => image.url)).toEqual(["https://json.example.com/lead.jpg", "https://json.example.com/inline.png"]);
    expect(one.items[0].publishedAt).toBe("2026-12-02T14:00:00.000Z");
    expect(one.items[1]).toMatchObject({ url: "https://elsewhere.example.net/story", title: "" });
    const old = parsed("jsonfeed-1.0.json", "https://json1.example.com/feed.json");
    expect(old.items[0]).toMatchObject({ images: [{ url: "https://json1.example.com/banner.jpg" }], publishedAt: "2026-12-02T09:00:00.000Z" });
  });

  it("a Netscape 0.91 public DOCTYPE and a bare <br> in a title", () => {
    expect(parsed("rss091-doctype.xml", "http://old.example.com/rss").items[0]).toMatchObject({ title: "Caf\u00e9 opens", url: "http://old.example.com/cafe.html" });
    const br = parsed("br-in-title.xml", "https://br.example.com/rss").items;
    expect(br.map((item) => item.title)).toEqual(["One two", "Second item"]);
  });

  it("an HTML page or other text is an error in words", () => {
    expect(parseFeedText(fixture("page.html"), { url: "https://x.example.com/", now: NOW })).toEqual({ ok: false, error: "not a feed: the server sent an HTML page" });
    const commented = "<!-- served by a CMS -->\n<HTML lang=en><body>Moved</body></HTML>";
    expect(parseFeedText(commented, { url: "https://x.example.com/", now: NOW })).toEqual({ ok: false, error: "not a feed: the server sent an HTML page" });
    expect(parseFeedText("hello", { url: "https://x.example.com/", now: NOW })).toMatchObject({ ok: false, error: expect.stringMatching(/^not a feed: /) });
    expect(parseFeedText("", { url: "https://x.example.com/", now: NOW })).toMatchObject({ ok: false, error: expect.stringMatching(/^not a feed: /) });
  });

  it("dates: zone-less as UTC, impossible days and nonsense as none, the far future as the run's start", () => {
    expect(parseFeedDate("2026-12-02 09:00:00", NOW)).toBe("2026-12-02T09:00:00.000Z");
    expect(parseFeedDate("2026-12-02T09:00:00+0530", NOW)).toBe("2026-12-02T03:30:00.000Z");
    // A space before the zone, a zone without a colon, and European zone names.
    expect(parseFeedDate("2026-12-01 10:00:00 +0100", NOW)).toBe("2026-12-01T09:00:00.000Z");
    expect(parseFeedDate("2026-12-01T10:00:00 +01:00", NOW)).toBe("2026-12-01T09:00:00.000Z");
    expect(parseFeedDate("Tue, 01 Dec 2026 10:00:00 CET", NOW)).toBe("2026-12-01T09:00:00.000Z");
    expect(parseFeedDate("Tue, 01 Dec 2026 10:00:00 BST", NOW)).toBe("2026-12-01T09:00:00.000Z");
    expect(parseFeedDate("2026-12-01", NOW)).toBe("2026-12-01T00:00:00.000Z");
    expect(parseFeedDate("2026-02-31T09:00:00Z", NOW)).toBeUndefined();
    expect(parseFeedDate("Tue, 31 Feb 2026 09:00:00 GMT", NOW)).toBeUndefined();
    expect(parseFeedDate("Tue, 01 Dec 2026 09:00:00", NOW)).toBe("2026-12-01T09:00:00.000Z");
    expect(parseFeedDate("yesterday", NOW)).toBeUndefined();
    expect(parseFeedDate("2030-01-01T00:00:00Z", NOW)).toBe(NOW.toISOString());
    expect(parseFeedDate("2026-12-03T06:00:00Z", NOW)).toBe("2026-12-03T06:00:00.000Z");
  });
});

describe("items to content files (cases 2-4, 9)", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await removeDir(dir);
    dir = "";
  });

  it("maps the WordPress feed to front matter the build reads without a warning", async () => {
    dir = await tempContentDir();
    const feed = parsed("wordpress.xml", "https://news.example.com/feed/");
    const sub = subscription({ title: "NV", folders: [["News"], ["Local"]], tags: ["Town"] });
    const outcome = await importFeed(dir, feed, sub);
    expect(outcome.written).toHaveLength(3);
    expect(outcome.skipped).toEqual(['"A guid that is not a permalink" has no usable link (http(s), at most 2048 characters)']);
    const budgetPath = importedPath("https://news.example.com/2026/12/council-budget/?utm_source=rss");
    expect(budgetPath).toBe(`imported/news.example.com/council-budget-${itemHash("https://news.example.com/2026/12/council-budget/")}.txt`);
    const budget = parseArticleFile(budgetPath, await readFile(join(dir, budgetPath), "utf8"));
    expect(budget.ok && budget.warnings).toEqual([]);
    if (!budget.ok) return;
    expect(budget.record).toMatchObject({
      title: "Council\u2019s budget: cuts & rises",
      excerpt: "The council\u2019s budget cuts libraries & raises parking fees by 5%\u2026",
      category: "News",
      type: "article",
      provider: { name: "News & Views Daily", domain: "news.example.com" },
      topics: ["Politics", "Local & Regional", "Town", "News", "Local"],
      publishedAt: "2026-12-02T09:30:00.000Z",
    });
    expect(budget.record.images[0]).toEqual({ url: "https://news.example.com/wp-content/uploads/budget.jpg", width: 1200, height: 675 });
    const undatedPath = importedPath("https://news.example.com/2026/12/no-date/");
    const undatedText = await readFile(join(dir, undatedPath), "utf8");
    expect(undatedText).toContain("# The feed gave this item no date");
    const undated = parseArticleFile(undatedPath, undatedText);
    expect(undated.ok && undated.record.publishedAt).toBe(NOW.toISOString());
    const guid = parseArticleFile("g.txt", await readFile(join(dir, importedPath("https://news.example.com/2026/12/guid-only/")), "utf8"));
    expect(guid.ok && guid.record.sourceUrl).toBe("https://news.example.com/2026/12/guid-only/");
  });

  it("every file written from every fixture feed passes parseArticleFile with no warning; the build finds them", async () => {
    dir = await tempContentDir();
    const feeds: [string, string][] = [
      ["wordpress.xml", "https://news.example.com/feed/"],
      ["atom-xml-base.xml", "https://blog.example.org/atom.xml"],
      ["rss1.rdf", "https://rdf.example.jp/index.rdf"],
      ["jsonfeed-1.1.json", "https://json.example.com/feed.json"],
      ["jsonfeed-1.0.json", "https://json1.example.com/feed.json"],
      ["rss091-doctype.xml", "http://old.example.com/rss"],
      ["br-in-title.xml", "https://br.example.com/rss"],
    ];
    let written = 0;
    for (const [name, url] of feeds) written += (await importFeed(dir, parsed(name, url), subscription({ xmlUrl: url }))).written.length;
    expect(written).toBe(11);
    const files = await allFiles(dir);
    expect(files).toHaveLength(written);
    for (const file of files) {
      const result = parseArticleFile(file, await readFile(file, "utf8"));
      expect(result.ok, file).toBe(true);
      expect(result.warnings, file).toEqual([]);
    }
    expect(await discoverArticleFiles(dir)).toHaveLength(written);
    const json = parseArticleFile("j.txt", await readFile(join(dir, importedPath("https://json.example.com/why-div")), "utf8"));
    expect(json.ok && json.record).toMatchObject({ title: "Why <div> matters", topics: ["HTML", "Web"], provider: { name: "JSON Example" } });
    expect(json.ok && json.record.images[0].url).toBe("https://json.example.com/lead.jpg");
  });

  it("cuts long text to the format's limits, so the build has nothing to warn about", async () => {
    const long = "word ".repeat(400);
    const item: FeedItemDraft = { url: "https://long.example.com/a", title: long, summary: long.repeat(3), images: [], categories: [long, ...Array.from({ length: 30 }, (_, i) => `t${i}`)] };
    const result = toArticle(item, { subscription: subscription({ title: long }), feed: { format: "rss", title: "" }, runStartedAt: NOW });
    expect(result.ok).toBe(true);
  });

  it("text YAML would misread round-trips: colons, #, quotes, null and yes as topics", () => {
    const item: FeedItemDraft = {
      url: "https://yaml.example.com/a",
      title: "key: value # not a comment",
      summary: "'single' \"double\" --- [list] {map} &anchor *alias",
      images: [],
      categories: ["null", "yes", "- dash", "123"],
    };
    const result = toArticle(item, { subscription: subscription(), feed: { format: "rss", title: "@at: feed" }, runStartedAt: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const read = parseArticleFile(result.article.path, result.article.text);
    expect(read.ok && read.record).toMatchObject({
      title: item.title,
      excerpt: item.summary,
      topics: ["null", "yes", "- dash", "123"],
      provider: { name: "@at: feed", domain: "yaml.example.com" },
    });
  });

  it("importing the same items twice writes nothing new, byte for byte; no partial file is left", async () => {
    dir = await tempContentDir();
    const feed = parsed("atom-xml-base.xml", "https://blog.example.org/atom.xml");
    const first = await importFeed(dir, feed, subscription());
    const before = await Promise.all((await allFiles(dir)).map((file) => readFile(file)));
    const second = await importFeed(dir, feed, subscription());
    expect(second.written).toEqual([]);
    expect(second.already).toEqual(first.written);
    const files = await allFiles(dir);
    expect(await Promise.all(files.map((file) => readFile(file)))).toEqual(before);
    expect(files.some((file) => file.endsWith(".partial"))).toBe(false);
  });

  it("leaves a hand-written file at the target name untouched", async () => {
    dir = await tempContentDir();
    const path = importedPath("https://rdf.example.jp/entry/1");
    const mine = "---\ntitle: Mine\npublishedDateTime: 2026-01-01\nsourceUrl: https://rdf.example.jp/entry/1\n---\n";
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), mine);
    const outcome = await importFeed(dir, parsed("rss1.rdf", "https://rdf.example.jp/index.rdf"), subscription());
    expect(outcome).toMatchObject({ written: [], already: [path] });
    expect(await readFile(join(dir, path), "utf8")).toBe(mine);
    expect(await allFiles(dir)).toHaveLength(1);
  });

  it("names files by the URL alone, as portable names", () => {
    const url = "https://www.news.example.com/a/b/My%20Story.html?utm_source=x#top";
    expect(importedPath(url)).toBe(`imported/news.example.com/my-story-${itemHash(url)}.txt`);
    expect(itemHash(url)).toBe(itemHash("https://WWW.news.example.com/a/b/My%20Story.html"));
    expect(importedPath("https://con.com/")).toMatch(/^imported\/[0-9a-f]{16}\.invalid\/item-[0-9a-f]{16}\.txt$/);
    expect(importedPath("http://[::1]/x")).toMatch(/^imported\/[0-9a-f]{16}\.invalid\/x-[0-9a-f]{16}\.txt$/);
    expect(importedPath("https://a.example.com/2026/12/Council-Budget/")).toBe(importedPath("https://A.example.com/2026/12/Council-Budget?utm_medium=rss"));
  });

  it("writeNewFile reports an existing file and removes its partial", async () => {
    dir = await tempContentDir();
    expect(await writeNewFile(dir, "imported/x.example.com/a.txt", "one")).toBe("written");
    expect(await writeNewFile(dir, "imported/x.example.com/a.txt", "two")).toBe("already there");
    expect(await readFile(join(dir, "imported/x.example.com/a.txt"), "utf8")).toBe("one");
    expect(await readdir(join(dir, "imported/x.example.com"))).toEqual(["a.txt"]);
  });
});

import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContentStore } from "../../src/pipeline/content-store.ts";
import { discoverArticleFiles } from "../../src/pipeline/load.ts";
import { readOpml } from "../../src/pipeline/import/opml.ts";
import { feedLine, importSucceeded, runImport, summaryLine, type ImportOptions } from "../../src/pipeline/import/run-import.ts";
import { loadState, stateFileOf } from "../../src/pipeline/import/state.ts";
import { startFeedServer, type FeedServer, type Route } from "./feed-server.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const fixture = (name: string) => readFileSync(join(ROOT, "tests", "fixtures", "feeds", name), "utf8");
const NOW = Date.parse("2026-12-02T10:00:00Z");
const ETAG = '"wp-1"';

let server: FeedServer;
let work: string;
beforeAll(async () => {
  server = await startFeedServer({
    // Answers If-None-Match as a real server does.
    "/wordpress": (request): Route =>
      request.headers["if-none-match"] === ETAG
        ? { status: 304, headers: { etag: ETAG } }
        : { headers: { "content-type": "application/rss+xml; charset=utf-8", etag: ETAG }, body: fixture("wordpress.xml") },
    "/atom": { headers: { "content-type": "application/atom+xml" }, body: fixture("atom-xml-base.xml"), gzip: true },
    "/gone": { status: 404, body: "no such feed" },
    "/page": { headers: { "content-type": "text/html; charset=utf-8" }, body: fixture("page.html") },
  });
  work = await mkdtemp(join(tmpdir(), "broadsheet-import-run-"));
});
afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

const opml = (paths: string[]) => `<?xml version="1.0"?>
<opml version="2.0"><head><title>Test</title></head><body>
  <outline text="World">${paths.map((path) => `<outline type="rss" text="${path.slice(1)}" xmlUrl="${server.url(path)}"/>`).join("")}</outline>
</body></opml>`;

async function setUp(name: string, paths: string[]): Promise<ImportOptions> {
  const dir = join(work, name);
  const contentDir = join(dir, "content");
  await writeFile(join(work, `${name}.opml`), opml(paths));
  return { opmlPath: join(work, `${name}.opml`), contentDir, now: () => NOW, fetch: { deadlineMs: 5_000 } };
}

const filesIn = async (dir: string) => (await discoverArticleFiles(dir).catch(() => [])).sort();

describe("npm run import", () => {
  it("writes each new item of every feed, says what each feed did, and a second run writes nothing", async () => {
    const options = await setUp("both", ["/wordpress", "/atom", "/gone", "/page"]);
    const first = await runImport(options);
    if (!first.ok) throw new Error(first.error);
    const byPath = Object.fromEntries(first.feeds.map((feed) => [new URL(feed.xmlUrl).pathname, feed]));
    expect(byPath["/wordpress"]).toMatchObject({ outcome: "new" });
    expect(byPath["/atom"]).toMatchObject({ outcome: "new" });
    expect(byPath["/gone"]).toMatchObject({ outcome: "failed", reason: "HTTP 404" });
    expect(byPath["/page"]).toMatchObject({ outcome: "failed", reason: "not a feed: the server sent an HTML page" });
    const files = await filesIn(options.contentDir);
    expect(files.length).toBe(byPath["/wordpress"].written + byPath["/atom"].written);
    expect(files.every((file) => file.startsWith("imported/"))).toBe(true);
    expect(feedLine(byPath["/gone"])).toBe("  gone: failed: HTTP 404");
    expect(summaryLine(first.feeds, 1200)).toBe(`Broadsheet import: 4 feeds (2 read, 2 failed, 0 skipped), ${files.length} new articles, in 1.2 s`);
    expect(importSucceeded(first.feeds)).toBe(true);

    const before = await Promise.all(files.map((file) => readFile(join(options.contentDir, file), "utf8")));
    // An hour later, past the failed feeds' first backoff (30 minutes).
    const second = await runImport({ ...options, now: () => NOW + 3_600_000 });
    if (!second.ok) throw new Error(second.error);
    expect(second.feeds.map((feed) => feed.outcome)).toEqual(["unchanged", "unchanged", "failed", "failed"]);
    expect(second.feeds.reduce((sum, feed) => sum + feed.written, 0)).toBe(0);
    expect(await filesIn(options.contentDir)).toEqual(files);
    expect(await Promise.all(files.map((file) => readFile(join(options.contentDir, file), "utf8")))).toEqual(before);
    // The WordPress server was asked conditionally, and answered 304.
    const asked = server.requests.filter((request) => request.path === "/wordpress");
    expect(asked.at(-1)?.headers["if-none-match"]).toBe(ETAG);
  });

  it("asks conditionally behind a temporary redirect, where the validators belong to the address it lands on", async () => {
    server.routes.set("/old", { status: 302, headers: { location: "/wordpress" } });
    const options = await setUp("redirected", ["/old"]);
    await runImport(options);
    const again = await runImport(options);
    if (!again.ok) throw new Error(again.error);
    expect(again.feeds[0]).toMatchObject({ outcome: "unchanged", written: 0 });
    expect(again.feeds[0].movedTo).toBeUndefined();
    expect(server.requests.filter((request) => request.path === "/wordpress").at(-1)?.headers["if-none-match"]).toBe(ETAG);
  });

  it("backs off a failing feed, and a forced run asks it anyway", async () => {
    const options = await setUp("backoff", ["/gone"]);
    await runImport(options);
    const soon = await runImport({ ...options, now: () => NOW + 60_000 });
    if (!soon.ok) throw new Error(soon.error);
    expect(soon.feeds[0]).toMatchObject({ outcome: "skipped" });
    expect(soon.feeds[0].reason).toContain("backing off after HTTP 404");
    // Waiting out a backoff is not a failure of this run: a cron job stays quiet.
    expect(importSucceeded(soon.feeds)).toBe(true);
    const forced = await runImport({ ...options, now: () => NOW + 60_000, force: true });
    if (!forced.ok) throw new Error(forced.error);
    expect(forced.feeds[0]).toMatchObject({ outcome: "failed", reason: "HTTP 404" });
    const { state } = await loadState(stateFileOf(options.opmlPath));
    expect(state.feeds[server.url("/gone")]).toMatchObject({ failures: 2, lastError: "HTTP 404" });
  });

  it("never brings back an item the publisher deleted", async () => {
    const options = await setUp("deleted", ["/atom"]);
    await runImport(options);
    const [first, ...rest] = await filesIn(options.contentDir);
    await unlink(join(options.contentDir, first));
    const again = await runImport(options);
    if (!again.ok) throw new Error(again.error);
    expect(again.feeds[0]).toMatchObject({ outcome: "unchanged", written: 0 });
    expect(await filesIn(options.contentDir)).toEqual(rest);
  });

  it("does not write an item the content folder already holds under another name", async () => {
    const options = await setUp("by-hand", ["/atom"]);
    await mkdir(options.contentDir, { recursive: true });
    // The same page as the feed's first entry, its address spelled otherwise (the build's identity rule makes them one).
    const byHand = `---
title: "Hello world, written by hand"
publishedDateTime: 2026-01-02T09:00:00Z
sourceUrl: https://BLOG.example.org/posts/2026/hello-world?utm_source=rss
provider:
  name: The Blog
  domain: blog.example.org
---
`;
    await writeFile(join(options.contentDir, "hello.txt"), byHand);
    const result = await runImport(options);
    if (!result.ok) throw new Error(result.error);
    const files = await filesIn(options.contentDir);
    expect(files).toContain("hello.txt");
    expect(files.some((file) => file.includes("hello-world"))).toBe(false);
    expect(result.feeds[0].known).toBeGreaterThanOrEqual(1);
    expect(await readFile(join(options.contentDir, "hello.txt"), "utf8")).toBe(byHand);
  });

  it("rewrites an item's file only when its entry says it was updated since, and never a file the publisher took over", async () => {
    const entry = (title: string, updated: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Corrections</title><id>urn:c</id><updated>${updated}</updated>
  <entry><title>${title}</title><id>urn:c:1</id><link href="https://corrections.example.com/a"/><published>2026-12-01T08:00:00Z</published><updated>${updated}</updated></entry>
</feed>`;
    let answer = entry("Minister resigns", "2026-12-01T08:00:00Z");
    server.routes.set("/corrections", () => ({ headers: { "content-type": "application/atom+xml" }, body: answer }));
    const options = await setUp("corrections", ["/corrections"]);
    const read = async () => {
      const [file] = await filesIn(options.contentDir);
      return { file, text: await readFile(join(options.contentDir, file), "utf8") };
    };
    await runImport(options);
    const first = await read();
    expect(first.text).toContain("Minister resigns");

    // The same entry, its title changed but not its updated time: left as it was.
    answer = entry("Minister resigns (typo)", "2026-12-01T08:00:00Z");
    await runImport(options);
    expect((await read()).text).toBe(first.text);

    // A correction the entry says it made: the file is rewritten in place.
    answer = entry("Minister offers to resign", "2026-12-01T11:30:00Z");
    const corrected = await runImport(options);
    if (!corrected.ok) throw new Error(corrected.error);
    expect(corrected.feeds[0]).toMatchObject({ outcome: "updated", updated: 1, written: 0 });
    const second = await read();
    expect(second.file).toBe(first.file);
    expect(second.text).toContain("Minister offers to resign");
    expect(await filesIn(options.contentDir)).toHaveLength(1);

    // The publisher edits the file and drops the importer's mark: a later correction leaves it alone.
    const byHand = second.text.replace(/^# Imported from the feed .*\n/m, "").replace("Minister offers to resign", "Minister offers to resign, edited");
    await writeFile(join(options.contentDir, second.file), byHand);
    answer = entry("Minister resigns after all", "2026-12-01T15:00:00Z");
    await runImport(options);
    expect((await read()).text).toBe(byHand);
  });

  it("clusters two outlets' items about one event into one story, as the build does any articles", async () => {
    const rss = (outlet: string, title: string, at: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${outlet}</title><link>https://${outlet}/</link>
      <item><title>${title}</title><link>https://${outlet}/news/storm</link><pubDate>${at}</pubDate></item></channel></rss>`;
    server.routes.set("/north", { headers: { "content-type": "application/rss+xml" }, body: rss("north.example.com", "Storm floods coastal towns across the north", "Tue, 01 Dec 2026 08:00:00 GMT") });
    server.routes.set("/coast", { headers: { "content-type": "application/rss+xml" }, body: rss("coast.example.org", "Storm floods coastal towns in the north overnight", "Tue, 01 Dec 2026 10:00:00 GMT") });
    const options = await setUp("cluster", ["/north", "/coast"]);
    await runImport(options);
    const store = createContentStore(options.contentDir);
    await store.loadAll();
    const { model, invalid, warnings } = store.build();
    expect([invalid, warnings]).toEqual([[], []]);
    expect(model.articles.map((article) => article.provider?.name).sort()).toEqual(["coast.example.org", "north.example.com"]);
    expect(model.stories).toEqual([[0, 1]]);
  });

  it("fails as a whole only when the OPML is missing or not an OPML file, naming it", async () => {
    const missing = await runImport({ opmlPath: join(work, "none.opml"), contentDir: join(work, "none") });
    expect(missing).toEqual({ ok: false, error: expect.stringContaining("none.opml was not found") });
    await writeFile(join(work, "bad.opml"), "<html><body>not a list</body></html>");
    const bad = await runImport({ opmlPath: join(work, "bad.opml"), contentDir: join(work, "bad") });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain("bad.opml");
    expect(await readdir(work)).not.toContain("bad");
  });

  it("ships an example feeds.opml of real news feeds from several outlets", () => {
    const shipped = readOpml(readFileSync(join(ROOT, "feeds.opml"), "utf8"));
    if (!shipped.ok) throw new Error(shipped.error);
    const hosts = new Set(shipped.subscriptions.map((subscription) => new URL(subscription.xmlUrl).host));
    expect(hosts.size).toBeGreaterThanOrEqual(5);
    expect(shipped.subscriptions.every((subscription) => subscription.xmlUrl.startsWith("https://"))).toBe(true);
  });
});

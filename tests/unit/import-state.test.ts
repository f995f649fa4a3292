import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  backoffMs,
  feedStateOf,
  FIRST_BACKOFF_MS,
  isDue,
  loadState,
  MAX_BACKOFF_MS,
  noteFailure,
  noteSuccess,
  noteWritten,
  saveState,
  stateFileOf,
  WRITTEN_KEPT,
} from "../../src/pipeline/import/state.ts";

const NOW = Date.parse("2026-12-02T10:00:00Z");
const FEED = "https://news.example.com/feed/";
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "broadsheet-import-state-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("the import's state file", () => {
  it("sits beside the OPML, and a run with none starts from nothing", async () => {
    const dir = await tempDir();
    expect(stateFileOf(join(dir, "feeds.opml"))).toBe(join(dir, "feeds.opml.state.json"));
    expect(await loadState(join(dir, "feeds.opml.state.json"))).toEqual({ state: { version: 1, feeds: {} } });
  });

  it("reads back what it wrote, written whole with no temporary file left", async () => {
    const dir = await tempDir();
    const path = join(dir, "feeds.opml.state.json");
    const { state } = await loadState(path);
    const feed = feedStateOf(state, FEED);
    noteSuccess(feed, NOW, { url: FEED, etag: '"abc"', lastModified: "Mon, 02 Dec 2026 09:30:00 GMT" });
    noteWritten(feed, ["e9f0bc3bb6f3eddd"]);
    await saveState(path, state);
    expect((await loadState(path)).state).toEqual(state);
    expect(await readdir(dir)).toEqual(["feeds.opml.state.json"]);
  });

  it("takes a file it cannot read as no state, and says so: every feed is asked for again", async () => {
    const dir = await tempDir();
    const path = join(dir, "feeds.opml.state.json");
    for (const text of ["{ cut sho", JSON.stringify({ version: 99, feeds: {} }), "[]"]) {
      await writeFile(path, text);
      const { state, problem } = await loadState(path);
      expect(state.feeds).toEqual({});
      expect(problem).toContain("feeds.opml.state.json is not a state file");
    }
    // Each unreadable file was kept aside, never overwritten.
    expect((await readdir(dir)).filter((name) => name.includes(".corrupt-"))).toHaveLength(3);
    // One entry that is not a feed's state is left out; the others are kept.
    await writeFile(path, JSON.stringify({ version: 1, feeds: { [FEED]: { failures: 0, written: [] }, other: "x" } }));
    expect(Object.keys((await loadState(path)).state.feeds)).toEqual([FEED]);
    expect(await readFile(path, "utf8")).toContain("other");
  });
});

describe("when a feed is asked for again", () => {
  it("backs off 30 minutes after a failure, doubling to at most a day", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1, 2, 4, 8].map((times) => times * FIRST_BACKOFF_MS));
    expect(backoffMs(30)).toBe(MAX_BACKOFF_MS);
  });

  it("is not asked for while it backs off, then is; a forced run asks anyway", () => {
    const feed = feedStateOf({ version: 1, feeds: {} }, FEED);
    expect(isDue(feed, NOW)).toBe(true);
    noteFailure(feed, NOW, "HTTP 500");
    noteFailure(feed, NOW, "HTTP 500");
    expect(feed).toMatchObject({ failures: 2, lastError: "HTTP 500", nextAttemptAt: new Date(NOW + 2 * FIRST_BACKOFF_MS).toISOString() });
    expect(isDue(feed, NOW + FIRST_BACKOFF_MS)).toBe(false);
    expect(isDue(feed, NOW + FIRST_BACKOFF_MS, true)).toBe(true);
    expect(isDue(feed, NOW + 2 * FIRST_BACKOFF_MS)).toBe(true);
  });

  it("waits as long as the server's Retry-After asks, and a success forgets the failures", () => {
    const feed = feedStateOf({ version: 1, feeds: {} }, FEED);
    noteFailure(feed, NOW, "HTTP 429", { retryAfterMs: 120_000 });
    expect(feed.nextAttemptAt).toBe(new Date(NOW + 120_000).toISOString());
    noteSuccess(feed, NOW + 200_000, { url: FEED });
    expect(feed).toEqual({ failures: 0, written: [], lastFetchedAt: new Date(NOW + 200_000).toISOString(), validators: { url: FEED } });
  });

  it("skips a feed the server says is gone until a forced run, and follows a permanent move", () => {
    const feed = feedStateOf({ version: 1, feeds: {} }, FEED);
    noteFailure(feed, NOW, "HTTP 410", { gone: true });
    expect(isDue(feed, NOW + 10 * MAX_BACKOFF_MS)).toBe(false);
    expect(isDue(feed, NOW, true)).toBe(true);
    noteSuccess(feed, NOW, { url: "https://news.example.com/rss" }, "https://news.example.com/rss");
    expect(feed.url).toBe("https://news.example.com/rss");
    expect(isDue(feed, NOW)).toBe(true);
  });
});

describe("the items a feed wrote", () => {
  it("are kept once each, newest last, at most the last 2,000", () => {
    const feed = feedStateOf({ version: 1, feeds: {} }, FEED);
    noteWritten(feed, ["a", "b"]);
    noteWritten(feed, ["b", "c"]);
    expect(feed.written).toEqual(["a", "b", "c"]);
    noteWritten(feed, Array.from({ length: WRITTEN_KEPT }, (_, i) => `k${i}`));
    expect(feed.written).toHaveLength(WRITTEN_KEPT);
    expect(feed.written[0]).toBe("k0");
    expect(feed.written.at(-1)).toBe(`k${WRITTEN_KEPT - 1}`);
  });
});

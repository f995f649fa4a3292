import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { referencesOf, type DataKind } from "../../src/contract/data-references.ts";
import { dataPaths } from "../../src/contract/data-layout.ts";
import { RANKED_LIMIT } from "../../src/contract/order.ts";
import { FEED_PAGE_SIZE } from "../../src/contract/data-layout.ts";
import type { ListHead, PageTable, OutletCatalog, SiteIndex, TopicCatalog } from "../../src/contract/types.ts";
import type { ContentOptions } from "../../src/pipeline/content-options.ts";
import { MANIFEST_PATH, readManifest, STATE_DIR } from "../../src/pipeline/output.ts";
import { updateData } from "../../src/pipeline/update-data.ts";
import type { BuildResult } from "../../src/pipeline/write-build.ts";
import { articleText, FIXTURES, removeDir } from "../unit/helpers.ts";
import { viteBuild } from "./vite-build.ts";

const BUILD_TIMEOUT = 120_000;
const SITE_URL = "https://news.example.com/";
const dirs: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(() => Promise.all(dirs.map(removeDir)));

/** The real Vite build of the app, with the content plugin pointed at `dir`, into a fresh folder (or `into`, emptied or not). */
async function fullBuild(options: ContentOptions, into?: { outDir: string; emptyOutDir: boolean }): Promise<string> {
  const outDir = into?.outDir ?? (await tempDir("broadsheet-full-"));
  await viteBuild(options, outDir, { emptyOutDir: into?.emptyOutDir ?? true });
  return outDir;
}

/** Article n of the generated archive: a story of its own, an hour after the one before, in one of three topics and two outlets. */
const generated = (n: number, fields: Record<string, string> = {}) =>
  articleText({
    title: `"Story number ${n}"`,
    publishedDateTime: new Date(Date.UTC(2020, 0, 1) + n * 3_600_000).toISOString(),
    sourceUrl: `https://${n % 2 === 0 ? "even" : "odd"}.example/story/${n}`,
    topics: `\n  - Topic ${n % 3}`,
    heat: String((n * 37) % 101),
    quality: String((n * 53) % 101),
    ...fields,
  });
const GENERATED = 160;

/** Every file below `dir` but the build's own state, as `/`-separated relative path → modification time. */
async function mtimes(dir: string): Promise<Map<string, number>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const times = new Map<string, number>();
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (!path.startsWith(`${STATE_DIR}/`)) times.set(path, (await stat(join(dir, path))).mtimeMs);
  }
  return times;
}

/** A time long before the test ran: any file written since cannot carry it, however coarse the disk's clock. */
const LONG_AGO = new Date(Date.UTC(2001, 0, 1));
async function backdateAll(dir: string): Promise<void> {
  for (const path of (await mtimes(dir)).keys()) await utimes(join(dir, path), LONG_AGO, LONG_AGO);
}
/** The files whose modification time is no longer LONG_AGO: those written since `backdateAll`. */
const touched = async (dir: string) => [...(await mtimes(dir))].filter(([, time]) => time !== LONG_AGO.getTime()).map(([path]) => path).sort();

const readJson = async <T>(dir: string, path: string) => JSON.parse(await readFile(join(dir, path), "utf8")) as T;

/** The data paths the folder's index reaches, and any it names that are missing. */
async function reachable(dir: string): Promise<{ reached: Set<string>; missing: string[] }> {
  const reached = new Set<string>([dataPaths.index]);
  const missing: string[] = [];
  const queue: [DataKind, string][] = [["index", dataPaths.index]];
  for (let next = queue.pop(); next; next = queue.pop()) {
    const [kind, path] = next;
    for (const ref of referencesOf(kind, await readJson(dir, path))) {
      const target = dataPaths.shard(ref.kind, ref.name);
      if (reached.has(target)) continue;
      reached.add(target);
      if (existsSync(join(dir, target))) queue.push([ref.kind, target]);
      else missing.push(target);
    }
  }
  return { reached, missing };
}

/** The names of the feed's Latest pages, as the index names them. */
async function feedPages(dir: string): Promise<string[]> {
  const index = await readJson<SiteIndex>(dir, dataPaths.index);
  const head = await readJson<ListHead>(dir, dataPaths.shard("lists", index.feed));
  if (head.pages === null) return [];
  return (await readJson<PageTable>(dir, dataPaths.shard("tables", head.pages))).pages.map((name) => dataPaths.shard("pages", name));
}

/** The Latest heads of the feed, one topic and one outlet: the lists one article is in. */
async function listsOf(dir: string, topic: string, outlet: string): Promise<ListHead[]> {
  const index = await readJson<SiteIndex>(dir, dataPaths.index);
  const { topics } = await readJson<TopicCatalog>(dir, dataPaths.shard("catalogs", index.topics));
  const { providers } = await readJson<OutletCatalog>(dir, dataPaths.shard("catalogs", index.providers));
  const names = [index.feed, topics.find((entry) => entry.slug === topic)?.list, providers.find((entry) => entry.key === outlet)?.list];
  return Promise.all(names.map((name) => readJson<ListHead>(dir, dataPaths.shard("lists", name ?? ""))));
}

/**
 * What one article added or removed may cost, by kind, given the lists it is in: for each
 * list its three heads and their page tables, at most two Latest pages, and at most three
 * Hot and three Top pages (the page it lands on or leaves, or the two that one splits into,
 * and the last); one bucket and its bucket table, the catalogs, a few search files;
 * the index; its article page, the feeds of the site and its topic, the sitemap's index
 * and a part or two.
 */
function expectBoundedChurn(written: readonly string[], lists: readonly ListHead[], latestPagesWritten: number, searchFiles = 10) {
  const count = (pattern: RegExp) => written.filter((path) => pattern.test(path)).length;
  // Hot and Top pages are cut where the content says, counted from the best: the page a story lands on or leaves (two, if it splits or joins one), and the last.
  const ranked = lists.reduce((total, list) => total + 2 * Math.min(3, Math.ceil(Math.min(list.total, RANKED_LIMIT) / FEED_PAGE_SIZE) + 1), 0);
  expect(count(/^data\/lists\//), "heads").toBeLessThanOrEqual(3 * lists.length);
  expect(count(/^data\/tables\//), "tables").toBeLessThanOrEqual(3 * lists.length + 1);
  expect(latestPagesWritten, "Latest pages").toBeLessThanOrEqual(2 * lists.length);
  expect(count(/^data\/pages\//), "pages").toBeLessThanOrEqual(latestPagesWritten + ranked);
  expect(count(/^data\/articles\//), "buckets").toBeLessThanOrEqual(1);
  expect(count(/^data\/catalogs\//), "catalogs").toBeLessThanOrEqual(2);
  expect(count(/^data\/search\//), "search files").toBeLessThanOrEqual(searchFiles);
  expect(count(/^articles\//), "article pages").toBeLessThanOrEqual(1);
  expect(count(/^feeds\//), "feeds").toBeLessThanOrEqual(4);
  expect(count(/^sitemap/), "sitemap files").toBeLessThanOrEqual(3);
  expect(written.length).toBeLessThanOrEqual(3 * lists.length + 3 * lists.length + 1 + 2 * lists.length + ranked + 1 + 2 + searchFiles + 1 + 1 + 4 + 3);
}

/** The Latest pages of `lists` that are among `written`. */
async function latestPagesAmong(dir: string, lists: readonly ListHead[], written: readonly string[]): Promise<number> {
  let count = 0;
  for (const list of lists) {
    if (list.pages === null) continue;
    const { pages } = await readJson<PageTable>(dir, dataPaths.shard("tables", list.pages));
    count += pages.filter((name) => written.includes(dataPaths.shard("pages", name))).length;
  }
  return count;
}

describe("npm run build:data after a full build", { timeout: BUILD_TIMEOUT }, () => {
  let content: string;
  let outDir: string;
  const lines: string[] = [];
  const logger = { info: (line: string) => void lines.push(line), warn: (line: string) => void lines.push(line) };
  const options = (): ContentOptions => ({ dir: content, siteUrl: SITE_URL, invalid: "fail" });

  /** One update, with the folder backdated first: what it wrote, and the lines it printed. */
  async function update(contentOptions: ContentOptions = options()): Promise<{ result: BuildResult; report: string[]; written: string[] }> {
    await backdateAll(outDir);
    lines.length = 0;
    const result = await updateData(outDir, logger, contentOptions);
    return { result, report: [...lines], written: await touched(outDir) };
  }

  beforeAll(async () => {
    content = await tempDir("broadsheet-content-");
    await cp(join(FIXTURES, "site"), content, { recursive: true });
    for (let n = 0; n < GENERATED; n++) await writeFile(join(content, `gen-${n}.md`), generated(n));
    outDir = await fullBuild(options());
    expect((await feedPages(outDir)).length, JSON.stringify(await feedPages(outDir))).toBeGreaterThan(1);
  }, BUILD_TIMEOUT);

  it("with no change of content, writes no file and touches none", async () => {
    const before = await mtimes(outDir);
    const { result, report, written } = await update();
    expect(result.content).toEqual({ added: 0, edited: 0, removed: 0 });
    expect(result.write.written).toEqual([]);
    expect(written).toEqual([]);
    expect([...(await mtimes(outDir)).keys()]).toEqual([...before.keys()]);
    expect(result.retire.retired).toEqual([]);
    expect(report.find((line) => line.startsWith("Broadsheet update:"))).toBe("Broadsheet update: 0 new article files, 0 edited, 0 removed");
    expect(report.find((line) => line.startsWith("Broadsheet files:"))).toMatch(/^Broadsheet files: 0 files written \(0 B\)/);
  });

  it("after one new article, writes a few files, keeps every other file's time, and says 1 new article", async () => {
    const pagesBefore = await feedPages(outDir);
    const indexBefore = await readFile(join(outDir, dataPaths.index), "utf8");
    await writeFile(join(content, "new-one.md"), generated(GENERATED + 5, { title: '"A brand new story about tides"' }));
    const { result, report, written } = await update();
    expect(result.content).toEqual({ added: 1, edited: 0, removed: 0 });
    expect(report[report.findIndex((line) => line.startsWith("Broadsheet update:"))]).toBe("Broadsheet update: 1 new article file, 0 edited, 0 removed");
    expect(written.length).toBeGreaterThan(0);
    const lists = await listsOf(outDir, "topic-0", "odd.example");
    expectBoundedChurn(written, lists, await latestPagesAmong(outDir, lists, written));
    expect(written).toEqual(result.write.written.map((file) => file.path).sort());
    expect(written).toContain(dataPaths.index);
    expect(await readFile(join(outDir, dataPaths.index), "utf8")).not.toBe(indexBefore);
    // The newest story lands in the feed's newest page: every older page keeps its name and its time.
    const pagesAfter = await feedPages(outDir);
    expect(pagesAfter.slice(1)).toEqual(pagesBefore.slice(1));
    for (const path of pagesAfter.slice(1)) expect(written, path).not.toContain(path);
    // Nothing is deleted, and the new index reaches only files that are there.
    expect((await reachable(outDir)).missing).toEqual([]);
    for (const path of result.retire.retired) expect(existsSync(join(outDir, path)), path).toBe(true);
    expect(result.retire.retired).toContain(pagesBefore[0]);
  });

  it("after an edit of one article's excerpt, writes a few files and says 1 edited", async () => {
    await writeFile(join(content, "gen-40.md"), generated(40, { excerpt: '"A new first line for story forty"' }));
    const { result, report, written } = await update();
    expect(result.content).toEqual({ added: 0, edited: 1, removed: 0 });
    expect(report.find((line) => line.startsWith("Broadsheet update:"))).toBe("Broadsheet update: 0 new article files, 1 edited, 0 removed");
    expect(written.length).toBeGreaterThan(0);
    // An edit moves nothing: only the pages that show the story change, one per list and order.
    const lists = await listsOf(outDir, "topic-1", "even.example");
    expectBoundedChurn(written, lists, await latestPagesAmong(outDir, lists, written));
    expect(written.filter((path) => path.startsWith("data/pages/")).length).toBeLessThanOrEqual(3 * lists.length);
    expect((await reachable(outDir)).missing).toEqual([]);
    const texts = await Promise.all(result.write.written.map((file) => readFile(join(outDir, file.path), "utf8")));
    expect(texts.some((text) => text.includes("A new first line for story forty"))).toBe(true);
  });

  it("after a deletion, says 1 removed, and retires the files no longer used without deleting them", async () => {
    const previous = await readManifest(outDir);
    await rm(join(content, "gen-41.md"));
    const { result, report, written } = await update();
    expect(result.content).toEqual({ added: 0, edited: 0, removed: 1 });
    expect(report.find((line) => line.startsWith("Broadsheet update:"))).toBe("Broadsheet update: 0 new article files, 0 edited, 1 removed");
    const lists = await listsOf(outDir, "topic-2", "odd.example");
    const manifest = await readManifest(outDir);
    // Search numbers stories by age, so removing an old one renumbers every newer one: any of its files may change.
    const searchFiles = Object.keys(manifest?.files ?? {}).filter((path) => path.startsWith("data/search/")).length;
    expectBoundedChurn(written, lists, await latestPagesAmong(outDir, lists, written), searchFiles);
    const noLongerUsed = Object.keys(previous?.files ?? {}).filter((path) => !(path in (manifest?.files ?? {})));
    expect(noLongerUsed.length).toBeGreaterThan(0);
    expect(result.retire.retired).toEqual(noLongerUsed.sort());
    expect(result.retire.pruned).toEqual([]);
    for (const path of noLongerUsed) {
      expect(existsSync(join(outDir, path)), path).toBe(true);
      expect(manifest?.retired[path], path).toBe(manifest?.writtenAt);
    }
    // The removed article's own page is among them; and no file of the data names it any more.
    const page = noLongerUsed.find((path) => path.startsWith("articles/") && path.includes("story-number-41-"));
    expect(page).toBeDefined();
    const keep = (await readFile(join(outDir, `${STATE_DIR}/keep.txt`), "utf8")).split("\n");
    expect(keep).toContain(page);
    expect(report.find((line) => line.startsWith("Broadsheet retired:"))).toMatch(new RegExp(`^Broadsheet retired: ${noLongerUsed.length} files? no longer used`));
  });

  it("leaves the same data, byte for byte, as a full build of the same content into a fresh folder", async () => {
    const fresh = await fullBuild(options());
    const manifest = await readManifest(outDir);
    const published = (paths: Iterable<string>) => [...paths].filter((path) => /^(data\/|feeds\/|sitemap|robots\.txt$)/.test(path)).sort();
    const updatedPaths = published(Object.keys(manifest?.files ?? {}));
    const freshPaths = published((await mtimes(fresh)).keys());
    expect(freshPaths).toEqual(updatedPaths);
    // What the update's index reaches is what the fresh build wrote: the retired files are only kept, never named.
    expect([...(await reachable(outDir)).reached].sort()).toEqual(freshPaths.filter((path) => path.startsWith("data/")));
    for (const path of freshPaths) {
      const [a, b] = await Promise.all([readFile(join(outDir, path)), readFile(join(fresh, path))]);
      expect(a.equals(b), path).toBe(true);
    }
  });

  it("fails on invalid content when CONTENT_INVALID is unset, and writes nothing", async () => {
    vi.stubEnv("CONTENT_INVALID", undefined);
    await writeFile(join(content, "broken.md"), "---\ntitle: [unclosed\n---\n");
    const manifestBefore = await readFile(join(outDir, MANIFEST_PATH), "utf8");
    try {
      await backdateAll(outDir);
      const before = await mtimes(outDir);
      await expect(updateData(outDir, logger, { dir: content, siteUrl: SITE_URL })).rejects.toThrow("broken.md");
      expect(await touched(outDir)).toEqual([]);
      expect([...(await mtimes(outDir)).keys()]).toEqual([...before.keys()]);
      expect(await readFile(join(outDir, MANIFEST_PATH), "utf8")).toBe(manifestBefore);
      // Skipping invalid files is a choice: then the update goes ahead without it.
      vi.stubEnv("CONTENT_INVALID", "skip");
      const { result } = await update({ dir: content, siteUrl: SITE_URL });
      expect(result.content.added).toBe(1);
    } finally {
      await rm(join(content, "broken.md"));
    }
  });

  it("refuses a folder without the account a full build leaves, and writes nothing there", async () => {
    const copy = await tempDir("broadsheet-no-manifest-");
    await cp(outDir, copy, { recursive: true });
    await rm(join(copy, STATE_DIR), { recursive: true });
    await backdateAll(copy);
    await expect(updateData(copy, logger, options())).rejects.toThrow(`has no readable ${MANIFEST_PATH}: build it in full once`);
    expect(await touched(copy)).toEqual([]);
  });
});

describe("vite build into a folder an earlier build wrote", { timeout: BUILD_TIMEOUT }, () => {
  /** Two full builds into one folder, the second after one article was removed: the manifest, and the first build's files the second no longer uses. */
  async function twoBuilds(emptyOutDir: boolean) {
    const content = await tempDir("broadsheet-content-");
    await cp(join(FIXTURES, "site"), content, { recursive: true });
    const options: ContentOptions = { dir: content, siteUrl: SITE_URL };
    const outDir = await fullBuild(options);
    const first = await readManifest(outDir);
    await rm(join(content, "chip-exports.txt"));
    await fullBuild(options, { outDir, emptyOutDir });
    const manifest = await readManifest(outDir);
    const noLongerUsed = Object.keys(first?.files ?? {}).filter((path) => !(path in (manifest?.files ?? {})));
    return { outDir, manifest, noLongerUsed };
  }

  it("retires the files the earlier build used and this one does not, rather than counting them as the app's", async () => {
    const { outDir, manifest, noLongerUsed } = await twoBuilds(false);
    expect(noLongerUsed.length).toBeGreaterThan(0);
    expect(manifest?.app.filter((path) => noLongerUsed.includes(path))).toEqual([]);
    expect(Object.keys(manifest?.retired ?? {}).sort()).toEqual(noLongerUsed.sort());
    for (const path of noLongerUsed) expect(existsSync(join(outDir, path)), path).toBe(true);
  });

  it("keeps a retired data file retired through later builds, and prunes it after the grace period", async () => {
    const { outDir, manifest, noLongerUsed } = await twoBuilds(false);
    const retiredData = noLongerUsed.filter((path) => path.startsWith("data/"));
    expect(retiredData.length).toBeGreaterThan(0);
    const content = await tempDir("broadsheet-content-");
    await cp(join(FIXTURES, "site"), content, { recursive: true });
    await rm(join(content, "chip-exports.txt"));
    // A third build, with no grace left: what the second retired is pruned, not taken for the app's.
    await fullBuild({ dir: content, siteUrl: SITE_URL, graceHours: 0 }, { outDir, emptyOutDir: false });
    const third = await readManifest(outDir);
    expect(third?.app.filter((path) => path.startsWith("data/"))).toEqual([]);
    for (const path of retiredData) {
      expect(manifest?.retired[path], path).toBeDefined();
      expect(existsSync(join(outDir, path)), path).toBe(false);
    }
  });

  // Known bug: Vite empties the folder, manifest and all, before the plugin reads the
  // previous manifest (in writeBundle), so nothing is retired and keep.txt omits the files
  // readers on the previous index still need; docs/publishing.md says the account is kept. The
  // plugin must read the manifest before the folder is emptied. Remove `.fails` once fixed.
  it("keeps the account when Vite empties the folder first: the earlier build's files are listed as retired", async () => {
    const { manifest, noLongerUsed } = await twoBuilds(true);
    expect(noLongerUsed.length).toBeGreaterThan(0);
    expect(Object.keys(manifest?.retired ?? {}).sort()).toEqual(noLongerUsed.sort());
  });
});

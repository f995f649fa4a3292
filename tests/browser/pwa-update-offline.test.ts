import { spawn } from "node:child_process";
import { readFile, mkdtemp, rm, writeFile, readdir } from "node:fs/promises";
import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { referencesOf, shardAt, type DataKind } from "../../src/contract/data-references.ts";
import { CACHE_NAMES, dataPaths } from "../../src/contract/paths.ts";
import type { ListHead, SiteIndex } from "../../src/contract/types.ts";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { buildSite, launchBrowser, ROOT, serveSite, timeLeft, untilWorkerControls } from "./harness.ts";

/**
 * Issue 11's promise to a reader who keeps the whole archive offline: after one new article,
 * the device fetches only the files that changed, keeps every saved file the new index still
 * uses, and deletes the ones only the old index used. A generated archive small enough to be
 * saved whole, built once; one article added with `npm run build:data`, as a publisher would.
 */

const ARTICLES = 300;
const SAVED_EVERYTHING = "Every story is saved on this device for reading offline.";
const NEW_TITLE = "Breaking: one new story while the reader was away";

let workDir: string;
let content: string;
let site: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "broadsheet-pwa-update-"));
  content = join(workDir, "content");
  site = join(workDir, "site");
  await generateArchive(ARTICLES, content);
  await buildSite(content, site);
});
afterAll(() => rm(workDir, { recursive: true, force: true }));
beforeEach(() => void vi.setConfig({ expect: { poll: { timeout: timeLeft(), interval: 100 } } }));

/** One answer the host sent: its path, query included, and the bytes of its body as sent (gzipped when it was). */
interface Sent {
  path: string;
  bytes: number;
}

/**
 * The host as the browser reaches it: every request, the page's and the worker's alike,
 * passes through here to the static server, and what each answer weighed is written down.
 */
async function countingProxy(upstream: string): Promise<{ url: string; sent: Sent[]; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const sent: Sent[] = [];
  const server: Server = createServer((asked, answer) => {
    const forward = httpRequest({ host: target.hostname, port: target.port, path: asked.url, method: asked.method, headers: asked.headers }, (reply) => {
      answer.writeHead(reply.statusCode ?? 502, reply.headers);
      let bytes = 0;
      reply.on("data", (chunk: Buffer) => (bytes += chunk.length));
      reply.on("end", () => sent.push({ path: asked.url ?? "", bytes }));
      reply.pipe(answer);
    });
    forward.on("error", () => answer.destroy());
    asked.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `npm run build:data` over the content into the served folder: async, so the server in this process keeps answering. */
function buildData(): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn("npm", ["run", "build:data", "--", "--outDir", site], { cwd: ROOT, env: { ...process.env, CONTENT_DIR: content } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => (code === 0 ? done(output) : fail(new Error(`npm run build:data failed:\n${output}`))));
  });
}

const readJson = async <T,>(path: string): Promise<T> => JSON.parse(await readFile(join(site, path), "utf8")) as T;

/** Every data file an index reaches on the host, as paths: what a device that saved everything and read everything would hold. */
async function reachable(index: SiteIndex): Promise<Set<string>> {
  const found = new Set<string>();
  let level = referencesOf("index", index);
  while (level.length > 0) {
    const next = [];
    for (const reference of level) {
      const path = dataPaths.shard(reference.kind, reference.name);
      if (found.has(path)) continue;
      found.add(path);
      next.push(...referencesOf(reference.kind as DataKind, await readJson(path)));
    }
    level = next;
  }
  return found;
}

/** The data files this device holds for offline reading, as paths under the site's root. */
const cachedData = (page: Page): Promise<string[]> =>
  page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((request) => new URL(request.url).pathname.slice(1)).sort();
  }, CACHE_NAMES.data);

/** A new article in the generated archive's format, newer than every other: the feed's first story. */
async function addOneArticle(): Promise<void> {
  const [first] = (await readdir(content)).sort();
  const text = await readFile(join(content, first), "utf8");
  await writeFile(
    join(content, "zzz_breaking.txt"),
    text
      .replace(/^title: .*$/m, `title: "${NEW_TITLE}"`)
      .replace(/^sourceUrl: .*$/m, "sourceUrl: https://news.example.com/breaking-while-away")
      .replace(/^ampUrl: .*\n/m, "")
      .replace(/^cdnAmpUrl: .*\n/m, "")
      .replace(/^publishedDateTime: .*$/m, "publishedDateTime: 2030-01-01T00:00:00Z")
      // A story of its own: the copied related coverage would make it the same story as the copied article.
      .replace(/^related:\n(?:[ \t].*\n|\n)*/m, ""),
  );
}

describe("a reader with the whole archive saved, after one new article", () => {
  it("fetches only the changed files, keeps every saved file the new index uses and deletes the ones only the old one used", { timeout: 150_000 }, async () => {
    const oldIndex = await readJson<SiteIndex>(dataPaths.index);
    expect(oldIndex.offlineArticles).toBe(true);
    const newest = (await readJson<ListHead>(dataPaths.shard("lists", oldIndex.feed))).items[0].title;

    const server = await serveSite(site);
    const proxy = await countingProxy(server.url);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(proxy.url);
      await page.getByRole("feed").getByRole("link", { name: newest }).waitFor();
      await page.getByText(SAVED_EVERYTHING).waitFor();
      await untilWorkerControls(page);
      // The worker controls the page after a reload at most: the save has run with it in control.
      await page.getByText(SAVED_EVERYTHING).waitFor();

      const oldFiles = await reachable(oldIndex);
      const savedBefore = await cachedData(page);
      const groups = (path: string) => shardAt(`/${path}`)?.kind === "articles";
      // Everything saved: every article group of the old index, and nothing the old index does not use.
      expect(savedBefore.filter(groups)).toEqual([...oldFiles].filter(groups).sort());
      expect(savedBefore.filter((path) => !oldFiles.has(path))).toEqual([]);

      // The reader goes away; one article is published with the data-only update.
      await browser.context.setOffline(true);
      await page.getByText("Offline: showing saved stories").waitFor();
      await addOneArticle();
      const report = await buildData();
      expect(report).toContain("1 new article file");
      const newIndex = await readJson<SiteIndex>(dataPaths.index);
      expect(newIndex.buildId).not.toBe(oldIndex.buildId);
      expect(newIndex.offlineArticles).toBe(true);
      const newFiles = await reachable(newIndex);

      // Back online: the app notices the new index and offers it; the reader takes it.
      proxy.sent.length = 0;
      await browser.context.setOffline(false);
      const prompt = page.getByRole("status").filter({ hasText: "New stories available" });
      await prompt.getByRole("button", { name: "Refresh" }).click();
      await page.getByRole("feed").getByRole("link", { name: NEW_TITLE }).waitFor();
      await page.getByText(SAVED_EVERYTHING).waitFor();

      // Every saved file the new index still uses stays; every one only the old index used goes.
      const kept = savedBefore.filter((path) => newFiles.has(path));
      const retired = savedBefore.filter((path) => !newFiles.has(path));
      expect(retired.length).toBeGreaterThan(0);
      await expect.poll(async () => (await cachedData(page)).filter((path) => retired.includes(path))).toEqual([]);
      const savedAfter = await cachedData(page);
      expect(savedAfter).toEqual(expect.arrayContaining(kept));
      // And the whole archive is saved again: every group of the new index.
      expect(savedAfter.filter(groups)).toEqual([...newFiles].filter(groups).sort());
      expect(savedAfter.filter((path) => !newFiles.has(path))).toEqual([]);

      // What the page and the worker fetched for data: only files the device did not hold.
      const data = proxy.sent.filter(({ path }) => path.startsWith("/data/"));
      const shards = data.map(({ path }) => path.slice(1)).filter((path) => shardAt(`/${path}`) !== undefined);
      expect(shards.filter((path) => savedBefore.includes(path))).toEqual([]);
      expect(shards.filter((path) => !newFiles.has(path))).toEqual([]);
      expect(new Set(shards).size).toBe(shards.length);
      const bytes = data.reduce((sum, { bytes: weight }) => sum + weight, 0);
      console.log(
        `After one new article: ${data.length} data requests (${shards.length} files and ${data.length - shards.length} of the index), ${bytes} bytes as sent; ` +
          `${kept.length} saved files kept, ${retired.length} deleted; the new index reaches ${newFiles.size} files, ${[...newFiles].filter((path) => !oldFiles.has(path)).length} of them new.\n` +
          data.map(({ path, bytes: weight }) => `  ${path} ${weight}`).join("\n"),
      );
      expect(data.length).toBeLessThan(20);
      expect(bytes).toBeLessThan(200_000);
    } finally {
      await browser.close();
      await proxy.close();
      await server.close();
    }
  });
});

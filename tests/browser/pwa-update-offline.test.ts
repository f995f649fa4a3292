import { readFile, writeFile, readdir } from "node:fs/promises";
import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { referencesOf, shardAt, type DataKind } from "../../src/contract/data-references.ts";
import { dataPaths } from "../../src/contract/data-layout.ts";
import { CACHE_NAMES } from "../../src/contract/offline.ts";
import type { ListHead, SiteIndex } from "../../src/contract/types.ts";
import { launchBrowser, openApp, serveSite, timeLeft, untilWorkerControls, useBuiltArchive } from "./harness.ts";

/**
 * Issue 11's promise to a reader who keeps the whole archive offline: after one new article,
 * the device fetches only the files that changed, keeps every saved file the new index still
 * uses, and deletes the ones only the old index used. A generated archive small enough to be
 * saved whole, built once; one article added with `npm run build:data`, as a publisher would.
 */

const ARTICLES = 300;
const SAVED_EVERYTHING = "Every story is saved on this device for reading offline.";
const NEW_TITLE = "Breaking: one new story while the reader was away";

const archive = useBuiltArchive("pwa-update", ARTICLES);
const { readJson } = archive;
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



/**
 * Every data file an index reaches on the host, as paths; with `held`, only through files in
 * it: what a device holding those files can find from the index.
 */
async function reachable(index: SiteIndex, held?: ReadonlySet<string>): Promise<Set<string>> {
  const found = new Set<string>();
  let level = referencesOf("index", index);
  while (level.length > 0) {
    const next = [];
    for (const reference of level) {
      const path = dataPaths.shard(reference.kind, reference.name);
      if (found.has(path) || (held && !held.has(path))) continue;
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

/** The archive's first file: the new article copies it. */
const firstFile = async () => join(archive.content, (await readdir(archive.content)).sort()[0]);

/** The topics an article file names. */
const topicsOf = (text: string) => [...(/^topics:\n((?: {2}- .*\n)+)/m.exec(text)?.[1] ?? "").matchAll(/^ {2}- (.*)$/gm)].map((match) => match[1]);

/** A new article in the generated archive's format, newer than every other: the feed's first story. */
async function addOneArticle(): Promise<void> {
  const text = await readFile(await firstFile(), "utf8");
  await writeFile(
    join(archive.content, "zzz_breaking.txt"),
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

    const server = await serveSite(archive.site);
    const proxy = await countingProxy(server.url);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await openApp(page, proxy.url);
      await page.getByRole("feed").getByRole("link", { name: newest }).waitFor();
      await page.getByText(SAVED_EVERYTHING).waitFor();
      await untilWorkerControls(page);
      // The worker controls the page after a reload at most: the save has run with it in control.
      await page.getByText(SAVED_EVERYTHING).waitFor();
      // The reader reads on: the feed's next page (its page table and a page), a topic the new
      // article will join and one it will not (their lists), and the newest story.
      await page.getByRole("button", { name: "Load more stories" }).click();
      await page.getByText(/^Showing (?!50 )\d+ of \d+ stories$/).waitFor();
      const joined = topicsOf(await readFile(await firstFile(), "utf8"));
      const [changing, unchanged] = [oldIndex.topTopics.find(({ name }) => joined.includes(name)), oldIndex.topTopics.find(({ name }) => !joined.includes(name))];
      if (!changing || !unchanged) throw new Error(`the generated archive's top topics should include one of ${joined.join(", ")} and another`);
      for (const topic of [changing, unchanged]) {
        await openApp(page, `${proxy.url}/topics/${topic.slug}`);
        await page.getByRole("heading", { level: 1, name: topic.name, exact: true }).waitFor();
        await page.getByRole("feed").getByRole("link").first().waitFor();
      }
      await openApp(page, proxy.url);
      await page.getByRole("feed").getByRole("link", { name: newest }).click();
      await page.getByRole("heading", { level: 1, name: newest }).waitFor();
      await page.goBack();
      await page.getByRole("feed").getByRole("link", { name: newest }).waitFor();

      const oldFiles = await reachable(oldIndex);
      const savedBefore = await cachedData(page);
      const isBucket = (path: string) => shardAt(`/${path}`)?.kind === "articles";
      // Everything saved: every bucket of the old index, and nothing the old index does not use.
      expect(savedBefore.filter(isBucket)).toEqual([...oldFiles].filter(isBucket).sort());
      expect(savedBefore.filter((path) => !oldFiles.has(path))).toEqual([]);

      // The reader goes away; one article is published with the data-only update.
      await browser.context.setOffline(true);
      await page.getByText("Offline: showing saved stories").waitFor();
      await addOneArticle();
      const report = await archive.update();
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

      // What the page and the worker fetched for data.
      const data = proxy.sent.filter(({ path }) => path.startsWith("/data/"));
      const shards = data.map(({ path }) => path.slice(1)).filter((path) => shardAt(`/${path}`) !== undefined);

      // The device keeps exactly what the new index reaches through the files it holds: every
      // saved file the new index still uses (a file named only by a changed one it has not
      // fetched, such as an unchanged page under a list's new page table, cannot be found and goes),
      // and nothing only the old index used.
      const found = await reachable(newIndex, new Set([...savedBefore, ...shards]));
      const onlyOld = savedBefore.filter((path) => !newFiles.has(path));
      const kept = savedBefore.filter((path) => found.has(path));
      const lost = savedBefore.filter((path) => newFiles.has(path) && !found.has(path));
      await expect.poll(() => cachedData(page)).toEqual([...found].sort());
      const savedAfter = await cachedData(page);
      expect(savedAfter).toEqual(expect.arrayContaining(kept));
      expect(savedAfter.filter((path) => onlyOld.includes(path))).toEqual([]);
      for (const gone of [dataPaths.shard("lists", oldIndex.feed), dataPaths.shard("lists", changing.list)]) expect(onlyOld).toContain(gone);
      // The topic the new article did not join keeps its list when the build left it alone.
      if (newIndex.topTopics.some(({ list }) => list === unchanged.list)) expect(kept).toContain(dataPaths.shard("lists", unchanged.list));
      // And the whole archive is saved again: every bucket of the new index.
      expect(savedAfter.filter(isBucket)).toEqual([...newFiles].filter(isBucket).sort());
      expect(shards.filter((path) => savedBefore.includes(path))).toEqual([]);
      expect(shards.filter((path) => !newFiles.has(path))).toEqual([]);
      expect(new Set(shards).size).toBe(shards.length);
      const bytes = data.reduce((sum, { bytes: weight }) => sum + weight, 0);
      const name = (path: string) => `${path}${oldFiles.has(path) ? "" : " (new)"}`;
      console.log(
        `Saved before: ${savedBefore.filter((path) => !isBucket(path)).map(name).join(", ")} and ${savedBefore.filter(isBucket).length} buckets; ` +
          `deleted: ${[...onlyOld, ...lost].join(", ")}; the unchanged topic's list ${newIndex.topTopics.some(({ list }) => list === unchanged.list) ? "kept its name" : "was renamed"}.`,
      );
      console.log(
        `After one new article: ${data.length} data requests (${shards.length} files and ${data.length - shards.length} of the index), ${bytes} bytes as sent; ` +
          `of ${savedBefore.length} saved files ${kept.length} kept, ${onlyOld.length} deleted as only the old index used them, ${lost.length} deleted as the new index names them only through files not fetched; ` +
          `the new index reaches ${newFiles.size} files on the host, ${[...newFiles].filter((path) => !oldFiles.has(path)).length} of them new.\n` +
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

import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContentStore } from "../../src/pipeline/content.ts";
import { fileKey, openParseCache } from "../../src/pipeline/parse-cache.ts";
import { articleText, removeDir, SEED_FILE, seedText, tempContentDir } from "./helpers.ts";

const FILES = {
  [SEED_FILE]: seedText,
  "markets.md": articleText({ title: "Markets rally on rate cut", sourceUrl: "https://www.reuters.com/markets/rally" }),
  "broken.txt": articleText({ publishedDateTime: "yesterday" }),
};

async function buildWithCache(dir: string, cacheRoot: string) {
  const store = createContentStore(dir, cacheRoot);
  await store.loadAll();
  return store.build();
}

const titles = (build: Awaited<ReturnType<typeof buildWithCache>>) => build.model.articles.map((article) => article.title);

describe("the parse cache", () => {
  let dir: string;
  let cacheRoot: string;

  beforeEach(async () => {
    dir = await tempContentDir(FILES);
    cacheRoot = await tempContentDir();
  });
  afterEach(async () => {
    await removeDir(dir);
    await removeDir(cacheRoot);
  });

  it("keeps every readable file's result, valid or not, under the hash of its path and text", async () => {
    await buildWithCache(dir, cacheRoot);
    const cache = await openParseCache(cacheRoot, dir);
    const keys = await Promise.all(
      Object.keys(FILES).map(async (file) => fileKey(file, await readFile(join(dir, file), "utf8"))),
    );
    expect([...cache.known].sort()).toEqual(keys.sort());
    expect(cache.get(fileKey("broken.txt", FILES["broken.txt"]))?.ok).toBe(false);
  });

  it("gives a second build the same articles, problems and warnings as the first", async () => {
    const first = await buildWithCache(dir, cacheRoot);
    const second = await buildWithCache(dir, cacheRoot);
    expect(second.model).toEqual(first.model);
    expect(second.invalid).toEqual(first.invalid);
    expect(second.warnings).toEqual(first.warnings);
  });

  it("parses an edited file again and forgets its old text", async () => {
    await buildWithCache(dir, cacheRoot);
    await writeFile(join(dir, "markets.md"), articleText({ title: "Markets fall", sourceUrl: "https://www.reuters.com/markets/rally" }));

    const build = await buildWithCache(dir, cacheRoot);

    expect(titles(build)).toContain("Markets fall");
    expect(titles(build)).not.toContain("Markets rally on rate cut");
    const cache = await openParseCache(cacheRoot, dir);
    expect(cache.known.size).toBe(3);
    expect(cache.known.has(fileKey("markets.md", FILES["markets.md"]))).toBe(false);
  });

  it("never serves one file's result for another with the same text", async () => {
    await buildWithCache(dir, cacheRoot);
    await writeFile(join(dir, "copy.md"), FILES["markets.md"]);
    const build = await buildWithCache(dir, cacheRoot);
    expect(build.model.stats.duplicatesMerged).toBe(1);
    expect(build.files).toBe(4);
  });

  it("is not used by code it was not written by", async () => {
    await buildWithCache(dir, cacheRoot);
    const [folder] = await readdir(cacheRoot);
    await writeFile(join(cacheRoot, folder, "version"), "older pipeline");

    const cache = await openParseCache(cacheRoot, dir);

    expect(cache.known.size).toBe(0);
  });

  it("leaves out a torn shard, parses its files again and rewrites it", async () => {
    const first = await buildWithCache(dir, cacheRoot);
    const [folder] = await readdir(cacheRoot);
    const shard = (await readdir(join(cacheRoot, folder))).find((name) => name.endsWith(".json")) as string;
    await writeFile(join(cacheRoot, folder, shard), '{"torn');

    const second = await buildWithCache(dir, cacheRoot);

    expect(second.model).toEqual(first.model);
    expect(JSON.parse(await readFile(join(cacheRoot, folder, shard), "utf8"))).toBeTypeOf("object");
  });

  it("keeps one folder per content folder", async () => {
    const other = await tempContentDir({ "only.md": FILES["markets.md"] });
    try {
      await buildWithCache(dir, cacheRoot);
      await buildWithCache(other, cacheRoot);
      expect(await readdir(cacheRoot)).toHaveLength(2);
      expect((await openParseCache(cacheRoot, dir)).known.size).toBe(3);
    } finally {
      await removeDir(other);
    }
  });

  it("picks up a dev-server edit through update, and caches it", async () => {
    const store = createContentStore(dir, cacheRoot);
    await store.loadAll();
    const edited = articleText({ title: "Fixed story", sourceUrl: "https://example.com/fixed" });
    await writeFile(join(dir, "broken.txt"), edited);

    await store.update("broken.txt");

    expect(titles(store.build())).toContain("Fixed story");
    expect((await openParseCache(cacheRoot, dir)).known.has(fileKey("broken.txt", edited))).toBe(true);
  });
});

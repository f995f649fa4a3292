import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContentStore } from "../../src/pipeline/content-store.ts";
import { codeVersion, fileKey, openParseCache, parseDependencies } from "../../src/pipeline/parse-cache.ts";
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

  it("is keyed on the packages the parse imports, and theirs, as installed", () => {
    const names = parseDependencies().map((entry) => entry.split("@")[0]);
    // The parse's own imports, and a dependency of one of them: none of them listed by hand.
    expect(names).toEqual(expect.arrayContaining(["js-yaml", "zod", "argparse"]));
    expect(names).not.toContain("react");
  });

  describe("on a project of its own", () => {
    let project: string;
    const write = async (path: string, text: string) => {
      await mkdir(join(project, path, ".."), { recursive: true });
      await writeFile(join(project, path), text);
    };
    const manifest = (name: string, version: string, dependencies: Record<string, string> = {}) =>
      JSON.stringify({ name, version, dependencies });

    beforeEach(async () => {
      project = await tempContentDir();
      await write("src/parse.ts", 'import parse from "fake-parser";\nimport { helper } from "./helper.ts";\nimport type { Unused } from "fake-types";\n');
      await write("src/helper.ts", 'export { util as helper } from "@fake/util/sub";\n');
      await write("node_modules/fake-parser/package.json", manifest("fake-parser", "1.0.0", { "fake-dep": "^1.0.0" }));
      await write("node_modules/fake-dep/package.json", manifest("fake-dep", "1.0.0"));
      await write("node_modules/@fake/util/package.json", manifest("@fake/util", "2.0.0"));
      await write("node_modules/fake-types/package.json", manifest("fake-types", "1.0.0"));
    });
    afterEach(() => removeDir(project));

    it("follows relative imports and dependencies, not type-only imports", () => {
      expect(parseDependencies(join(project, "src/parse.ts")).map((entry) => entry.split(" ")[0])).toEqual([
        "@fake/util@2.0.0",
        "fake-dep@1.0.0",
        "fake-parser@1.0.0",
      ]);
    });

    it("drops every cached parse when a dependency's installed version changes", async () => {
      const entry = join(project, "src/parse.ts");
      const before = codeVersion(entry);
      await buildWithCache(dir, cacheRoot);
      const built = await openParseCache(cacheRoot, dir);
      const keyed = await openParseCache(project, dir, before);
      for (const key of built.known) {
        const result = built.get(key);
        if (result) keyed.set(key, result);
      }
      await keyed.save(built.known);
      expect((await openParseCache(project, dir, codeVersion(entry))).known.size).toBe(3);

      // An upgrade two levels down, which no list kept by hand would have named.
      await write("node_modules/fake-dep/package.json", manifest("fake-dep", "1.0.1"));
      const after = codeVersion(entry);

      expect(after).not.toBe(before);
      expect((await openParseCache(project, dir, after)).known.size).toBe(0);
    });

    it("sees a copy of a dependency nested under the package that needs it", async () => {
      const entry = join(project, "src/parse.ts");
      const before = codeVersion(entry);
      await write("node_modules/fake-parser/node_modules/fake-dep/package.json", manifest("fake-dep", "0.9.0"));
      expect(parseDependencies(entry).map((line) => line.split(" ")[0])).toContain("fake-dep@0.9.0");
      expect(codeVersion(entry)).not.toBe(before);
    });
  });
});

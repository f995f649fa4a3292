import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Article, ArticleBucket, SiteIndex, TopicList } from "../../src/contract/types.ts";
import { nameOnDisk } from "../../src/pipeline/slug.ts";
import { corpusBytes, hostileFiles } from "../../scripts/hostile-corpus.ts";
import { broadsheetContent } from "../../src/pipeline/vite-plugin.ts";
import type { ContentOptions } from "../../src/pipeline/content.ts";
import { FIXTURES, removeDir, ROOT, securedValuesOf } from "./helpers.ts";

/** A draft, `secured` payloads at both levels, an unknown key, a duplicate and a `_`-file. */
const PRIVATE = join(FIXTURES, "build-private");
/** One valid article and two broken files. */
const BROKEN = join(FIXTURES, "build-broken");

const BUILD_TIMEOUT = 120_000;
const outDirs: string[] = [];

/** The real Vite build of the app, with the content plugin pointed at `options.dir`. */
async function buildSite(options: ContentOptions = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "broadsheet-build-"));
  outDirs.push(outDir);
  await build({
    configFile: false,
    root: ROOT,
    mode: "production",
    plugins: [broadsheetContent(options)],
    build: { outDir, emptyOutDir: true },
    logLevel: "silent",
  });
  return outDir;
}

/** Every file below `dir`, as `/`-separated relative path → bytes. */
async function filesBelow(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join("/"), await readFile(path));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function fixtureTexts(dir: string): Promise<string[]> {
  return [...(await filesBelow(dir)).values()].map((bytes) => bytes.toString("utf8"));
}

async function buildError(options: ContentOptions): Promise<Error> {
  try {
    await buildSite(options);
  } catch (error) {
    return error as Error;
  }
  throw new Error("the build did not fail");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await Promise.all(outDirs.map(removeDir));
});

describe("vite build: two builds of the same content", { timeout: BUILD_TIMEOUT }, () => {
  it("write byte-identical data files", async () => {
    const [first, second] = [await buildSite({ dir: PRIVATE }), await buildSite({ dir: PRIVATE })];
    const dataOf = async (outDir: string) => filesBelow(join(outDir, "data"));
    const [a, b] = [await dataOf(first), await dataOf(second)];
    expect(a.size).toBeGreaterThan(3);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
  });
});

describe("vite build: what never ships", { timeout: BUILD_TIMEOUT }, () => {
  let output: Map<string, string>;
  let index: SiteIndex;

  beforeAll(async () => {
    const outDir = await buildSite({ dir: PRIVATE });
    output = new Map([...(await filesBelow(outDir))].map(([path, bytes]) => [path, bytes.toString("utf8")]));
    index = JSON.parse(output.get("data/index.json") ?? "null") as SiteIndex;
  }, BUILD_TIMEOUT);

  const filesContaining = (needle: string) => [...output].filter(([, text]) => text.includes(needle)).map(([path]) => path);

  it("builds the app and the data", () => {
    expect(output.has("index.html")).toBe(true);
    // The Graphika report and Mint's story share related coverage: two articles, one story.
    expect(index.totals).toEqual({ articles: 2, stories: 1, topics: 4 });
    // The search below must be able to find things: a published title is there.
    expect(filesContaining("Graphika report details network of AI-generated profile pictures").length).toBeGreaterThan(0);
  });

  it("has no secured value, whole or in part, in any file", async () => {
    const secrets = (await fixtureTexts(PRIVATE)).flatMap(securedValuesOf);
    expect(secrets).toHaveLength(6);
    for (const secret of secrets) {
      expect(filesContaining(secret), secret).toEqual([]);
      expect(filesContaining(secret.slice(0, 24)), secret).toEqual([]);
    }
    expect(filesContaining('"secured"')).toEqual([]);
  });

  it.each([
    ["the draft's title", "EMBARGOED Acme to buy Globex"],
    ["the draft's excerpt", "DRAFT-EXCERPT-91c2"],
    ["the draft's source URL", "acme-globex-merger"],
    ["the draft's topic", "Mergers-Embargoed"],
    ["an unknown key's value", "EDITOR-NOTE-7f3a"],
    ["the _template file's title", "TEMPLATE-TITLE-5d1e"],
  ])("has %s nowhere", (_case, needle) => {
    expect(filesContaining(needle)).toEqual([]);
  });

  it("lists the duplicate once, with the topics of both files", () => {
    const titles = filesContaining("Facebook says group used AI-generated faces to push pro-Trump messages (syndicated)");
    expect(titles).toEqual([]);
    const topics = JSON.parse(output.get(`data/${index.buildId}/topics.json`) ?? "null") as { topics: { name: string }[] };
    expect(topics.topics.map((topic) => topic.name).sort()).toEqual(["AI", "Disinformation", "Elections", "Facebook AI"]);
  });
});

describe("vite build: invalid content", { timeout: BUILD_TIMEOUT }, () => {
  it("fails, naming both broken files and what is wrong", async () => {
    const { message } = await buildError({ dir: BROKEN, invalid: "fail" });
    expect(message).toContain("2 invalid content files");
    expect(message).toContain("bad-yaml.txt:3: YAML does not parse");
    expect(message).toMatch(/unsafe-source\.md:\d+: publishedDateTime must be an ISO 8601 date-time/);
    expect(message).toMatch(/unsafe-source\.md:\d+: sourceUrl must be an http\(s\) URL/);
    expect(message).not.toContain("000_adea7733bfa5600a.txt");
  });

  it("builds without them when they are skipped", async () => {
    const outDir = await buildSite({ dir: BROKEN, invalid: "skip" });
    const index = JSON.parse(await readFile(join(outDir, "data/index.json"), "utf8")) as SiteIndex;
    expect(index.totals.articles).toBe(1);
  });

  it("reads CONTENT_DIR and CONTENT_INVALID from the environment", async () => {
    vi.stubEnv("CONTENT_DIR", BROKEN);
    vi.stubEnv("CONTENT_INVALID", "fail");
    expect((await buildError({})).message).toContain("bad-yaml.txt");

    vi.stubEnv("CONTENT_INVALID", "skip");
    const outDir = await buildSite();
    const data = await filesBelow(join(outDir, "data"));
    const text = [...data.values()].map((bytes) => bytes.toString("utf8")).join("\n");
    expect(text).toContain("Facebook says group used AI-generated faces to push pro-Trump messages");
    expect(text).not.toContain("A story whose link would run script");
  });
});

describe("vite build: valid files beside one hostile file of each class", { timeout: BUILD_TIMEOUT }, () => {
  const hostile = hostileFiles();
  let clean: Map<string, Buffer>;
  let mixed: Map<string, Buffer>;
  const articlesOf = (files: Map<string, Buffer>) =>
    new Map(
      [...files]
        .filter(([path]) => /^data\/[0-9a-f]+\/articles\//.test(path))
        .flatMap(([, bytes]) => Object.values((JSON.parse(bytes.toString("utf8")) as ArticleBucket).articles))
        .map((article): [string, Article] => [article.id, article]),
    );

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "broadsheet-hostile-"));
    outDirs.push(dir);
    await cp(join(FIXTURES, "site"), dir, { recursive: true });
    for (const file of hostile) await writeFile(join(dir, file.name), file.content);
    clean = await filesBelow(await buildSite({ dir: join(FIXTURES, "site") }));
    mixed = await filesBelow(await buildSite({ dir, invalid: "skip" }));
  }, BUILD_TIMEOUT);

  const topicsOf = (files: Map<string, Buffer>) => {
    const [, bytes] = [...files].find(([path]) => /^data\/[0-9a-f]+\/topics\.json$/.test(path)) ?? [];
    return (JSON.parse(bytes?.toString("utf8") ?? "null") as TopicList).topics;
  };

  it("publishes every valid story, and the story a hostile copy claims, with their own title and id", () => {
    const before = articlesOf(clean);
    const after = articlesOf(mixed);
    for (const [id, article] of before) {
      const { story: _story, topics: _topics, related: _related, ...fields } = article;
      expect(after.get(id), id).toMatchObject(fields);
    }
    const kept = hostile.filter((file) => file.outcome === "kept").length;
    expect(after.size).toBe(before.size + kept);
  });

  it("leaves every valid story untouched but for what a copy of it adds (its topics and coverage)", () => {
    const before = articlesOf(clean);
    const after = articlesOf(mixed);
    for (const [id, article] of before) {
      const copied = hostile.some((file) => file.outcome === "merged" && String(file.content).includes(article.sourceUrl));
      if (!copied) expect(after.get(id), id).toEqual(article);
    }
  });

  it("keeps every valid topic's slug, whatever the hostile files call their topics", () => {
    const after = new Map(topicsOf(mixed).map((topic) => [topic.name, topic.slug]));
    for (const topic of topicsOf(clean)) expect(after.get(topic.name), topic.name).toBe(topic.slug);
  });

  it("writes only JSON that parses, and no two files to one path on any disk", () => {
    for (const [path, bytes] of mixed) if (path.endsWith(".json")) expect(() => JSON.parse(bytes.toString("utf8")), path).not.toThrow();
    const paths = [...mixed.keys()];
    expect(new Set(paths.map(nameOnDisk)).size).toBe(paths.length);
    for (const path of paths) for (const part of path.split("/")) expect(Buffer.byteLength(part), path).toBeLessThan(128);
  });

  it("grows the output by a bounded multiple of what the hostile files hold", () => {
    const size = (files: Map<string, Buffer>) => [...files.values()].reduce((total, bytes) => total + bytes.length, 0);
    const input = corpusBytes(hostile);
    expect(size(mixed) - size(clean)).toBeLessThan(input);
  });
});

import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { referencesOf, type DataKind } from "../../src/contract/data-references.ts";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { Article, ArticleBucket, SiteIndex, TopicCatalog } from "../../src/contract/types.ts";
import { nameOnDisk } from "../../src/pipeline/slug.ts";
import { corpusBytes, hostileFiles } from "../../scripts/hostile-corpus.ts";
import type { ContentOptions } from "../../src/pipeline/content-options.ts";
import { FIXTURES, removeDir, securedValuesOf } from "../unit/helpers.ts";
import { viteBuild } from "./vite-build.ts";

/** A draft, `secured` payloads at both levels, an unknown key, a duplicate and a `_`-file. */
const PRIVATE = join(FIXTURES, "build-private");
/** One valid article and two broken files. */
const BROKEN = join(FIXTURES, "build-broken");

const BUILD_TIMEOUT = 120_000;
const outDirs: string[] = [];

/** The real Vite build of the app (`viteBuild`) into a fresh folder, with the content plugin pointed at `options.dir`. */
async function viteBuildIntoTemp(options: ContentOptions = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "broadsheet-build-"));
  outDirs.push(outDir);
  await viteBuild(options, outDir);
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

/** The topic catalog the index names. */
function topicsOf(files: Map<string, Buffer>): TopicCatalog["topics"] {
  const text = (path: string) => files.get(path)?.toString("utf8") ?? "null";
  const index = JSON.parse(text(dataPaths.index)) as SiteIndex;
  return (JSON.parse(text(dataPaths.shard("catalogs", index.topics))) as TopicCatalog).topics;
}

/** The data paths `data/index.json` reaches, following every name each file gives; and names it reaches that are missing. */
function reachable(files: Map<string, Buffer>): { reached: Set<string>; missing: string[] } {
  const reached = new Set<string>([dataPaths.index]);
  const missing: string[] = [];
  const queue: [DataKind, string][] = [["index", dataPaths.index]];
  for (let next = queue.pop(); next; next = queue.pop()) {
    const [kind, path] = next;
    for (const ref of referencesOf(kind, JSON.parse(files.get(path)?.toString("utf8") ?? "null"))) {
      const target = dataPaths.shard(ref.kind, ref.name);
      if (reached.has(target)) continue;
      reached.add(target);
      if (files.has(target)) queue.push([ref.kind, target]);
      else missing.push(target);
    }
  }
  return { reached, missing };
}

async function fixtureTexts(dir: string): Promise<string[]> {
  return [...(await filesBelow(dir)).values()].map((bytes) => bytes.toString("utf8"));
}

async function buildError(options: ContentOptions): Promise<Error> {
  try {
    await viteBuildIntoTemp(options);
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
    const [first, second] = [await viteBuildIntoTemp({ dir: PRIVATE }), await viteBuildIntoTemp({ dir: PRIVATE })];
    const dataOf = async (outDir: string) => filesBelow(join(outDir, "data"));
    const [a, b] = [await dataOf(first), await dataOf(second)];
    expect(a.size).toBeGreaterThan(10);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
  });
});

describe("vite build: what never ships", { timeout: BUILD_TIMEOUT }, () => {
  let files: Map<string, Buffer>;
  let output: Map<string, string>;
  let index: SiteIndex;

  beforeAll(async () => {
    const outDir = await viteBuildIntoTemp({ dir: PRIVATE });
    files = await filesBelow(outDir);
    output = new Map([...files].map(([path, bytes]) => [path, bytes.toString("utf8")]));
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

  it("writes exactly the data files the index reaches, every one of them", () => {
    const { reached, missing } = reachable(files);
    expect(missing).toEqual([]);
    expect([...files.keys()].filter((path) => path.startsWith("data/")).sort()).toEqual([...reached].sort());
  });

  it("keeps an account of every file it wrote, for the next update and the deploy", () => {
    const manifest = JSON.parse(output.get(".broadsheet/manifest.json") ?? "null") as { files: Record<string, number>; retired: object };
    const built = [...files.keys()].filter((path) => !path.startsWith(".broadsheet/"));
    for (const path of built.filter((path) => path.startsWith("data/") || path.startsWith("feeds/"))) expect(manifest.files[path], path).toBe(files.get(path)?.length);
    expect(manifest.retired).toEqual({});
    const keep = (output.get(".broadsheet/keep.txt") ?? "").trim().split("\n");
    expect(keep).toEqual(expect.arrayContaining(built));
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
    expect(topicsOf(files).map((topic) => topic.name).sort()).toEqual(["AI", "Disinformation", "Elections", "Facebook AI"]);
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
    const outDir = await viteBuildIntoTemp({ dir: BROKEN, invalid: "skip" });
    const index = JSON.parse(await readFile(join(outDir, "data/index.json"), "utf8")) as SiteIndex;
    expect(index.totals.articles).toBe(1);
  });

  it("reads CONTENT_DIR and CONTENT_INVALID from the environment", async () => {
    vi.stubEnv("CONTENT_DIR", BROKEN);
    vi.stubEnv("CONTENT_INVALID", "fail");
    expect((await buildError({})).message).toContain("bad-yaml.txt");

    vi.stubEnv("CONTENT_INVALID", "skip");
    const outDir = await viteBuildIntoTemp();
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
        .filter(([path]) => /^data\/articles\/[0-9a-f]{16}\.json$/.test(path))
        .flatMap(([, bytes]) => Object.values((JSON.parse(bytes.toString("utf8")) as ArticleBucket).articles))
        .map((article): [string, Article] => [article.id, article]),
    );

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "broadsheet-hostile-"));
    outDirs.push(dir);
    await cp(join(FIXTURES, "site"), dir, { recursive: true });
    for (const file of hostile) await writeFile(join(dir, file.name), file.content);
    clean = await filesBelow(await viteBuildIntoTemp({ dir: join(FIXTURES, "site") }));
    mixed = await filesBelow(await viteBuildIntoTemp({ dir, invalid: "skip" }));
  }, BUILD_TIMEOUT);

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
    const isPage = (path: string) => path.endsWith(".html");
    const size = (files: Map<string, Buffer>) => [...files].filter(([path]) => !isPage(path)).reduce((total, [, bytes]) => total + bytes.length, 0);
    const input = corpusBytes(hostile);
    expect(size(mixed) - size(clean)).toBeLessThan(input);
    // Pages: one more for each new article and each new topic, each the app's frame around a list's head or one story.
    const pages = [...mixed].filter(([path]) => isPage(path));
    const added = articlesOf(mixed).size - articlesOf(clean).size + topicsOf(mixed).length - topicsOf(clean).length;
    expect(pages.filter(([path]) => !clean.has(path)).length).toBeLessThanOrEqual(added);
    for (const [path, bytes] of pages) expect(bytes.length, path).toBeLessThan(128 * 1024);
  });
});

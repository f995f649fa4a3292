import { existsSync } from "node:fs";
import { mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataPaths } from "../../src/contract/data-layout.ts";
import {
  DEFAULT_GRACE_HOURS,
  filesIn,
  KEEP_LIST_PATH,
  MANIFEST_PATH,
  readManifest,
  retireAndRecord,
  writeFiles,
  type BuildManifest,
} from "../../src/pipeline/output.ts";
import { shardText, type DataFile } from "../../src/pipeline/shards.ts";
import { removeDir, tempContentDir } from "./helpers.ts";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await tempContentDir();
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map(removeDir)));

/** A data file named by its bytes, as the pipeline makes them. */
function shardOf(text: string): DataFile {
  const made = shardText("pages", text).next();
  return made.value as DataFile;
}
const file = (path: string, text: string): DataFile => ({ path, render: () => text });

/** A time well before any test ran: a file rewritten now can never keep it, however coarse the disk's clock. */
const LONG_AGO = new Date(Date.UTC(2001, 0, 1));
async function backdate(dir: string, path: string): Promise<void> {
  await utimes(join(dir, path), LONG_AGO, LONG_AGO);
}
const mtimeOf = async (dir: string, path: string) => (await stat(join(dir, path))).mtimeMs;
const read = (dir: string, path: string) => readFile(join(dir, path), "utf8");

describe("writeFiles", () => {
  it("writes every file, and leaves an existing data file untouched on the next build", async () => {
    const dir = await tempDir();
    const page = shardOf('{"items":[]}');
    const files = [page, file("feeds/latest.xml", "<rss/>"), file(dataPaths.index, '{"feed":"x"}')];
    const first = await writeFiles(dir, files);
    expect(first.written.map((entry) => entry.path).sort()).toEqual([page.path, dataPaths.index, "feeds/latest.xml"].sort());
    expect(first.unchanged).toBe(0);
    expect(await read(dir, page.path)).toBe('{"items":[]}');

    for (const { path } of files) await backdate(dir, path);
    const before = await mtimeOf(dir, page.path);
    const second = await writeFiles(dir, files);
    expect(second.written).toEqual([]);
    expect(second.unchanged).toBe(3);
    expect(await mtimeOf(dir, page.path)).toBe(before);
    for (const { path } of files) expect(await mtimeOf(dir, path), path).toBe(LONG_AGO.getTime());
    expect(second.files).toEqual(new Map([[page.path, 12], ["feeds/latest.xml", 6], [dataPaths.index, 12]]));
  });

  it("rewrites a feed, a page or the index only when its bytes differ", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [file("feeds/latest.xml", "<rss>one</rss>"), file("robots.txt", "User-agent: *"), file(dataPaths.index, "{}")]);
    for (const path of ["feeds/latest.xml", "robots.txt", dataPaths.index]) await backdate(dir, path);
    const result = await writeFiles(dir, [file("feeds/latest.xml", "<rss>two</rss>"), file("robots.txt", "User-agent: *"), file(dataPaths.index, '{"a":1}')]);
    expect(result.written.map((entry) => entry.path).sort()).toEqual([dataPaths.index, "feeds/latest.xml"]);
    expect(result.unchanged).toBe(1);
    expect(await read(dir, "feeds/latest.xml")).toBe("<rss>two</rss>");
    expect(await read(dir, dataPaths.index)).toBe('{"a":1}');
    expect(await mtimeOf(dir, "feeds/latest.xml")).not.toBe(LONG_AGO.getTime());
    expect(await mtimeOf(dir, "robots.txt")).toBe(LONG_AGO.getTime());
  });

  it("rewrites a file of the same length but other bytes", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [file("sitemap.xml", "aaaa")]);
    const result = await writeFiles(dir, [file("sitemap.xml", "bbbb")]);
    expect(result.written).toEqual([{ path: "sitemap.xml", bytes: 4 }]);
    expect(await read(dir, "sitemap.xml")).toBe("bbbb");
  });

  it("writes the index last, once every file it names is on disk, wherever it comes in the build", async () => {
    const dir = await tempDir();
    const order: string[] = [];
    const others = Array.from({ length: 600 }, (_, i) => shardOf(`{"n":${i}}`));
    const recorded = (entry: DataFile): DataFile => ({ path: entry.path, render: () => (order.push(entry.path), entry.render()) });
    let missingWhenIndexRendered = -1;
    const index: DataFile = {
      path: dataPaths.index,
      render: () => {
        order.push(dataPaths.index);
        missingWhenIndexRendered = others.filter((other) => !existsSync(join(dir, other.path))).length;
        return "{}";
      },
    };
    // The index first, in the middle of a batch: it must still wait for the rest.
    await writeFiles(dir, [index, ...others.slice(0, 300).map(recorded), file("feeds/latest.xml", "<rss/>"), ...others.slice(300).map(recorded)]);
    expect(order.at(-1)).toBe(dataPaths.index);
    expect(order).toHaveLength(601);
    expect(missingWhenIndexRendered).toBe(0);
    expect(await read(dir, dataPaths.index)).toBe("{}");
  });

  it("refuses two different files at one path, as a case-insensitive disk compares them", async () => {
    const dir = await tempDir();
    await expect(writeFiles(dir, [file("feeds/topics/ai.xml", "<a/>"), file("feeds/topics/AI.xml", "<b/>")])).rejects.toThrow(
      "two files of this build would be written to feeds/topics/AI.xml",
    );
    await expect(writeFiles(dir, [file("articles/x.html", "<p>1</p>"), file("articles/x.html", "<p>2</p>")])).rejects.toThrow("articles/x.html");
  });

  it("accepts the same data file twice (two lists alike are one file), writing it once", async () => {
    const dir = await tempDir();
    const page = shardOf('{"items":["same"]}');
    const result = await writeFiles(dir, [page, shardOf('{"items":["same"]}'), file(dataPaths.index, "{}")]);
    expect(result.written.map((entry) => entry.path)).toEqual([page.path, dataPaths.index]);
    expect(result.files.size).toBe(2);
  });

  it("leaves no partial file behind", async () => {
    const dir = await tempDir();
    await writeFiles(dir, [shardOf("{}"), file("feeds/latest.xml", "<rss/>"), file(dataPaths.index, "{}")]);
    expect((await filesIn(dir)).filter((path) => path.includes(".partial"))).toEqual([]);
  });
});

describe("retireAndRecord", () => {
  const HOUR = 3_600_000;
  const T0 = new Date(Date.UTC(2026, 5, 1, 12));
  const after = (hours: number) => new Date(T0.getTime() + hours * HOUR);
  const app = ["index.html", "assets/index-abc.js"];

  /** A folder holding `paths`, each with its own path as its text. */
  async function folderWith(paths: string[]): Promise<string> {
    const dir = await tempDir();
    for (const path of paths) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), path);
    }
    return dir;
  }
  const sizes = (paths: string[]) => Object.fromEntries(paths.map((path) => [path, path.length]));
  const keepList = async (dir: string) => (await read(dir, KEEP_LIST_PATH)).trim().split("\n");

  const OLD = "data/pages/0000000000000001.json";
  const KEPT = "data/pages/0000000000000002.json";
  const NEW = "data/pages/0000000000000003.json";

  async function firstBuild(dir: string): Promise<BuildManifest> {
    return (await retireAndRecord(dir, undefined, { files: sizes([OLD, KEPT, dataPaths.index]), app, content: { "a.txt": "1" } }, { now: T0 })).manifest;
  }

  it("records this build's files, the app's and the content keys, and retires nothing the first time", async () => {
    const dir = await folderWith([OLD, KEPT, dataPaths.index, ...app]);
    const result = await retireAndRecord(dir, undefined, { files: sizes([OLD, KEPT, dataPaths.index]), app, content: { "a.txt": "1" } }, { now: T0 });
    expect(result.retired).toEqual([]);
    expect(result.pruned).toEqual([]);
    const manifest = await readManifest(dir);
    expect(manifest).toEqual({ writtenAt: T0.toISOString(), files: sizes([OLD, KEPT, dataPaths.index]), app, retired: {}, content: { "a.txt": "1" } });
    expect(await keepList(dir)).toEqual([...app, OLD, KEPT, dataPaths.index, MANIFEST_PATH, KEEP_LIST_PATH].sort());
  });

  it("retires a file the previous build used and this one lacks, as of now, keeping it on disk and in keep.txt", async () => {
    const dir = await folderWith([OLD, KEPT, NEW, dataPaths.index, ...app]);
    const previous = await firstBuild(dir);
    const result = await retireAndRecord(dir, previous, { files: sizes([KEPT, NEW, dataPaths.index]), app, content: {} }, { now: after(1) });
    expect(result.retired).toEqual([OLD]);
    expect(result.pruned).toEqual([]);
    expect(result.manifest.retired).toEqual({ [OLD]: after(1).toISOString() });
    expect((await readManifest(dir))?.retired).toEqual({ [OLD]: after(1).toISOString() });
    expect(existsSync(join(dir, OLD))).toBe(true);
    expect(await keepList(dir)).toContain(OLD);
  });

  it(`keeps a retired file through the grace period (${DEFAULT_GRACE_HOURS} hours by default), then prunes it from the disk and the manifest`, async () => {
    const dir = await folderWith([OLD, KEPT, dataPaths.index, ...app]);
    let manifest = await firstBuild(dir);
    const current = { files: sizes([KEPT, dataPaths.index]), app, content: {} };
    manifest = (await retireAndRecord(dir, manifest, current, { now: T0 })).manifest;

    const during = await retireAndRecord(dir, manifest, current, { now: after(DEFAULT_GRACE_HOURS - 1) });
    expect(during.retired).toEqual([]);
    expect(during.pruned).toEqual([]);
    // Still retired as of when it first was: a later build does not restart its clock.
    expect(during.manifest.retired).toEqual({ [OLD]: T0.toISOString() });
    expect(existsSync(join(dir, OLD))).toBe(true);
    expect(await keepList(dir)).toContain(OLD);

    const past = await retireAndRecord(dir, during.manifest, current, { now: after(DEFAULT_GRACE_HOURS + 1) });
    expect(past.pruned).toEqual([OLD]);
    expect(past.manifest.retired).toEqual({});
    expect((await readManifest(dir))?.retired).toEqual({});
    expect(existsSync(join(dir, OLD))).toBe(false);
    expect(existsSync(join(dir, KEPT))).toBe(true);
    expect(await keepList(dir)).not.toContain(OLD);
  });

  it("follows the grace period it is given", async () => {
    const dir = await folderWith([OLD, KEPT, dataPaths.index, ...app]);
    const previous = await firstBuild(dir);
    const current = { files: sizes([KEPT, dataPaths.index]), app, content: {} };
    const retired = await retireAndRecord(dir, previous, current, { now: T0, graceHours: 2 });
    expect((await retireAndRecord(dir, retired.manifest, current, { now: after(1), graceHours: 2 })).pruned).toEqual([]);
    expect(existsSync(join(dir, OLD))).toBe(true);
    const later = await readManifest(dir);
    expect((await retireAndRecord(dir, later, current, { now: after(3), graceHours: 2 })).pruned).toEqual([OLD]);
    expect(existsSync(join(dir, OLD))).toBe(false);
  });

  it("with no grace period, prunes a retired file at the next build, never at the one that retired it (the index readers hold until then names it)", async () => {
    const dir = await folderWith([OLD, KEPT, dataPaths.index, ...app]);
    const previous = await firstBuild(dir);
    const current = { files: sizes([KEPT, dataPaths.index]), app, content: {} };
    const retiring = await retireAndRecord(dir, previous, current, { now: after(1), graceHours: 0 });
    expect([retiring.retired, retiring.pruned]).toEqual([[OLD], []]);
    expect(existsSync(join(dir, OLD))).toBe(true);
    const next = await retireAndRecord(dir, retiring.manifest, current, { now: after(1), graceHours: 0 });
    expect(next.pruned).toEqual([OLD]);
    expect(existsSync(join(dir, OLD))).toBe(false);
  });

  it("un-retires a file that comes back before it is pruned", async () => {
    const dir = await folderWith([OLD, KEPT, dataPaths.index, ...app]);
    const previous = await firstBuild(dir);
    const gone = await retireAndRecord(dir, previous, { files: sizes([KEPT, dataPaths.index]), app, content: {} }, { now: after(1) });
    expect(gone.manifest.retired).toHaveProperty([OLD]);
    const back = await retireAndRecord(dir, gone.manifest, { files: sizes([OLD, KEPT, dataPaths.index]), app, content: {} }, { now: after(2) });
    expect(back.retired).toEqual([]);
    expect(back.manifest.retired).toEqual({});
    // Long after, it is in use, so it stays.
    const much = await retireAndRecord(dir, back.manifest, { files: sizes([OLD, KEPT, dataPaths.index]), app, content: {} }, { now: after(1000) });
    expect(much.pruned).toEqual([]);
    expect(existsSync(join(dir, OLD))).toBe(true);
  });

  it("retires the app's old files too when a new bundle replaces them", async () => {
    const dir = await folderWith([KEPT, dataPaths.index, ...app, "assets/index-def.js"]);
    const previous = (await retireAndRecord(dir, undefined, { files: sizes([KEPT, dataPaths.index]), app, content: {} }, { now: T0 })).manifest;
    const result = await retireAndRecord(dir, previous, { files: sizes([KEPT, dataPaths.index]), app: ["index.html", "assets/index-def.js"], content: {} }, { now: after(1) });
    expect(result.retired).toEqual(["assets/index-abc.js"]);
    expect(existsSync(join(dir, "assets/index-abc.js"))).toBe(true);
  });

  it("treats a missing or corrupt manifest as none: nothing is retired or pruned", async () => {
    const dir = await folderWith([OLD, KEPT, dataPaths.index, ...app]);
    expect(await readManifest(dir)).toBeUndefined();
    await mkdir(join(dir, ".broadsheet"), { recursive: true });
    for (const text of ["{not json", "null", "[]", '{"files":{}}', '{"app":[]}', '"text"', ""]) {
      await writeFile(join(dir, MANIFEST_PATH), text);
      expect(await readManifest(dir), text).toBeUndefined();
    }
    const result = await retireAndRecord(dir, await readManifest(dir), { files: sizes([KEPT, dataPaths.index]), app, content: {} }, { now: T0 });
    expect(result.retired).toEqual([]);
    expect(result.pruned).toEqual([]);
    expect(existsSync(join(dir, OLD))).toBe(true);
    // And what it writes reads back.
    expect((await readManifest(dir))?.files).toEqual(sizes([KEPT, dataPaths.index]));
  });

  it("is left out of the files a build counts as the folder's", async () => {
    const dir = await folderWith([KEPT, ...app]);
    await retireAndRecord(dir, undefined, { files: sizes([KEPT]), app, content: {} }, { now: T0 });
    expect(await filesIn(dir)).toEqual([...app, KEPT].sort());
  });
});

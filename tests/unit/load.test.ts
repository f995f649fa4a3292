import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relative } from "node:path";
import { discoverArticleFiles, isArticleFile, loadArticleFile } from "../../src/pipeline/load.ts";
import { mapLimit } from "../../src/pipeline/collections.ts";
import { removeDir, seedText, tempContentDir } from "./helpers.ts";

describe("isArticleFile", () => {
  it.each([
    ["000_adea7733bfa5600a.txt", true],
    ["story.md", true],
    ["2019/12/story.txt", true],
    ["news/readme-notes.md", true],
    ["README.md", false],
    ["readme.md", false],
    ["news/README.md", false],
    [".hidden.txt", false],
    ["_template.txt", false],
    ["_drafts/story.txt", false],
    [".git/story.txt", false],
    ["news/.cache/story.md", false],
    ["story.json", false],
    ["story.txt.bak", false],
    ["story.TXT", false],
    ["story", false],
  ])("%s → %s", (path, expected) => {
    expect(isArticleFile(path)).toBe(expected);
  });
});

describe("discoverArticleFiles", () => {
  const files = {
    "b.txt": seedText,
    "a.md": seedText,
    "2019/12/c.txt": seedText,
    "2019/12/deeper/d.md": seedText,
    "README.md": "# About this folder",
    "2019/README.md": "# 2019",
    "_template.txt": seedText,
    ".draft.txt": seedText,
    "_archive/e.txt": seedText,
    ".git/f.txt": seedText,
    "notes.json": "{}",
    "story.txt.bak": seedText,
  };
  const articles = ["2019/12/c.txt", "2019/12/deeper/d.md", "a.md", "b.txt"];
  let dir: string;

  beforeAll(async () => {
    dir = await tempContentDir(files);
  });
  afterAll(() => removeDir(dir));

  it("finds .txt and .md files in nested folders, relative, /-separated and sorted", async () => {
    expect(await discoverArticleFiles(dir)).toEqual(articles);
  });

  it.each([
    ["with a trailing slash", (path: string) => `${path}/`],
    ["relative to the working folder", (path: string) => relative(process.cwd(), path)],
    ["relative, starting with ./", (path: string) => `./${relative(process.cwd(), path)}`],
  ])("finds the same files when the folder is named %s", async (_case, spell) => {
    expect(await discoverArticleFiles(spell(dir))).toEqual(articles);
  });

  it("finds nothing in an empty folder", async () => {
    const empty = await tempContentDir();
    try {
      expect(await discoverArticleFiles(empty)).toEqual([]);
    } finally {
      await removeDir(empty);
    }
  });

  it("loads a found file under its relative name", async () => {
    const { result } = await loadArticleFile(dir, "2019/12/c.txt");
    expect(result?.ok && result.record.file).toBe("2019/12/c.txt");
    expect(result?.ok && result.record.title).toBe("Facebook says group used AI-generated faces to push pro-Trump messages");
  });
});

describe("mapLimit", () => {
  it("keeps the order of results and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it("handles no items", async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});

describe("loadArticleFile", () => {
  it("turns a file that cannot be read into a problem naming it, not a crash", async () => {
    const { key, result } = await loadArticleFile("/nonexistent-folder", "gone.txt");
    expect(key).toBeUndefined();
    expect(result).toEqual({ ok: false, problems: [{ file: "gone.txt", message: "cannot be read (ENOENT)" }], warnings: [] });
  });
});

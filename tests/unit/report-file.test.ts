import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readContent, summaryLine } from "../../src/pipeline/content-report.ts";
import { createContentStore } from "../../src/pipeline/content-store.ts";
import { filesIn, readReport, REPORT_PATH, STATE_DIR, type BuildReportFile } from "../../src/pipeline/output.ts";
import { InvalidContentError } from "../../src/pipeline/problems.ts";
import { reportWrite, type BuildResult } from "../../src/pipeline/write-build.ts";
import { articleText, removeDir, SEED_FILE, seedText, tempContentDir } from "./helpers.ts";

const dirs: string[] = [];
async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await tempContentDir(files);
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map(removeDir)));

const FILES = {
  [SEED_FILE]: seedText,
  "markets.md": articleText({ title: "Markets rally on rate cut", sourceUrl: "https://www.reuters.com/markets/rally" }),
  "copy.md": articleText({ title: "Markets rally on rate cut", sourceUrl: "https://www.reuters.com/markets/rally" }),
  "draft.md": articleText({ title: "Not yet", sourceUrl: "https://example.com/draft", published: "false" }),
  "broken.txt": articleText({ publishedDateTime: "yesterday" }),
};

function lines() {
  const said: { info: string[]; warn: string[] } = { info: [], warn: [] };
  return { said, logger: { info: (line: string) => void said.info.push(line), warn: (line: string) => void said.warn.push(line) } };
}

const RESULT: BuildResult = {
  content: { added: 4, edited: 0, removed: 1 },
  write: { written: [{ path: "data/index.json", bytes: 300 }, { path: "feeds/latest.xml", bytes: 700 }], unchanged: 5, files: new Map([["data/index.json", 300], ["feeds/latest.xml", 700], ["robots.txt", 20]]) },
  retire: { retired: ["data/lists/0123456789abcdef.json"], pruned: [], manifest: { writtenAt: "", files: {}, app: [], retired: {}, content: {} } },
  articlePages: 2,
  pages: { total: 4, milliseconds: 12.5, renders: 3, kept: 1, failed: 0 },
  milliseconds: 40,
};

describe("the content step", () => {
  it("reads, reports and gives its figures: the summary line's, as numbers", async () => {
    const dir = await tempDir(FILES);
    const { said, logger } = lines();
    const { build, figures } = await readContent(createContentStore(dir), logger, { dir, invalid: "skip", siteUrlWarning: "no SITE_URL" });

    expect(figures).toEqual({ ms: figures.ms, articles: 2, topics: build.model.topics.length, drafts: 1, duplicates: 1, skipped: 1, warnings: build.warnings.length });
    expect(figures.ms).toBeGreaterThan(0);
    expect(said.info).toEqual([summaryLine(build, "skip", figures.ms)]);
    expect(said.warn.at(-1)).toBe("no SITE_URL");
    expect(said.warn.some((line) => line.startsWith("skipped: broken.txt"))).toBe(true);
  });

  it("fails on an invalid file unless told to skip it, after its summary", async () => {
    const dir = await tempDir(FILES);
    const { said, logger } = lines();
    await expect(readContent(createContentStore(dir), logger, { dir, invalid: "fail" })).rejects.toThrow(InvalidContentError);
    expect(said.info).toHaveLength(1);
  });
});

describe("the build's report", () => {
  it("is written beside the manifest with the content step's and the write's figures", async () => {
    const outDir = await tempDir();
    const { said, logger } = lines();
    const content = { ms: 81, articles: 2, topics: 3, drafts: 1, duplicates: 1, skipped: 0, warnings: 4 };

    await reportWrite(logger, outDir, RESULT, { by: "update", content, graceHours: 72 });

    const report = JSON.parse(await readFile(join(outDir, REPORT_PATH), "utf8")) as BuildReportFile;
    expect(REPORT_PATH.startsWith(`${STATE_DIR}/`)).toBe(true);
    expect({ ...report, writtenAt: "" }).toEqual({
      writtenAt: "",
      by: "update",
      content,
      changes: { added: 4, edited: 0, removed: 1 },
      write: { written: 2, writtenBytes: 1000, unchanged: 5, files: 3, bytes: 1020 },
      pages: { total: 4, kept: 1, renders: 3, failed: 0, ms: 12.5, articlePages: 2 },
      retire: { retired: 1, pruned: 0 },
      writeMs: 40,
    });
    expect(await readReport(outDir)).toEqual(report);
    // The publisher's lines are said as before.
    expect(said.info[0]).toMatch(/^Broadsheet update: 4 new article files/);
    // Never a file of the site: the build's own state, as the manifest.
    expect(await filesIn(outDir)).toEqual([]);
  });
});

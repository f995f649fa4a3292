import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverArticleFiles, loadArticleFile } from "../../src/pipeline/load.ts";
import { parseFiles } from "../../src/pipeline/parse-pool.ts";
import { FIXTURES } from "./helpers.ts";

describe("parseFiles", () => {
  const dir = join(FIXTURES, "build-broken");

  it("gives the same results in worker threads as in the main thread, in file order", async () => {
    const files = await discoverArticleFiles(dir);
    const inThread = await Promise.all(files.map((file) => loadArticleFile(dir, file)));

    const inWorkers = await parseFiles(dir, files, new Set(), 0);

    expect(inWorkers).toEqual(inThread);
    expect(inWorkers.some(({ result }) => result && !result.ok)).toBe(true);
  });

  it.each([
    ["in worker threads", 0],
    ["in the main thread", Infinity],
  ])("reads but does not parse the files whose key is known, %s", async (_where, minFilesForWorkers) => {
    const files = await discoverArticleFiles(dir);
    const first = await parseFiles(dir, files);
    const known = new Set([first[0].key as string]);

    const again = await parseFiles(dir, files, known, minFilesForWorkers);

    expect(again[0]).toEqual({ key: first[0].key });
    expect(again.slice(1)).toEqual(first.slice(1));
  });
});

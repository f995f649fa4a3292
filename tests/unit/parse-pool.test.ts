import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverArticleFiles, loadArticleFile } from "../../src/pipeline/load.ts";
import { parseFiles } from "../../src/pipeline/parse-pool.ts";
import { FIXTURES } from "./helpers.ts";

describe("parseFiles", () => {
  it("gives the same results in worker threads as in the main thread, in file order", async () => {
    const dir = join(FIXTURES, "build-broken");
    const files = await discoverArticleFiles(dir);
    const inThread = await Promise.all(files.map((file) => loadArticleFile(dir, file)));

    const inWorkers = await parseFiles(dir, files, 0);

    expect(inWorkers).toEqual(inThread);
    expect(inWorkers.some((result) => !result.ok)).toBe(true);
  });
});

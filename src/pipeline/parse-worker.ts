/** A worker thread that reads and parses a batch of article files at a time. */
import { parentPort } from "node:worker_threads";
import { loadArticleFile, mapLimit } from "./load.ts";

export interface ParseBatch {
  dir: string;
  files: string[];
}

parentPort?.on("message", async ({ dir, files }: ParseBatch) => {
  parentPort?.postMessage(await mapLimit(files, 16, (file) => loadArticleFile(dir, file)));
});

/** A worker thread that reads and parses a batch of article files at a time. */
import { parentPort } from "node:worker_threads";
import { loadArticleFileSync } from "./load.ts";

export interface ParseBatch {
  dir: string;
  files: string[];
}

parentPort?.on("message", ({ dir, files }: ParseBatch) => {
  parentPort?.postMessage(files.map((file) => loadArticleFileSync(dir, file)));
});

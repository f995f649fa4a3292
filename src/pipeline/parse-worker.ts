/** A worker thread that reads and parses a batch of article files at a time. */
import { parentPort, workerData } from "node:worker_threads";
import { loadArticleFileSync } from "./load.ts";

export interface ParseBatch {
  dir: string;
  files: string[];
}

/** Keys of the files the cache already holds: those are read and hashed, never parsed. */
export interface ParseWorkerData {
  known: string[];
}

const known = new Set((workerData as ParseWorkerData).known);

parentPort?.on("message", ({ dir, files }: ParseBatch) => {
  parentPort?.postMessage(files.map((file) => loadArticleFileSync(dir, file, known)));
});

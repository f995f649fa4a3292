import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { loadArticleFile, type LoadedFile } from "./load.ts";
import { mapLimit } from "./collections.ts";
import type { ParseBatch, ParseWorkerData } from "./parse-worker.ts";

/** Below this many files a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 2000;
const BATCH = 1000;

/** The workers run the same TypeScript source as the build, through tsx's loader. */
const WORKER_BOOT = `import("tsx/esm/api").then(({ register }) => {
  register();
  return import(${JSON.stringify(new URL("./parse-worker.ts", import.meta.url).href)});
});`;

/**
 * Reads `files` and parses those whose key is not `known`, on every core when there are
 * many: parsing YAML is the build's heaviest work, and each file needs nothing from the
 * others. Results keep the order of `files`.
 */
export async function parseFiles(
  dir: string,
  files: readonly string[],
  known: ReadonlySet<string> = new Set(),
  minFilesForWorkers = WORKER_THRESHOLD,
): Promise<LoadedFile[]> {
  const threads = Math.min(availableParallelism(), 8);
  if (files.length < minFilesForWorkers || threads < 2) return mapLimit(files, 64, (file) => loadArticleFile(dir, file, known));

  const results = new Array<LoadedFile>(files.length);
  let next = 0;
  const workerData: ParseWorkerData = { known: [...known] };
  const workers = Array.from({ length: threads }, () => new Worker(WORKER_BOOT, { eval: true, workerData }));
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < files.length) {
          const start = next;
          next += BATCH;
          const batch: ParseBatch = { dir, files: files.slice(start, start + BATCH) };
          const parsed = await new Promise<LoadedFile[]>((resolve, reject) => {
            worker.once("message", resolve);
            worker.once("error", reject);
            worker.once("exit", (code) => reject(new Error(`a content parsing worker stopped (exit code ${code})`)));
            worker.postMessage(batch);
          });
          worker.removeAllListeners("error").removeAllListeners("exit");
          parsed.forEach((result, offset) => (results[start + offset] = result));
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

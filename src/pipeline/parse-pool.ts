import { availableParallelism } from "node:os";
import { loadArticleFile, type LoadedFile } from "./load.ts";
import { shareStrings } from "./parse-file.ts";
import { mapLimit } from "./collections.ts";
import type { ParseBatch, ParsedBatch, ParseWorkerData } from "./parse-worker.ts";
import { startTsWorker } from "./ts-worker.ts";

/** Below this many files a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 2000;
const BATCH = 500;
/**
 * Batches each worker holds at once. With one, a worker waits while the main thread takes
 * in its answer (deserialising a batch costs a fifth of parsing it) and sends the next; with
 * two, it parses the next batch meanwhile.
 */
const IN_FLIGHT = 2;


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
  const share = shareStrings();
  let next = 0;
  const workerData: ParseWorkerData = { known: [...known] };
  const workers = Array.from({ length: threads }, () => startTsWorker(new URL("./parse-worker.ts", import.meta.url), workerData));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let pending = 0;
            const send = () => {
              while (pending < IN_FLIGHT && next < files.length) {
                const batch: ParseBatch = { start: next, dir, files: files.slice(next, next + BATCH) };
                next += BATCH;
                pending++;
                worker.postMessage(batch);
              }
              if (pending === 0) resolve();
            };
            worker.on("message", (message: string) => {
              const { start, loaded } = JSON.parse(message) as ParsedBatch;
              pending--;
              for (let offset = 0; offset < loaded.length; offset++) {
                share(loaded[offset].result);
                results[start + offset] = loaded[offset];
              }
              send();
            });
            worker.once("error", reject);
            worker.once("exit", (code) => reject(new Error(`a content parsing worker stopped (exit code ${code})`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

import { Worker } from "node:worker_threads";

/**
 * A worker thread running `module`, a TypeScript file of the pipeline, through tsx's loader:
 * the same source the build runs, with no compile step between them.
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const boot = `import("tsx/esm/api").then(({ register }) => {
  register();
  return import(${JSON.stringify(module.href)});
});`;
  return new Worker(boot, { eval: true, workerData });
}

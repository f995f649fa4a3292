/** A worker thread that draws pages' first screens with the build's renderer (src/pipeline/publish/first-screen.ts), one at a time. */
import { parentPort, workerData } from "node:worker_threads";
import { rendererIn, type FirstScreenAsk, type FirstScreenDrawn, type FirstScreenWorkerData } from "./first-screen.ts";

const { outDir, bundle } = workerData as FirstScreenWorkerData;
const renderer = await rendererIn(outDir, bundle);

parentPort?.on("message", async ({ id, path, renderedAt }: FirstScreenAsk) => {
  const answer: FirstScreenDrawn = { id, page: await renderer.render(path, renderedAt) };
  parentPort?.postMessage(answer);
});

/** A worker thread that draws pages' first screens with the build's renderer (src/pipeline/publish/first-screen.ts), one at a time. */
import { parentPort, workerData } from "node:worker_threads";
import type { RenderedPage } from "../../contract/page-state.ts";
import { rendererIn } from "./first-screen.ts";

export interface FirstScreenWorkerData {
  outDir: string;
  bundle: string;
}

export interface FirstScreenAsk {
  id: number;
  path: string;
  renderedAt: number;
}

export interface FirstScreenDrawn {
  id: number;
  page: RenderedPage;
}

const { outDir, bundle } = workerData as FirstScreenWorkerData;
const renderer = await rendererIn(outDir, bundle);

parentPort?.on("message", async ({ id, path, renderedAt }: FirstScreenAsk) => {
  const answer: FirstScreenDrawn = { id, page: await renderer.render(path, renderedAt) };
  parentPort?.postMessage(answer);
});

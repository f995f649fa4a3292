/**
 * `npm run build:data [-- --outDir <folder>]`: brings the data of a built site up to date
 * with `content/` without bundling the app again. Only new and changed files are parsed (the
 * parse cache knows the rest), only files the folder lacks are written, `data/index.json`
 * last; then the manifest says what the deploy must upload and what it may delete.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { updateData } from "../src/pipeline/update-data.ts";

const { values } = parseArgs({ options: { outDir: { type: "string", default: "dist" } }, allowPositionals: false });
const outDir = resolve(values.outDir);
if (!existsSync(join(outDir, "index.html"))) {
  console.error(`Broadsheet: ${outDir} holds no built site (no index.html): run \`npm run build\` once first, then \`npm run build:data\` after each change of content.`);
  process.exit(1);
}
try {
  const started = performance.now();
  await updateData(outDir, { info: (line) => console.log(line), warn: (line) => console.warn(line) });
  console.log(`Broadsheet: ${outDir} is up to date, in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

import { performance } from "node:perf_hooks";
import { assertValid, createContentStore, reportContent, resolveContentOptions, type BuildLogger, type ContentOptions } from "./content.ts";
import { MANIFEST_PATH, readManifest } from "./output.ts";
import { buildReport, firstScreenWarning, writeBuild, type BuildResult } from "./write-build.ts";

/**
 * The data-only update (`npm run build:data`): reads the content folder (parsing only files
 * the parse cache has not seen), and writes what changed into `outDir`, a site the full
 * build made, leaving the app's own files alone. Fails, writing nothing, on invalid content
 * unless invalid files are to be skipped.
 */
export async function updateData(outDir: string, logger: BuildLogger, options: ContentOptions = {}): Promise<BuildResult> {
  const { dir, invalid, cacheRoot, siteUrl, siteUrlWarning, offlineArticleBudget, prerenderedArticles, graceHours } = resolveContentOptions(options);
  // Without the account of the build it updates, the update could not tell the app's files from old data,
  // and a deploy pruning by its keep list would delete them.
  if (!(await readManifest(outDir))) {
    throw new Error(`Broadsheet: ${outDir} has no readable ${MANIFEST_PATH}: build it in full once (npm run build), then update it with npm run build:data`);
  }
  const started = performance.now();
  const store = createContentStore(dir, cacheRoot);
  await store.loadAll();
  const build = store.build();
  store.release();
  reportContent(logger, build, performance.now() - started, invalid);
  assertValid(build, invalid, dir);
  if (siteUrlWarning) logger.warn(siteUrlWarning);
  const result = await writeBuild(outDir, build, { siteUrl, offlineArticleBudget, prerenderedArticles, graceHours });
  for (const line of buildReport(result, graceHours)) logger.info(line);
  const warning = firstScreenWarning(result);
  if (warning) logger.warn(warning);
  return result;
}

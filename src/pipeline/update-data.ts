import { resolveContentOptions, type ContentOptions } from "./content-options.ts";
import { readContent, type BuildLogger } from "./content-report.ts";
import { createContentStore } from "./content-store.ts";
import { MANIFEST_PATH, readManifest } from "./output.ts";
import { reportWrite, writeBuild, type BuildResult } from "./write-build.ts";

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
  const { build, figures } = await readContent(createContentStore(dir, cacheRoot), logger, { dir, invalid, siteUrlWarning });
  const result = await writeBuild(outDir, build, { siteUrl, offlineArticleBudget, prerenderedArticles, graceHours });
  await reportWrite(logger, outDir, result, { by: "update", content: figures, graceHours });
  return result;
}

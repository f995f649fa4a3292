import { build, createLogger } from "vite";
import type { ContentOptions } from "../../src/pipeline/content-options.ts";
import { broadsheetContent } from "../../src/pipeline/vite-plugin.ts";
import { ROOT } from "../unit/helpers.ts";

/**
 * The real Vite build of the app, in this process, with only the content plugin (pointed at
 * `content`'s folder and options) into `outDir`; emptied first unless `emptyOutDir` is false.
 * Resolves with the warnings Vite logged (`warn`, not `warnOnce`); errors are not printed: a failed build rejects with its own.
 * `viteBuildInChild` (scripts/bench/build.ts) runs `vite build` itself, with every plugin.
 */
export async function viteBuild(content: ContentOptions, outDir: string, { emptyOutDir = true } = {}): Promise<{ warnings: string[] }> {
  const warnings: string[] = [];
  const logger = createLogger("warn");
  logger.warn = (message) => void warnings.push(message);
  logger.error = () => {};
  await build({
    configFile: false,
    root: ROOT,
    mode: "production",
    plugins: [broadsheetContent(content)],
    build: { outDir, emptyOutDir },
    customLogger: logger,
    logLevel: "warn",
  });
  return { warnings };
}

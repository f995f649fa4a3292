import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchBrowser } from "../../scripts/chromium.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURE_CONTENT = join(ROOT, "tests", "fixtures", "site");

export { launchBrowser, serveStatic as serveSite };
export { buildSite } from "../../scripts/bench/build.ts";

/**
 * The fixture build (global-setup.ts) served on a free port, and one browser, for the tests
 * of one file: started before them and closed after. Read `url` and `context` inside tests.
 */
export function useFixtureSite(): { readonly url: string; readonly context: BrowserContext } {
  let server: StaticServer | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    server = await serveStatic(inject("siteDir"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T,>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useFixtureSite: read url and context inside a test");
    return value;
  };
  return {
    get url() {
      return started(server).url;
    },
    get context() {
      return started(browser).context;
    },
  };
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURE_CONTENT = join(ROOT, "tests", "fixtures", "site");

/**
 * Debian's Chromium with a persistent profile: Chromium never calls an incognito
 * context installable, and service workers want a real profile too.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "broadsheet-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    viewport: { width: 1024, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export { serveStatic as serveSite } from "../../scripts/static-server.ts";
export { buildSite } from "../../scripts/bench/build.ts";

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURE_CONTENT = join(ROOT, "tests", "fixtures", "site");

/**
 * Builds the site with the real CLI, as a reader of the README would. Async spawn: a
 * server in this process must keep answering while the build runs.
 */
export function buildSite(contentDir: string, outDir: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir"], {
      cwd: ROOT,
      env: { ...process.env, CONTENT_DIR: contentDir, NODE_ENV: "production", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`vite build failed:\n${output}`))));
  });
}

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

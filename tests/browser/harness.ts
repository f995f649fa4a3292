import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { preview, type PreviewServer } from "vite";

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

/** Serves a built site as a static host with an SPA fallback would: unknown paths get index.html. */
export async function serveSite(outDir: string, port = 0): Promise<{ url: string; server: PreviewServer }> {
  const server = await preview({
    configFile: false,
    root: ROOT,
    logLevel: "silent",
    build: { outDir },
    preview: { port, strictPort: port !== 0, host: "127.0.0.1" },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("preview server has no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
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

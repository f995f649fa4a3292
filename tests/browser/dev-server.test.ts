import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, launchBrowser, ROOT, timeLeft } from "./harness.ts";

let port: number;
let contentDir: string;
let server: ChildProcess;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;

/** `npm run dev` as an author runs it, over a folder this test edits. */
function startDevServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "--port", String(port), "--strictPort"], {
      cwd: ROOT,
      env: { ...process.env, CONTENT_DIR: contentDir },
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk;
      // With CI set, Vite colours its output, the port in bold among them.
      if (stripVTControlCharacters(output).includes(`localhost:${port}`)) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`dev server exited with ${code}:\n${output}`)));
  });
}

const seed = () => readFile(join(FIXTURE_CONTENT, "000_adea7733bfa5600a.txt"), "utf8");
const story = (text: string, title: string) =>
  text.replace(/^title: .*$/m, `title: "${title}"`).replace(/^sourceUrl: .*$/m, "sourceUrl: https://example.com/live").replace(/^publishedDateTime: .*$/m, "publishedDateTime: 2025-06-01T08:00:00Z");

/** A port nothing listens on, so a server left over from another run cannot get in the way. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  // Inside the project, where Vite would serve a file as it serves any other unless told not to.
  contentDir = await mkdtemp(join(ROOT, "tests", "dev-content-"));
  await cp(FIXTURE_CONTENT, contentDir, { recursive: true });
  server = await startDevServer();
  ({ context, close: closeBrowser } = await launchBrowser());
  page = await context.newPage();
  await page.goto(`http://localhost:${port}/`);
  await page.getByRole("link", { name: "Leaders agree on a climate finance deal" }).waitFor();
});

// The browser outlives each test: its waits may take what is left of the running one, not Playwright's 30 s.
beforeEach(() => context.setDefaultTimeout(timeLeft()));

afterAll(async () => {
  await closeBrowser?.();
  server?.kill();
  await rm(contentDir, { recursive: true, force: true });
});

describe("the dev server", () => {
  it("shows an added, edited and deleted article without a restart", async () => {
    await writeFile(join(contentDir, "live.txt"), story(await seed(), "A story that just arrived"));
    await page.getByRole("link", { name: "A story that just arrived" }).waitFor();

    await writeFile(join(contentDir, "live.txt"), story(await seed(), "The same story, corrected"));
    await page.getByRole("link", { name: "The same story, corrected" }).waitFor();
    expect(await page.getByRole("link", { name: "A story that just arrived" }).count()).toBe(0);

    await unlink(join(contentDir, "live.txt"));
    await page.getByRole("link", { name: "The same story, corrected" }).waitFor({ state: "detached" });
  });

  it("never hands out a content file, in any of the forms Vite answers, while the app reads its data", async () => {
    const file = "000_adea7733bfa5600a.txt";
    const secured = /^secured: "?([^"\n]+)/m.exec(await seed())?.[1] as string;
    const inRoot = `/${relative(ROOT, contentDir).split("\\").join("/")}/${file}`;
    const absolute = `${contentDir.split("\\").join("/")}/${file}`;
    const urls = [
      ...["", "?raw", "?url", "?import", "?raw&import", "?url&import", "?inline"].map((query) => `${inRoot}${query}`),
      ...["", "?raw", "?url", "?import"].map((query) => `/@fs${absolute}${query}`),
      `${absolute}?import`,
      `/@id${absolute}?import`,
    ];
    for (const url of urls) {
      const answer = await context.request.get(`http://localhost:${port}${url}`);
      const body = await answer.text();
      expect(body, url).not.toContain(secured);
      expect(body, url).not.toContain("export default");
      // Refused as Vite refuses any denied file; `/@id/` ids that name no module get the app's page.
      if (url.startsWith("/@id/")) expect(body, url).toContain('<div id="root">');
      else expect(answer.status(), url).toBe(403);
    }

    const index = await context.request.get(`http://localhost:${port}/data/index.json`);
    expect(index.headers()["content-type"]).toContain("application/json");
    await page.reload();
    await page.getByRole("link", { name: "Leaders agree on a climate finance deal" }).waitFor();
  });

  it("names an invalid file in Vite's error overlay, and clears it once fixed", async () => {
    await writeFile(join(contentDir, "broken.txt"), "---\ntitle: [\n---\n");
    const overlay = page.locator("vite-error-overlay");
    await overlay.waitFor();
    expect(await overlay.evaluate((element) => element.shadowRoot?.textContent)).toContain("broken.txt");

    await unlink(join(contentDir, "broken.txt"));
    await overlay.waitFor({ state: "detached" });
    await page.getByRole("link", { name: "Leaders agree on a climate finance deal" }).waitFor();
  });
});

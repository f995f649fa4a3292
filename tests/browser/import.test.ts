import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../scripts/static-server.ts";
import { runImport } from "../../src/pipeline/import/run-import.ts";
import { startFeedServer, type FeedServer } from "../unit/feed-server.ts";
import { launchBrowser, openApp, ROOT, serveSite, viteBuildInChild } from "./harness.ts";

/**
 * Issue 14, end to end: feeds served from this process, imported into an empty content
 * folder with npm run import's own code, built with vite build, read in Chromium.
 */
const fixture = (name: string) => readFileSync(join(ROOT, "tests", "fixtures", "feeds", name), "utf8");

let feeds: FeedServer;
let site: StaticServer;
let workDir: string;
let written = 0;
beforeAll(async () => {
  feeds = await startFeedServer({
    "/wordpress": { headers: { "content-type": "application/rss+xml; charset=utf-8" }, body: fixture("wordpress.xml") },
    "/atom": { headers: { "content-type": "application/atom+xml" }, body: fixture("atom-xml-base.xml") },
  });
  workDir = await mkdtemp(join(tmpdir(), "broadsheet-import-e2e-"));
  const opmlPath = join(workDir, "feeds.opml");
  await writeFile(
    opmlPath,
    `<?xml version="1.0"?><opml version="2.0"><head><title>E2E</title></head><body><outline text="Local">
      <outline type="rss" text="News" xmlUrl="${feeds.url("/wordpress")}"/><outline type="rss" text="Blog" xmlUrl="${feeds.url("/atom")}"/>
    </outline></body></opml>`,
  );
  const result = await runImport({ opmlPath, contentDir: join(workDir, "content"), fetch: { deadlineMs: 10_000 } });
  if (!result.ok) throw new Error(result.error);
  written = result.feeds.reduce((sum, feed) => sum + feed.written, 0);
  await viteBuildInChild(join(workDir, "content"), join(workDir, "site"));
  site = await serveSite(join(workDir, "site"));
});
afterAll(async () => {
  await feeds?.close();
  await site?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe("feeds in", () => {
  it("an import followed by a build shows the feeds' stories on the front page, each linking to its source", async () => {
    expect(written).toBeGreaterThan(2);
    const { context, close } = await launchBrowser();
    try {
      const page = await context.newPage();
      await openApp(page, site.url);
      const feed = page.getByRole("feed");
      // The WordPress title lost its markup and its entities; the Atom one its XHTML.
      await feed.getByRole("link", { name: "Council’s budget: cuts & rises", exact: true }).first().waitFor();
      await feed.getByRole("link", { name: "Hello World", exact: true }).first().waitFor();
      await expect.poll(() => feed.getByRole("article").count()).toBe(written);
      await feed.getByRole("link", { name: "Hello World", exact: true }).first().click();
      await page.getByRole("heading", { level: 1, name: "Hello World" }).waitFor();
      const source = page.getByRole("link", { name: /^Read at/ });
      expect(await source.getAttribute("href")).toBe("https://blog.example.org/posts/2026/hello-world");
      expect(await source.getAttribute("rel")).toBe("noopener noreferrer");
    } finally {
      await close();
    }
  });
});

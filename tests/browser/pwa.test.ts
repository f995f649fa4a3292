import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { articleBucketOf } from "../../src/contract/buckets.ts";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { ListHead, SiteIndex } from "../../src/contract/types.ts";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { viteBuildInChild, FIXTURE_CONTENT, launchBrowser, openApp, serveSite } from "./harness.ts";

const SAVED_EVERYTHING = "Every story is saved on this device for reading offline.";
const SAVED_READ = "Stories you open are saved on this device for reading offline.";

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "broadsheet-pwa-"));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

/**
 * A site of its own for one scenario: its own build, server and browser profile. The server
 * takes a free port: a fixed one is taken whenever another run of the suite shares the machine.
 */
async function scenario(name: string, env: Record<string, string> = {}, articles?: number) {
  const content = join(workDir, `${name}-content`);
  const site = join(workDir, `${name}-site`);
  if (articles) await generateArchive(articles, content);
  else await cp(FIXTURE_CONTENT, content, { recursive: true });
  await viteBuildInChild(content, site, env);
  const server = await serveSite(site);
  const { context, close } = await launchBrowser();
  return {
    content,
    url: server.url,
    context,
    site,
    rebuild: () => viteBuildInChild(content, site, env),
    stopServer: () => server.close(),
    close: async () => {
      await close();
      await server.close();
    },
  };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;
let current: Scenario | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** The first visit: the feed shows, the worker installs, and the build is saved for offline reading. */
async function firstVisit(context: BrowserContext, url: string, saved: string): Promise<Page> {
  const page = await context.newPage();
  await openApp(page, url);
  await page.getByRole("link", { name: "Leaders agree on a climate finance deal" }).waitFor();
  await page.getByText(saved).waitFor();
  return page;
}

async function goOffline(run: Scenario) {
  await run.stopServer();
  await run.context.setOffline(true);
}

describe("installable", () => {
  it("is a PWA in Chromium's own judgement, and its worker controls the page after a reload", async () => {
    current = await scenario("install");
    const page = await firstVisit(current.context, current.url, SAVED_EVERYTHING);
    const cdp = await current.context.newCDPSession(page);

    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? "{}") as Record<string, unknown>;
    expect(parsed).toMatchObject({ name: "Broadsheet", display: "standalone", start_url: "/", id: "/" });

    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);

    await page.reload();
    await page.getByRole("link", { name: "Leaders agree on a climate finance deal" }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe("activated");
  });
});

describe("offline, after one visit online", () => {
  it("opens the feed, an article read before, and one never opened", async () => {
    current = await scenario("offline");
    const page = await firstVisit(current.context, current.url, SAVED_EVERYTHING);
    await page.getByRole("link", { name: "New rules limit exports of AI chips" }).click();
    await page.getByRole("heading", { level: 1, name: "New rules limit exports of AI chips" }).waitFor();

    await goOffline(current);
    await openApp(page, current.url);
    await page.getByRole("status").filter({ hasText: "Offline: showing saved stories" }).waitFor();
    const titles = page.getByRole("feed").getByRole("heading", { level: 2 });
    await titles.first().waitFor();
    expect(await titles.count()).toBe(3);

    await page.getByRole("link", { name: "New rules limit exports of AI chips" }).click();
    await page.getByRole("heading", { level: 1, name: "New rules limit exports of AI chips" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Full coverage" }).waitFor();

    await page.goBack();
    await page.getByRole("link", { name: "Leaders agree on a climate finance deal" }).click();
    await page.getByRole("heading", { level: 1, name: "Leaders agree on a climate finance deal" }).waitFor();
  });

  it("says plainly when a story was not saved, once the archive is over the offline budget", async () => {
    current = await scenario("over-budget", { OFFLINE_ARTICLES_MAX_BYTES: "1" }, 200);
    // Two stories of the first feed page whose buckets differ: reading one saves only its own bucket.
    const { site } = current;
    const readJson = async <T,>(path: string) => JSON.parse(await readFile(join(site, path), "utf8")) as T;
    const index = await readJson<SiteIndex>(dataPaths.index);
    const { items } = await readJson<ListHead>(dataPaths.shard("lists", index.feed));
    const bucketOf = (id: string) => articleBucketOf(id, index.articles.bits);
    const [read] = items;
    // Among the first few, which the feed shows without scrolling.
    const unread = items.slice(1, 6).find((story) => bucketOf(story.id) !== bucketOf(read.id));
    if (!unread) throw new Error("the generated archive should span several buckets");

    const page = await current.context.newPage();
    await openApp(page, current.url);
    await page.getByText(SAVED_READ).waitFor();
    await page.getByRole("link", { name: read.title }).click();
    await page.getByRole("heading", { level: 1, name: read.title }).waitFor();
    await page.goBack();

    await goOffline(current);
    await page.getByRole("link", { name: read.title }).click();
    await page.getByRole("heading", { level: 1, name: read.title }).waitFor();
    await page.goBack();
    await page.getByRole("link", { name: unread.title }).click();
    // The feed showed its title, so the page keeps it as its heading, and says what is missing.
    await page.getByRole("heading", { level: 1, name: unread.title }).waitFor();
    await page.getByText("This story isn’t saved for offline reading. Connect to the internet to read it.").waitFor();
    await page.getByRole("link", { name: "Back to all stories" }).click();
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
  });
});

describe("updates", () => {
  it("offers new stories after a rebuild, and shows them only when the reader refreshes", async () => {
    current = await scenario("update");
    const page = await firstVisit(current.context, current.url, SAVED_EVERYTHING);

    const seed = await readFile(join(current.content, "000_adea7733bfa5600a.txt"), "utf8");
    await writeFile(
      join(current.content, "breaking.txt"),
      seed
        .replace(/^title: .*$/m, 'title: "Breaking: a story from the new build"')
        .replace(/^sourceUrl: .*$/m, "sourceUrl: https://news.example.com/breaking")
        .replace(/^publishedDateTime: .*$/m, "publishedDateTime: 2025-01-01T00:00:00Z")
        // A story of its own: the seed's related coverage would make it the same story as the seed.
        .replace(/^related:\n(?:[ \t].*\n|\n)*/m, ""),
    );
    await current.rebuild();

    // The reader comes back to the tab.
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    const prompt = page.getByRole("status").filter({ hasText: "New stories available" });
    await prompt.waitFor();
    // Nothing changed under the reader: the old build is still what they see.
    expect(await page.getByText("Breaking: a story from the new build").count()).toBe(0);

    await prompt.getByRole("button", { name: "Refresh" }).click();
    await page.getByRole("link", { name: "Breaking: a story from the new build" }).waitFor();
    expect(await page.getByRole("feed").getByRole("heading", { level: 2 }).count()).toBe(4);
  });
});

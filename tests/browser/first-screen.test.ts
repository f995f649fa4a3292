import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../scripts/chromium.ts";
import type { StaticServer } from "../../scripts/static-server.ts";
import { pageStateIn, PAGE_STATE_ID } from "../../src/contract/page-state.ts";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { ListHead, SiteIndex } from "../../src/contract/types.ts";
import { launchBrowser, serveSite, timeLeft, untilWorkerControls, useBuiltArchive } from "./harness.ts";

/**
 * Issue 12, point 7: the first screen from HTML. A generated archive of a few
 * buckets, built in full, then updated with `npm run build:data` as a publisher would.
 */

const ARTICLES = 80;
const NEW_TITLE = "Breaking: a story published after the build";
const RECENT_TITLE = "A story published an hour before the build";
/** The reader's clock, days after the build: a first render on it would say other times than the page. */
const DAYS_LATER = 3 * 86_400_000;

// A story an hour old at the build: the page says so ("1 hour ago", "Today") as of the build's clock.
const archive = useBuiltArchive("first-screen", ARTICLES, () => addArticle("recent.txt", RECENT_TITLE, new Date(Date.now() - 3_600_000)));
const { readJson } = archive;
let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveSite(archive.site);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(() => void vi.setConfig({ expect: { poll: { timeout: timeLeft(), interval: 100 } } }));

/** An article of its own in the generated archive's format (a copy of its first file, without its coverage). */
async function addArticle(file: string, title: string, publishedAt: Date): Promise<void> {
  const first = join(archive.content, (await readdir(archive.content)).sort()[0]);
  const text = await readFile(first, "utf8");
  await writeFile(
    join(archive.content, file),
    text
      .replace(/^title: .*$/m, `title: "${title}"`)
      .replace(/^sourceUrl: .*$/m, `sourceUrl: https://news.example.com/${file.replace(/\.txt$/, "")}`)
      .replace(/^ampUrl: .*\n/m, "")
      .replace(/^cdnAmpUrl: .*\n/m, "")
      .replace(/^publishedDateTime: .*$/m, `publishedDateTime: ${publishedAt.toISOString().replace(/\.\d+Z$/, "Z")}`)
      .replace(/^related:\n(?:[ \t].*\n|\n)*/m, ""),
  );
}

/** The home page's stories as the data has them, newest first. */
const homeStories = async () => (await readJson<ListHead>(dataPaths.shard("lists", (await readJson<SiteIndex>(dataPaths.index)).feed))).items;

/** A page in a fresh browser context (no service worker, nothing cached), with or without JavaScript. */
async function freshPage(javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(timeLeft());
  return context.newPage();
}

/**
 * Whatever the page says of hydration: every console error or warning, and every uncaught
 * error, that mentions it (React's own messages, minified or not, and the app's
 * onRecoverableError in src/main.tsx). And the heading the HTML had before any script ran,
 * kept to compare with the one on screen once the app runs: hydration keeps the element,
 * a fresh render replaces it.
 */
async function watchHydration(page: Page): Promise<() => string[]> {
  const said: string[] = [];
  page.on("console", (message) => {
    if (["error", "warning"].includes(message.type())) said.push(message.text());
  });
  page.on("pageerror", (error) => said.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive") (window as unknown as { drawnHeading?: Element | null }).drawnHeading = document.querySelector("#root h1");
    });
  });
  return () => said.filter((line) => /hydrat|did(n't| not) match|react\.dev\/errors\/4(18|19|2[0-5])/i.test(line));
}

/** Once the app runs (its view's effect has named the tab after the heading), whether the heading is the element the HTML drew. */
async function headingKept(page: Page): Promise<boolean> {
  const heading = (await page.locator("#root h1").textContent()) ?? "";
  await expect.poll(() => page.title()).toBe(`${heading} · Broadsheet`);
  return page.evaluate(() => {
    const drawn = (window as unknown as { drawnHeading?: Element | null }).drawnHeading;
    return drawn !== null && drawn === document.querySelector("#root h1");
  });
}

describe("the first screen from HTML", () => {
  it("shows a reader without JavaScript (or a crawler) the home page's stories, each a real link to its own page", async () => {
    const stories = (await homeStories()).slice(0, 6);
    const page = await freshPage(false);
    await page.goto(server.url);
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    for (const story of stories) {
      const link = page.getByRole("link", { name: story.title, exact: true });
      expect(await link.first().isVisible()).toBe(true);
      expect(await link.first().getAttribute("href")).toBe(`/articles/${story.id}`);
    }
    // The link leads to the story's page, drawn as HTML too.
    await page.getByRole("link", { name: stories[1].title, exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: stories[1].title }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/articles/${stories[1].id}`);
    await page.context().close();
  });

  it("shows a topic's stories without JavaScript at /topics/<slug>", async () => {
    const [topic] = (await readJson<SiteIndex>(dataPaths.index)).topTopics;
    const [story] = (await readJson<ListHead>(dataPaths.shard("lists", topic.list))).items;
    const page = await freshPage(false);
    await page.goto(`${server.url}/topics/${topic.slug}`);
    await page.getByRole("heading", { level: 1, name: topic.name, exact: true }).waitFor();
    await page.getByRole("link", { name: story.title, exact: true }).first().waitFor();
    await page.context().close();
  });

  it("with JavaScript, the app takes over the home page, a topic's and an article's HTML without a word of hydration, days after the build", async () => {
    const index = await readJson<SiteIndex>(dataPaths.index);
    const [story] = await homeStories();
    for (const path of ["/", `/topics/${index.topTopics[0].slug}`, `/articles/${story.id}`]) {
      const page = await freshPage();
      const hydration = await watchHydration(page);
      await page.clock.install({ time: Date.now() + DAYS_LATER });
      const answer = await page.goto(`${server.url}${path}`);
      expect(await answer?.text()).toContain(PAGE_STATE_ID);
      expect(await headingKept(page), path).toBe(true);
      await page.waitForLoadState("networkidle");
      expect(hydration(), path).toEqual([]);
      await page.context().close();
    }
  });
});



/** Every article page of the build, by file. */
async function articlePages(): Promise<Map<string, string>> {
  const files = await readdir(join(archive.site, "articles"));
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(archive.site, "articles", file), "utf8")] as const)));
}

describe("after npm run build:data", () => {
  it("a page the service worker answers (its shell) shows the new stories, and a page the update left as it was hydrates under the new index", { timeout: 150_000 }, async () => {
    // A reader who visited before the update: the worker controls their tabs.
    const reader = await launchBrowser();
    try {
      const page = await reader.context.newPage();
      await page.goto(server.url);
      const [newest] = await homeStories();
      await page.getByRole("feed").getByRole("link", { name: newest.title, exact: true }).first().waitFor();
      await untilWorkerControls(page);

      const before = { index: await readJson<SiteIndex>(dataPaths.index), articles: await articlePages() };
      await addArticle("zzz_breaking.txt", NEW_TITLE, new Date(Date.now() - 60_000));
      expect(await archive.update()).toContain("1 new article file");
      const index = await readJson<SiteIndex>(dataPaths.index);
      expect(index.buildId).not.toBe(before.index.buildId);

      // The worker answers from its precache: the shell, which holds no stories, and the app
      // draws from the index it reads, the host's newest.
      const hydration = await watchHydration(page);
      const answer = await page.reload();
      expect(answer?.fromServiceWorker()).toBe(true);
      const shell = (await answer?.text()) ?? "";
      expect(shell).not.toContain(PAGE_STATE_ID);
      expect(shell).not.toContain(newest.title);
      const stories = page.getByRole("feed").getByRole("article");
      await stories.first().getByRole("link", { name: NEW_TITLE, exact: true }).waitFor();
      expect(hydration()).toEqual([]);

      // An article page the update did not touch: it still holds the index it was drawn with.
      const after = await articlePages();
      const [kept] = [...before.articles].filter(([file, html]) => after.get(file) === html).map(([file]) => file);
      expect(kept, "an article page the update left as it was").toBeDefined();
      expect(pageStateIn(after.get(kept) ?? "")?.buildId).toBe(before.index.buildId);
      const visitor = await freshPage();
      const heard = await watchHydration(visitor);
      await visitor.goto(`${server.url}/articles/${kept.replace(/\.html$/, "")}`);
      expect(await headingKept(visitor)).toBe(true);
      expect(heard()).toEqual([]);
      // The app moved to the host's index as it started: the front page, inside the app, has the new story.
      await visitor.getByRole("link", { name: "Broadsheet", exact: true }).click();
      await visitor.getByRole("feed").getByRole("article").first().getByRole("link", { name: NEW_TITLE, exact: true }).waitFor();
      expect(heard()).toEqual([]);
      await visitor.context().close();
    } finally {
      await reader.close();
    }
  });
});

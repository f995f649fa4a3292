import { mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDEX_PATH } from "../../src/contract/data-layout.ts";
import { viteBuildInChild, FIXTURE_CONTENT, launchBrowser, openApp, serveSite, untilWorkerControls } from "./harness.ts";

const NEWEST = "Leaders agree on a climate finance deal";
const OTHER = "New rules limit exports of AI chips";
const SAVED_READ = "Stories you open are saved on this device for reading offline.";

/**
 * The fixture content built once for this file, over the offline budget: only what a visit
 * reads is saved, so there are stories, topics and outlets that were never saved. Each test
 * serves it and drives a browser of its own, since each stops its server and goes offline.
 */
let siteDir: string;
beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), "broadsheet-resilience-"));
  await viteBuildInChild(FIXTURE_CONTENT, siteDir, { OFFLINE_ARTICLES_MAX_BYTES: "1" });
});
afterAll(() => rm(siteDir, { recursive: true, force: true }));

async function ownSite() {
  const server = await serveSite(siteDir);
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    url: server.url,
    page,
    errors,
    goOffline: async () => {
      await server.close();
      await browser.context.setOffline(true);
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The first visit: the feed shows, and the service worker has saved it and controls the page. */
async function firstVisit(page: Page, url: string) {
  await openApp(page, url);
  await page.getByRole("feed").getByRole("link", { name: NEWEST }).waitFor();
  await page.getByText(SAVED_READ).waitFor();
  await untilWorkerControls(page);
}

const offlineBadge = (page: Page) => page.getByRole("status").filter({ hasText: "Offline: showing saved stories" });

describe("a host's fallback page in place of data/index.json", () => {
  it("never replaces the last good index: online it is ignored, and offline later the app still reads the saved one", async () => {
    const site = await ownSite();
    const index = join(siteDir, INDEX_PATH);
    try {
      await firstVisit(site.page, site.url);

      // The host loses the file and answers with its SPA fallback: index.html, status 200.
      await rename(index, `${index}.away`);
      const answer = await fetch(`${site.url}/${INDEX_PATH}`);
      expect([answer.status, answer.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
      await site.page.reload();
      await site.page.getByRole("feed").getByRole("link", { name: NEWEST }).waitFor();
      expect(await site.page.getByRole("alert").count()).toBe(0);

      await site.goOffline();
      await openApp(site.page, site.url);
      await offlineBadge(site.page).waitFor();
      await site.page.getByRole("feed").getByRole("link", { name: NEWEST }).waitFor();
      expect(await site.page.getByRole("feed").getByRole("heading", { level: 2 }).count()).toBe(3);
      expect(site.errors).toEqual([]);
    } finally {
      await rename(`${index}.away`, index).catch(() => undefined);
      await site.close();
    }
  });
});

/** Where each part of the header stands, in CSS pixels. */
const headerLayout = (page: Page) =>
  Promise.all(
    [
      page.getByRole("banner"),
      page.getByRole("link", { name: "Broadsheet", exact: true }),
      ...["Front page", "Topics", "Saved"].map((name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })),
      page.getByRole("searchbox"),
      page.getByRole("button", { name: "Search", exact: true }),
      page.getByRole("button", { name: /^Theme/ }),
    ].map((part) => part.boundingBox()),
  );

describe("offline, pages whose data was never saved", () => {
  it("say so in words under their own headings, throw nothing, and the header does not move as the badge appears", async () => {
    const site = await ownSite();
    const { page } = site;
    try {
      await firstVisit(page, site.url);
      for (const width of [1024, 390]) {
        await page.setViewportSize({ width, height: 800 });
        const online = await headerLayout(page);
        await page.context().setOffline(true);
        await offlineBadge(page).waitFor();
        expect(await headerLayout(page), `at ${width} px`).toEqual(online);
        await page.context().setOffline(false);
        await page.getByText("Offline: showing saved stories").waitFor({ state: "detached" });
      }

      await site.goOffline();
      const views: [string, string, string][] = [
        ["/topics/climate", "Climate", "This topic isn’t saved for offline reading. Connect to the internet to see its stories."],
        ["/providers/livemint.com", "livemint.com", "This outlet isn’t saved for offline reading. Connect to the internet to see its stories."],
        ["/search?q=chips", "Search results for “chips”", "This search isn’t saved for offline reading. Connect to the internet to search."],
        ["/?sort=top", "Top stories", "These stories aren’t saved for offline reading. Connect to the internet to see them."],
        ["/articles/no-such-story-0000abcd", "Not saved for offline reading", "This story isn’t saved for offline reading. Connect to the internet to read it."],
      ];
      for (const [path, heading, message] of views) {
        await openApp(page, `${site.url}${path}`);
        await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
        await page.getByText(message).waitFor();
        await offlineBadge(page).waitFor();
      }

      // A story never opened, reached from the saved feed: its title stays the heading.
      await openApp(page, site.url);
      await page.getByRole("feed").getByRole("link", { name: OTHER }).click();
      await page.getByRole("heading", { level: 1, name: OTHER }).waitFor();
      await page.getByText("This story isn’t saved for offline reading. Connect to the internet to read it.").waitFor();
      await page.getByRole("link", { name: "Back to all stories" }).click();
      await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();

      expect(site.errors).toEqual([]);
    } finally {
      await site.close();
    }
  });
});

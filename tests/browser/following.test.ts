import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { launchBrowser, openApp, serveSite, useFixtureSite } from "./harness.ts";

const STORED = "broadsheet-following";

const site = useFixtureSite();


const storyTitles = (page: Page) => page.getByRole("feed", { name: "Stories you follow" }).getByRole("heading", { level: 2 }).allTextContents();

/** The fixture's stories about AI or from livemint.com, newest first: the Facebook story is both, and shows once. */
const FOLLOWED_STORIES = ["New rules limit exports of AI chips", "Facebook says group used AI-generated faces to push pro-Trump messages"];

/** Opens `path` and waits for its heading. */
async function open(context: BrowserContext, url: string, path: string, heading: string): Promise<Page> {
  const page = await context.newPage();
  await openApp(page, `${url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  return page;
}

describe("following in a browser", () => {
  it("a topic and an outlet are followed from their pages; the view merges them; axe finds nothing in either theme", async () => {
    const topicPage = await open(site.context, site.url, "/topics/ai", "AI");
    const followAi = topicPage.getByRole("button", { name: "Follow AI" });
    await followAi.click();
    await expect.poll(() => followAi.getAttribute("aria-pressed")).toBe("true");
    // The visible word (then the name, for screen readers only).
    await expect.poll(() => followAi.innerText()).toMatch(/^Following\n/);
    expect(await seriousViolations(topicPage)).toEqual([]);
    await topicPage.close();

    const outletPage = await open(site.context, site.url, "/providers/livemint.com", "Mint");
    await outletPage.getByRole("button", { name: "Follow Mint" }).click();
    await expect.poll(() => outletPage.getByRole("button", { name: "Follow Mint" }).getAttribute("aria-pressed")).toBe("true");
    await outletPage.close();

    for (const colorScheme of ["light", "dark"] as const) {
      const page = await site.context.newPage();
      await page.emulateMedia({ colorScheme });
      await openApp(page, `${site.url}/following`);
      await page.getByRole("heading", { level: 1, name: "Following" }).waitFor();
      await expect.poll(() => storyTitles(page)).toEqual(FOLLOWED_STORIES);
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it("offline, the view shows the followed lists' newest stories, saved on an earlier visit that never opened them", async () => {
    // A server and a browser of its own: this one goes offline.
    const server = await serveSite(inject("siteDir"));
    const { context, close } = await launchBrowser();
    try {
      await context.addInitScript(
        ([key, value]) => localStorage.setItem(key, value),
        [STORED, JSON.stringify([{ source: { topic: "ai" }, name: "AI" }, { source: { provider: "livemint.com" }, name: "Mint" }])] as const,
      );
      const page = await context.newPage();
      await openApp(page, server.url);
      await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
      // The offline save is done: it kept the followed lists' heads, which the front page never read.
      await page.getByText("Every story is saved on this device for reading offline.").waitFor();

      await server.close();
      await context.setOffline(true);
      await openApp(page, `${server.url}/following`);
      await page.getByRole("heading", { level: 1, name: "Following" }).waitFor();
      await expect.poll(() => storyTitles(page)).toEqual(FOLLOWED_STORIES);
      expect(await page.getByText(/saved for offline reading/).count()).toBe(0);
    } finally {
      await close();
      await server.close().catch(() => undefined);
    }
  });
});

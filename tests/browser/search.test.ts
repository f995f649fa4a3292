import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { CACHE_NAMES } from "../../src/contract/offline.ts";
import { launchBrowser, openApp, serveSite, untilWorkerControls, useFixtureSite } from "./harness.ts";

const site = useFixtureSite();

/** Types `query` into the header's search box and presses Enter. */
async function searchFor(page: Page, query: string) {
  await page.getByRole("search").getByRole("searchbox", { name: "Search stories" }).fill(query);
  await page.keyboard.press("Enter");
}

const results = (page: Page) => page.getByRole("feed", { name: "Search results" });

describe("search in a browser", () => {
  it("finds stories from the header's box, marks the words, keeps the query in the URL and across a reload", async () => {
    const page = await site.context.newPage();
    await openApp(page, `${site.url}/`);
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    await searchFor(page, "AI chip");

    await page.getByRole("heading", { level: 1, name: "Search results for “AI chip”" }).waitFor();
    expect(page.url()).toBe(`${site.url}/search?q=AI+chip`);
    await page.getByText("1 story matches “AI chip”.").waitFor();
    const story = results(page).getByRole("article", { name: "New rules limit exports of AI chips" });
    await story.waitFor();
    expect(await story.locator("mark").allTextContents()).toEqual(["AI", "chips"]);
    await expect.poll(() => page.title()).toBe("Search: AI chip · Broadsheet");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Search results for “AI chip”" }).waitFor();
    await story.waitFor();
    expect(await page.getByRole("searchbox", { name: "Search stories" }).inputValue()).toBe("AI chip");

    await story.getByRole("link", { name: "New rules limit exports of AI chips" }).click();
    await page.getByRole("heading", { level: 1, name: "New rules limit exports of AI chips" }).waitFor();
    expect(page.url()).toMatch(/\/articles\/new-rules-limit-exports-of-ai-chips-[0-9a-f]{8}$/);
    await page.close();
  });

  it("focuses the search box with / and finds a story by its outlet or topic; never a draft", async () => {
    const page = await site.context.newPage();
    await openApp(page, `${site.url}/`);
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    await page.keyboard.press("/");
    await page.keyboard.type("mint trade");
    await page.keyboard.press("Enter");
    await results(page).getByRole("article", { name: "New rules limit exports of AI chips" }).waitFor();
    expect(await results(page).getByRole("article").count()).toBe(1);

    // The draft's title is "An unfinished draft about nothing"; its topic is Climate.
    await searchFor(page, "unfinished");
    await page.getByText("No stories match “unfinished”.").waitFor();
    await page.close();
  });

  it("answers the same search offline, once it was made online", async () => {
    // A server of its own, to stop; a browser of its own, for a fresh service worker.
    const own = await serveSite(inject("siteDir"));
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await openApp(page, `${own.url}/`);
      await page.getByText("Every story is saved on this device for reading offline.").waitFor();
      await untilWorkerControls(page);
      await searchFor(page, "climate");
      await results(page).getByRole("article", { name: "Leaders agree on a climate finance deal" }).waitFor();
      // The service worker kept what the search read: the manifest, the word file, the chunk and summary block of the result.
      const kept = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname), CACHE_NAMES.data);
      expect(kept.filter((path) => /\/data\/search\/[0-9a-f]{16}\.json$/.test(path)).length).toBeGreaterThanOrEqual(4);

      await own.close();
      await browser.context.setOffline(true);
      await openApp(page, `${own.url}/search?q=climate`);
      await page.getByText("1 story matches “climate”.").waitFor();
      const story = results(page).getByRole("article", { name: "Leaders agree on a climate finance deal" });
      await story.waitFor();
      expect(await story.locator("mark").allTextContents()).toEqual(["climate"]);
    } finally {
      await browser.close();
      await own.close();
    }
  });
});

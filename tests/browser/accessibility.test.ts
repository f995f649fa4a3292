import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { openApp, useFixtureSite } from "./harness.ts";


const site = useFixtureSite();

async function open(path: string, heading: string | RegExp): Promise<Page> {
  const page = await site.context.newPage();
  await openApp(page, `${site.url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  return page;
}



const titles = (page: Page) => page.getByRole("feed").getByRole("heading", { level: 2 }).allTextContents();

describe("sort orders in a browser", () => {
  it("Hot and Top reorder the feed, live in the URL and survive a reload", async () => {
    const page = await open("/", "Latest stories");
    await page.getByRole("feed").getByRole("heading", { level: 2 }).first().waitFor();
    const latest = ["Leaders agree on a climate finance deal", "New rules limit exports of AI chips", "Facebook says group used AI-generated faces to push pro-Trump messages"];
    await expect.poll(() => titles(page)).toEqual(latest);

    const sort = page.getByRole("navigation", { name: "Sort stories" });
    await sort.getByRole("link", { name: "Hot" }).hover();
    await page.getByRole("tooltip", { name: /heat halves/i }).waitFor();
    await sort.getByRole("link", { name: "Hot" }).click();
    await page.getByRole("heading", { level: 1, name: "Hot stories" }).waitFor();
    expect(new URL(page.url()).search).toBe("?sort=hot");
    await expect.poll(() => titles(page)).toEqual([latest[1], latest[0], latest[2]]);

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Hot stories" }).waitFor();
    await expect.poll(() => titles(page)).toEqual([latest[1], latest[0], latest[2]]);

    await sort.getByRole("link", { name: "Top" }).click();
    await page.getByRole("heading", { level: 1, name: "Top stories" }).waitFor();
    await expect.poll(() => titles(page)).toEqual([latest[0], latest[2], latest[1]]);
    await page.close();
  });
});

describe("accessibility, checked by axe-core", () => {
  it.each([
    ["the feed", "/", "Latest stories"],
    ["a topic", "/topics/ai", "AI"],
    ["an outlet", "/providers/livemint.com", "Mint"],
    ["several topics", "/?topics=ai,climate&match=all", "Stories about AI and Climate"],
    ["Saved", "/saved", "Saved stories"],
    ["search results", "/search?q=ai", "Search results for “ai”"],
    ["a page that is not there", "/nowhere", "Page not found"],
  ])("%s has no serious or critical violations", async (_view, path, heading) => {
    const page = await open(path, heading);
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("an article has no serious or critical violations", async () => {
    const feed = await open("/", "Latest stories");
    const href = (await feed.getByRole("link", { name: "New rules limit exports of AI chips" }).getAttribute("href")) as string;
    await feed.close();
    const page = await open(href, "New rules limit exports of AI chips");
    await page.getByRole("heading", { level: 2, name: "Full coverage" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("the feed in dark mode has no serious or critical violations (contrast included)", async () => {
    const page = await site.context.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await openApp(page, `${site.url}/`);
    await page.getByRole("feed").getByRole("heading", { level: 2 }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

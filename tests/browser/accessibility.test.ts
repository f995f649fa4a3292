import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { openApp, openView, useFixtureSite } from "./harness.ts";

const site = useFixtureSite();

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
    const page = await openView(site, path, heading);
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("an article has no serious or critical violations", async () => {
    const feed = await openView(site, "/", "Latest stories");
    const href = (await feed.getByRole("link", { name: "New rules limit exports of AI chips" }).getAttribute("href")) as string;
    await feed.close();
    const page = await openView(site, href, "New rules limit exports of AI chips");
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

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openView, useFixtureSite } from "./harness.ts";

const site = useFixtureSite();

/** The feed's story titles, top to bottom. */
const titles = (page: Page) => page.getByRole("feed").getByRole("heading", { level: 2 }).allTextContents();

describe("sort orders in a browser", () => {
  it("Hot and Top reorder the feed, live in the URL and survive a reload", async () => {
    const page = await openView(site, "/", "Latest stories");
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

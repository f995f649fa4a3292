import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openApp, useFixtureSite } from "./harness.ts";

const site = useFixtureSite();

async function open(path: string): Promise<Page> {
  const page = await site.context.newPage();
  await openApp(page, `${site.url}${path}`);
  return page;
}

describe("reading in a browser", () => {
  it("goes from the feed to a topic to an article and back", async () => {
    const page = await open("/");
    // The first screen renders in a transition: it may come just after the load event.
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    const titles = page.getByRole("feed").getByRole("heading", { level: 2 });
    await titles.first().waitFor();
    await expect.poll(() => titles.allTextContents()).toEqual([
      "Leaders agree on a climate finance deal",
      "New rules limit exports of AI chips",
      "Facebook says group used AI-generated faces to push pro-Trump messages",
    ]);

    await page.getByRole("navigation", { name: "Topics" }).getByRole("link", { name: /^AI/ }).click();
    await page.waitForURL(`${site.url}/topics/ai`);
    await page.getByRole("heading", { level: 1, name: "AI" }).waitFor();
    await page.getByRole("feed").getByRole("heading", { level: 2 }).first().waitFor();
    await expect.poll(() => titles.allTextContents()).toEqual([
      "New rules limit exports of AI chips",
      "Facebook says group used AI-generated faces to push pro-Trump messages",
    ]);
    await expect.poll(() => page.title()).toBe("AI · Broadsheet");

    await page.getByRole("link", { name: "New rules limit exports of AI chips" }).click();
    await page.getByRole("heading", { level: 1, name: "New rules limit exports of AI chips" }).waitFor();
    expect(page.url()).toMatch(/\/articles\/new-rules-limit-exports-of-ai-chips-[0-9a-f]{8}$/);
    const source = page.getByRole("link", { name: /Read at Mint/ });
    expect(await source.getAttribute("href")).toBe("https://tech.example.com/ai-chips");
    expect(await source.getAttribute("rel")).toBe("noopener noreferrer");
    await page.getByRole("heading", { level: 2, name: "Full coverage" }).waitFor();

    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "AI" }).waitFor();
    expect(page.url()).toBe(`${site.url}/topics/ai`);
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    await page.close();
  });

  it("opens a deep link to an article in a fresh page", async () => {
    const feed = await open("/");
    const href = await feed.getByRole("link", { name: "Leaders agree on a climate finance deal" }).getAttribute("href");
    await feed.close();

    const page = await open(href as string);
    await page.getByRole("heading", { level: 1, name: "Leaders agree on a climate finance deal" }).waitFor();
    await expect.poll(() => page.title()).toBe("Leaders agree on a climate finance deal · Broadsheet");
    await page.close();
  });

  it("keeps a topic filter across a reload", async () => {
    const page = await open("/topics/climate");
    await page.getByRole("heading", { level: 1, name: "Climate" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Climate" }).waitFor();
    const current = page.getByRole("navigation", { name: "Topics" }).locator('[aria-current="page"]');
    expect(await current.textContent()).toMatch(/^Climate/);
    await page.close();
  });

  it("says so when a story or page does not exist, even behind an SPA fallback", async () => {
    const article = await open("/articles/no-such-story-0000abcd");
    await article.getByRole("heading", { level: 1, name: "Story not found" }).waitFor();
    await article.getByRole("link", { name: "Back to all stories" }).click();
    await article.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    await article.close();

    const topic = await open("/topics/no-such-topic");
    await topic.getByRole("heading", { level: 1, name: "Topic not found" }).waitFor();
    await topic.close();

    const route = await open("/no/such/page");
    await route.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await route.close();
  });

  it("never shows a draft", async () => {
    const page = await open("/topics/climate");
    await page.getByRole("feed").getByRole("heading", { level: 2 }).first().waitFor();
    expect(await page.getByText("An unfinished draft about nothing").count()).toBe(0);
    await page.close();
  });
});

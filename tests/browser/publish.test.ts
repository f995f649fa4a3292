import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openApp, untilWorkerControls, useFixtureSite } from "./harness.ts";

const site = useFixtureSite();

/** The feeds a page's head offers, as [type, href]. */
const alternates = (page: Page) =>
  page.evaluate(() =>
    [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => [link.getAttribute("type"), link.getAttribute("href")]),
  );

/** The fixture build's newest article, as its published JSON Feed lists it. */
async function newestArticle(): Promise<{ url: string; title: string; content_text: string }> {
  const response = await site.context.request.get(`${site.url}/feeds/latest.json`);
  expect(response.headers()["content-type"]).toContain("json");
  return (await response.json()).items[0];
}

describe("publishing in a browser", () => {
  it("the page's head offers the site's feeds, and a topic's own while it is shown", async () => {
    const page = await site.context.newPage();
    await openApp(page, `${site.url}/`);
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    expect(await alternates(page)).toEqual([
      ["application/rss+xml", "/feeds/latest.xml"],
      ["application/feed+json", "/feeds/latest.json"],
    ]);

    await page.getByRole("navigation", { name: "Topics" }).getByRole("link", { name: /^Climate/ }).click();
    await page.getByRole("heading", { level: 1, name: "Climate" }).waitFor();
    await expect.poll(() => alternates(page)).toEqual([
      ["application/rss+xml", "/feeds/latest.xml"],
      ["application/feed+json", "/feeds/latest.json"],
      ["application/rss+xml", "/feeds/topics/climate.xml"],
      ["application/feed+json", "/feeds/topics/climate.json"],
    ]);
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    await expect.poll(() => alternates(page)).toHaveLength(2);
    await page.close();
  });

  it("Subscribe opens the RSS file itself, even with the service worker in control", async () => {
    const page = await site.context.newPage();
    await openApp(page, `${site.url}/`);
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    // The worker's navigation fallback answers every other address with the app.
    await untilWorkerControls(page);

    // The feeds are in the toolbar's Subscribe menu.
    await page.getByText("Subscribe", { exact: true }).click();
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.url() === `${site.url}/feeds/latest.xml`),
      page.getByRole("link", { name: "Subscribe (RSS)" }).click(),
    ]);
    expect(response.headers()["content-type"]).toContain("xml");
    expect(response.fromServiceWorker()).toBe(false);
    expect(await response.text()).toContain('<rss version="2.0"');
    await page.waitForURL(`${site.url}/feeds/latest.xml`);
    expect(await page.getByRole("heading", { level: 1, name: "Latest stories" }).count()).toBe(0);
    await page.close();
  });

  it("robots.txt and the sitemap are files, with the build's addresses", async () => {
    const robots = await site.context.request.get(`${site.url}/robots.txt`);
    expect(robots.headers()["content-type"]).toContain("text/plain");
    expect(await robots.text()).toContain("Sitemap: http://localhost:4173/sitemap.xml");
    // sitemap.xml is the index of the parts; the first part holds the home page, the topics and the outlets.
    const index = await (await site.context.request.get(`${site.url}/sitemap.xml`)).text();
    const first = /<loc>http:\/\/localhost:4173\/(sitemap-[0-9a-f]+\.xml)<\/loc>/.exec(index)?.[1];
    expect(first).toBeDefined();
    const part = await site.context.request.get(`${site.url}/${first}`);
    expect(part.headers()["content-type"]).toContain("xml");
    expect(await part.text()).toContain("<loc>http://localhost:4173/topics/climate</loc>");
  });

  it("an article's address answers its own title and link preview without JavaScript, and still starts the app", async () => {
    const article = await newestArticle();
    const path = new URL(article.url).pathname;
    const raw = await (await site.context.request.get(`${site.url}${path}`)).text();
    const escaped = (text: string) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
    expect(raw).toContain(`<title>${escaped(article.title)} · Broadsheet</title>`);
    expect(raw).toContain(`<meta property="og:title" content="${escaped(article.title)}" />`);
    expect(raw).toContain(`<meta property="og:description" content="${escaped(article.content_text)}" />`);
    expect(raw).toContain(`<meta property="og:url" content="${article.url}" />`);
    expect(raw).toContain('<meta property="og:type" content="article" />');
    expect(raw).toContain(`<link rel="canonical" href="${article.url}" />`);

    // The same scripts as index.html: the app starts and shows the story.
    const shell = await (await site.context.request.get(`${site.url}/`)).text();
    const scripts = (html: string) => html.match(/<script type="module"[^>]*>/g);
    expect(scripts(raw)).toEqual(scripts(shell));
    const page = await site.context.newPage();
    await openApp(page, `${site.url}${path}`);
    await page.getByRole("heading", { level: 1, name: article.title }).waitFor();
    await expect.poll(() => page.title()).toBe(`${article.title} · Broadsheet`);
    await page.close();
  });
});

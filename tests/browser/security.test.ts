import type { Page, Worker } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { CACHE_NAMES } from "../../src/contract/offline.ts";
import { openApp, untilWorkerControls, useFixtureSite } from "./harness.ts";

/** Served by scripts/static-server.ts with the headers the build wrote to _headers, and with the <meta> policy in every page. */
const site = useFixtureSite();

/** A 1×1 PNG: every story picture, from whatever host it names, so that pictures load and the policy is put to them. */
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** Every violation any page of the browser reported, as events and console messages, with the page's address. */
const violations: string[] = [];
/** Pictures fetched by the service worker rather than the page. */
let picturesFetchedByWorker = 0;

beforeAll(async () => {
  const { context } = site;
  await context.exposeBinding("reportViolation", ({ page }, text: string) => void violations.push(`${page.url()}: ${text}`));
  // From before the first script of every document: the theme script in index.html runs while the page is parsed.
  await context.addInitScript(() => {
    window.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  context.on("console", (message) => {
    if (/content.security.policy/i.test(message.text())) violations.push(`${message.page()?.url()}: console: ${message.text()}`);
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    if (route.request().serviceWorker()) picturesFetchedByWorker += 1;
    return route.fulfill({ status: 200, contentType: "image/png", body: PIXEL });
  });
});

/** A fresh page at `path`, its heading shown and nothing more loading, then closed. */
async function visit(path: string, heading: string | RegExp, then?: (page: Page) => Promise<void>): Promise<void> {
  const page = await site.context.newPage();
  await openApp(page, `${site.url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await then?.(page);
  await page.waitForLoadState("networkidle");
  await page.close();
}

/** An article's address, from the feed's link to it; every fixture article has a prerendered page there. */
async function articlePath(title: string): Promise<string> {
  const feed = (await site.context.request.get(`${site.url}/feeds/latest.json`).then((answer) => answer.json())) as { items: { url: string; title: string }[] };
  const item = feed.items.find((candidate) => candidate.title === title);
  if (!item) throw new Error(`no article "${title}" in the fixture's feed`);
  return new URL(item.url).pathname;
}

const CLIMATE = "Leaders agree on a climate finance deal";

/** Every view, each loaded as its own document. */
async function visitEveryView(): Promise<void> {
  await visit("/", "Latest stories", async (feed) => {
    // The article view inside index.html's document, as a reader clicks through to it.
    await feed.getByRole("link", { name: CLIMATE }).click();
    await feed.getByRole("heading", { level: 1, name: CLIMATE }).waitFor();
    const save = feed.getByRole("button", { name: `Save ${CLIMATE}` });
    if ((await save.getAttribute("aria-pressed")) !== "true") await save.click();
  });
  await visit("/topics/climate", "Climate");
  await visit("/providers/livemint.com", "Mint");
  // A prerendered article page: articles/<id>.html, served at /articles/<id>.
  await visit(await articlePath(CLIMATE), CLIMATE, (page) => page.getByRole("heading", { level: 2, name: "Full coverage" }).waitFor());
  await visit("/search?q=climate", "Search results for “climate”", (page) => page.getByRole("feed", { name: "Search results" }).getByRole("link", { name: CLIMATE }).waitFor());
  await visit("/saved", "Saved stories", (page) => page.getByRole("feed", { name: "Saved stories" }).getByRole("link", { name: CLIMATE }).waitFor());
  await visit("/topics", "All topics");
  await visit("/no-such-page", "Page not found");
}

describe("the Content-Security-Policy", () => {
  it("comes as a header with every page, and a <meta> repeats it without frame-ancestors", async () => {
    const answer = await site.context.request.get(`${site.url}/topics/climate`);
    const header = answer.headers()["content-security-policy"];
    expect(header).toContain("frame-ancestors 'none'");
    expect(answer.headers()["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(await answer.text())?.[1];
    expect(meta).toBe(header.replace("; frame-ancestors 'none'", ""));
  });

  it("every view, and the theme script before the first paint, run without a violation", async () => {
    // The theme script's effect as the page is parsed, before the app's module runs.
    const page = await site.context.newPage();
    await page.addInitScript(() => {
      localStorage.setItem("broadsheet-theme", "dark");
      document.addEventListener("readystatechange", () => {
        if (document.readyState === "interactive") (window as unknown as { themeBeforeApp?: string }).themeBeforeApp = document.documentElement.dataset.theme;
      });
    });
    await openApp(page, `${site.url}/`);
    await page.getByRole("heading", { level: 1, name: "Latest stories" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { themeBeforeApp?: string }).themeBeforeApp)).toBe("dark");
    await page.evaluate(() => localStorage.removeItem("broadsheet-theme"));
    await page.close();

    await visitEveryView();
    expect(violations).toEqual([]);
  });

  it("the service worker, with a policy of its own, serves every view and fetches pictures without a violation", async () => {
    // It fetches the pictures it caches, which its policy checks against connect-src: that directive is wider there.
    const script = await site.context.request.get(`${site.url}/sw.js`);
    expect(script.headers()["content-security-policy"]).toContain("connect-src 'self' https: http:;");

    const page = await site.context.newPage();
    await openApp(page, `${site.url}/`);
    await untilWorkerControls(page);
    const worker = site.context.serviceWorkers().find((candidate) => candidate.url().endsWith("/sw.js")) as Worker;
    // A violation inside the worker is reported to the worker alone.
    await worker.evaluate(() => {
      const scope = globalThis as unknown as { violations: string[] } & EventTarget;
      scope.violations = [];
      scope.addEventListener("securitypolicyviolation", (event) => {
        const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
        scope.violations.push(`${effectiveDirective} refused ${blockedURI}`);
      });
    });
    // No picture cached yet: the worker has to fetch each one.
    await page.evaluate((images) => caches.delete(images), CACHE_NAMES.images);
    await page.close();

    await visitEveryView();
    // Still the same worker (a restarted one would have lost the listener), and nothing refused in it.
    expect(await worker.evaluate(() => (globalThis as unknown as { violations?: string[] }).violations)).toEqual([]);
    expect(violations).toEqual([]);
    expect(picturesFetchedByWorker).toBeGreaterThan(0);
  });
});

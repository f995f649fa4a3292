/**
 * What a reader of one build gets in headless Chromium: bytes of a first visit, time to the
 * feed, to a topic filter's answer, to a first search's results and to a deep-linked
 * article, and the DOM after a long scroll. Times are read in the page (performance.now(), from navigation start or from the
 * click), so the round trips of driving the browser do not count; each is the median of
 * RUNS visits in fresh profiles, as one visit alone varies by ±100 ms on a 2-core machine.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { ListHead, ListPage, PageTable, SiteIndex } from "../../src/contract/types.ts";
import { readSiteIndex } from "./measure-build.ts";
import { launchBrowser } from "../chromium.ts";
import { serveStatic } from "../static-server.ts";
import { countWire, type WireCounter } from "./wire-counter.ts";

/** Milliseconds over several runs. */
export interface Timing {
  median: number;
  min: number;
  max: number;
}

export interface BrowserFigures {
  chromium: string;
  firstVisit: {
    /** Encoded (gzip, headers included) bytes of every response the page itself received. */
    pageBytes: number;
    jsBytes: number;
    requests: number;
    /** Everything the server sent, the service worker's install and offline save included. */
    wireBytes: number;
  };
  feedVisible: Timing;
  topic: { name: string; ms: Timing };
  /** Typed into the header's box after the first visit: everything the server sent for it, and the wait after Enter. */
  firstSearch: { query: string; matches: string; bytes: number; requests: number; ms: Timing; afterIndexMs: Timing };
  deepLink: { id: string; ms: Timing };
  dom: { atStart: number; after: number; shown: number; scrolledMs: number; manualLoads: number };
}

export const RUNS = 3;
const STORIES_TO_SCROLL = 1000;
const TIMEOUT = 90_000;

interface Marks {
  feedShown?: number;
  /** First time each h1 text was seen in the page. */
  headings: Record<string, number>;
  clickedAt?: number;
  answeredAt?: number;
  searchedAt?: number;
  resultsAt?: number;
  /** When each search file the page fetched had arrived. */
  searchFilesIn?: number[];
  /** Files the page fetched since the search began. */
  fetched?: number;
}
type BenchWindow = Window & { __bench?: Marks };

/**
 * tsx compiles with esbuild's keepNames, which wraps functions in `__name(…)`; functions sent
 * to the page need that helper there too.
 */
const NAME_HELPER = "globalThis.__name = (target) => target;";

/** Runs in every document before its own scripts: notes when the feed and each h1 first appear. */
function watchPage() {
  const marks: Marks = { headings: {} };
  (window as BenchWindow).__bench = marks;
  const visible = (element: Element) => element.checkVisibility();
  const check = () => {
    const now = performance.now();
    if (marks.feedShown === undefined) {
      const link = document.querySelector('[role="feed"] a[href]');
      if (link && visible(link)) marks.feedShown = now;
    }
    const heading = document.querySelector("h1");
    const text = heading?.textContent?.trim();
    if (heading && text && marks.headings[text] === undefined && visible(heading)) marks.headings[text] = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Runs `use` in Chromium with a fresh persistent profile (the service worker behaves as for a reader), then closes it. */
async function withBrowser<T>(use: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> {
  const { context, close } = await launchBrowser();
  try {
    await context.addInitScript({ content: NAME_HELPER });
    await context.addInitScript(watchPage);
    return await use(context, context.pages()[0] ?? (await context.newPage()));
  } finally {
    await close();
  }
}

/** The page's own requests, from CDP: type, encoded size, and how many are still open. */
function trackNetwork(cdp: CDPSession) {
  const requests = new Map<string, { type: string; encoded?: number; open: boolean }>();
  cdp.on("Network.requestWillBeSent", (event) => {
    requests.set(event.requestId, { type: event.type ?? "Other", open: true });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { encoded: event.encodedDataLength, open: false });
  });
  cdp.on("Network.loadingFailed", (event) => {
    const request = requests.get(event.requestId);
    if (request) request.open = false;
  });
  const finished = () => [...requests.values()].filter((request) => request.encoded !== undefined);
  const sum = (list: { encoded?: number }[]) => list.reduce((total, request) => total + (request.encoded ?? 0), 0);
  return {
    open: () => [...requests.values()].filter((request) => request.open).length,
    bytes: () => sum(finished()),
    jsBytes: () => sum(finished().filter((request) => request.type === "Script")),
    requests: () => finished().filter((request) => (request.encoded ?? 0) > 0).length,
  };
}

/** Until no request of the page is open and the server has sent nothing for a second. */
async function networkIdle(open: () => number, wire: WireCounter, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  let last = wire.bytes();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
    if (open() > 0 || wire.bytes() !== last) {
      last = wire.bytes();
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= 1000) {
      return;
    }
  }
  log(`  note: the network never went idle within ${TIMEOUT / 1000} s`);
}

/**
 * A just-launched Chromium spends some 400 ms starting its first renderer: open a plain
 * file of the site first (not the app: nothing cached, no service worker), so the figures
 * are the app's and not the browser's start-up.
 */
async function warmUp(page: Page, url: string): Promise<void> {
  // Chromium then asks for /favicon.ico; that request must end before the visit is counted.
  const favicon = page
    .waitForEvent("requestfinished", { predicate: (request) => request.url().endsWith("/favicon.ico"), timeout: 5000 })
    .catch(() => undefined);
  await page.goto(`${url}/robots.txt`);
  await favicon;
}

function timing(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

const marks = (page: Page) => page.evaluate(() => (window as BenchWindow).__bench ?? { headings: {} });

async function firstVisit(page: Page, context: BrowserContext, wire: WireCounter, log: (line: string) => void) {
  const cdp = await context.newCDPSession(page);
  const network = trackNetwork(cdp);
  const { product } = await cdp.send("Browser.getVersion");
  await warmUp(page, wire.url);
  await cdp.send("Network.enable");
  wire.reset();
  await page.goto(`${wire.url}/`);
  await page.getByRole("feed").getByRole("link").first().waitFor({ timeout: TIMEOUT });
  const { feedShown } = await marks(page);
  // Wait for the service worker to take over and the offline save to end (the footer says so), then for quiet.
  const saved = await page
    .getByText(/saved on this device for reading offline/)
    .waitFor({ timeout: 30_000 })
    .then(() => true, () => false);
  if (!saved) log(`  note: the footer never said what is saved for offline reading`);
  await networkIdle(network.open, wire, log);
  await cdp.detach();
  return {
    pageBytes: network.bytes(),
    jsBytes: network.jsBytes(),
    requests: network.requests(),
    wireBytes: wire.bytes(),
    feedVisibleMs: feedShown ?? NaN,
    chromium: product.replace(/^\D*\//, ""),
  };
}

/** A data file of the built site, by kind and name (data layout v4: every file but the index is named by its content). */
async function readShard<T>(siteDir: string, kind: Parameters<typeof dataPaths.shard>[0], name: string): Promise<T> {
  return JSON.parse(await readFile(join(siteDir, dataPaths.shard(kind, name)), "utf8")) as T;
}

/** Clicks the first topic chip after "All stories"; until the h1 names the topic and its newest story is in the feed. */
async function topicFilter(page: Page, siteDir: string, index: SiteIndex) {
  const chip = page.getByRole("navigation", { name: "Topics" }).getByRole("link").nth(1);
  const href = await chip.getAttribute("href");
  const slug = decodeURIComponent(href?.split("/").pop() ?? "");
  // The chips are the index's top topics; their lists' heads hold each topic's newest stories.
  const entry = index.topTopics.find((topic) => topic.slug === slug) ?? index.topTopics[0];
  if (entry === undefined) throw new Error(`the index lists no topics (the first chip links to ${href})`);
  const first = await readShard<ListHead>(siteDir, "lists", entry.list);
  const name = first.topic?.name ?? entry.name;
  const title = first.items[0]?.title;
  if (title === undefined) throw new Error(`topic ${slug} has no stories`);

  await page.evaluate(
    ({ name, title }) => {
      const marks = (window as BenchWindow).__bench ?? { headings: {} };
      (window as BenchWindow).__bench = marks;
      document.addEventListener("click", () => (marks.clickedAt = performance.now()), { capture: true, once: true });
      const check = () => {
        if (marks.clickedAt === undefined || marks.answeredAt !== undefined) return;
        if (document.querySelector("h1")?.textContent?.trim() !== name) return;
        const links = [...document.querySelectorAll('[role="feed"] a[href]')];
        if (!links.some((link) => link.textContent?.trim() === title)) return;
        marks.answeredAt = performance.now();
        observer.disconnect();
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { name, title },
  );
  await chip.click();
  await page.waitForFunction(() => (window as BenchWindow).__bench?.answeredAt !== undefined, undefined, { timeout: TIMEOUT });
  const { clickedAt = NaN, answeredAt = NaN } = await marks(page);
  return { name, ms: answeredAt - clickedAt };
}

/**
 * After the first visit and the topic filter, a reader types `query` into the header's box
 * (focusing it loads the search code) and presses Enter; until the first result's link is
 * on screen. Bytes are everything the server sent from the focus on, once the network is
 * quiet again: code, search files and the feed pages the results are read from.
 */
async function firstSearch(page: Page, wire: WireCounter, query: string, log: (line: string) => void) {
  // The visit's own loading (the service worker's offline save) ends first.
  await networkIdle(() => 0, wire, log);
  await page.evaluate(() => {
    const marks = (window as BenchWindow).__bench ?? { headings: {} };
    (window as BenchWindow).__bench = marks;
    marks.fetched = 0;
    document.addEventListener("keydown", (event) => event.key === "Enter" && (marks.searchedAt ??= performance.now()), { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        marks.fetched = (marks.fetched ?? 0) + 1;
        if (entry.name.includes("/search/")) (marks.searchFilesIn ??= []).push(entry.responseEnd);
      }
    }).observe({ type: "resource" });
    const observer = new MutationObserver(() => {
      const link = document.querySelector('[role="feed"][aria-label="Search results"] a[href]');
      if (marks.searchedAt === undefined || !link?.checkVisibility()) return;
      marks.resultsAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
  wire.reset();
  await page.getByRole("searchbox", { name: "Search stories" }).click();
  // About a person's typing speed: the search code loads meanwhile, as it would for them.
  await page.keyboard.type(query, { delay: 60 });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => (window as BenchWindow).__bench?.resultsAt !== undefined, undefined, { timeout: TIMEOUT });
  await networkIdle(() => 0, wire, log);
  const matches = (await page.locator(".search-status").textContent())?.replace(/ “.*$/, "") ?? "?";
  const { searchedAt = NaN, resultsAt = NaN, fetched = NaN, searchFilesIn = [] } = await marks(page);
  // The last search file in before the results showed: files the search reads after that (for more results) do not count.
  const indexAt = Math.max(...searchFilesIn.filter((at) => at <= resultsAt));
  return { query, matches, bytes: wire.bytes(), requests: fetched, ms: resultsAt - searchedAt, afterIndexMs: resultsAt - indexAt };
}

/**
 * A story from the middle of the archive: the whole site's list (index.feed, a ListHead),
 * its page table, the middle page, its middle story; the head's middle one for a list of one page.
 */
async function middleStory(siteDir: string, index: SiteIndex) {
  const head = await readShard<ListHead>(siteDir, "lists", index.feed);
  let items = head.items;
  if (head.pages !== null) {
    const table = await readShard<PageTable>(siteDir, "tables", head.pages);
    const middle = table.pages[Math.floor(table.pages.length / 2)];
    if (middle !== undefined) items = (await readShard<ListPage>(siteDir, "pages", middle)).items;
  }
  const story = items[Math.floor(items.length / 2)];
  if (story === undefined) throw new Error(`the feed's middle page is empty`);
  return story;
}

async function deepLink(page: Page, url: string, siteDir: string, index: SiteIndex) {
  const story = await middleStory(siteDir, index);
  await warmUp(page, url);
  await page.goto(`${url}/articles/${encodeURIComponent(story.id)}`);
  await page.getByRole("heading", { level: 1, name: story.title, exact: true }).waitFor({ timeout: TIMEOUT });
  const { headings } = await marks(page);
  return { id: story.id, ms: headings[story.title] ?? NaN };
}

/**
 * Scrolls the window down in steps, letting pages load, until the status shows at least
 * `target` stories and row `target` is above the viewport (or the page ends).
 */
async function domAfterScroll(context: BrowserContext, url: string) {
  const page = await context.newPage();
  try {
    await page.goto(`${url}/`);
    await page.getByRole("feed").getByRole("link").first().waitFor({ timeout: TIMEOUT });
    const atStart = await page.evaluate(() => document.getElementsByTagName("*").length);
    const result = await page.evaluate(
      async ({ target, step, timeout }) => {
        const started = performance.now();
        const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        const status = () => {
          for (const element of document.querySelectorAll('[role="status"]')) {
            const match = /Showing (\d+) of (\d+)/.exec(element.textContent ?? "");
            if (match) return { shown: Number(match[1]), total: Number(match[2]) };
          }
          return { shown: 0, total: 0 };
        };
        let manualLoads = 0;
        let stuckSince: number | undefined;
        for (;;) {
          if (performance.now() - started > timeout) throw new Error(`still scrolling after ${timeout / 1000} s: ${JSON.stringify(status())}`);
          const { shown, total } = status();
          const goal = Math.min(target, total);
          // Story `goal` is past once a later story is drawn and it is above the viewport, or
          // no longer drawn at all (the list keeps only the rows near the viewport).
          const drawn = [...document.querySelectorAll('[role="feed"] article[aria-posinset]')];
          const at = drawn.find((article) => Number(article.getAttribute("aria-posinset")) === goal);
          const later = drawn.some((article) => Number(article.getAttribute("aria-posinset")) > goal);
          const past = later && (at === undefined || at.getBoundingClientRect().bottom <= 0);
          const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
          if (shown >= goal && (past || (atBottom && shown >= total))) {
            return { shown, ms: performance.now() - started, manualLoads };
          }
          if (atBottom && shown < total) {
            // The list should load the next page by itself near its end; after 3 s, use the button.
            stuckSince ??= performance.now();
            if (performance.now() - stuckSince > 3000) {
              const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Load more stories");
              button?.click();
              manualLoads++;
              stuckSince = undefined;
            }
          } else {
            stuckSince = undefined;
          }
          window.scrollBy(0, step);
          await frame();
        }
      },
      { target: STORIES_TO_SCROLL, step: 1200, timeout: TIMEOUT * 2 },
    );
    const after = await page.evaluate(() => document.getElementsByTagName("*").length);
    return { atStart, after, shown: result.shown, scrolledMs: result.ms, manualLoads: result.manualLoads };
  } finally {
    await page.close();
  }
}

export async function measureBrowser(siteDir: string, log: (line: string) => void): Promise<BrowserFigures> {
  const index = await readSiteIndex(siteDir);
  const server = await serveStatic(siteDir);
  const wire = await countWire(server.url);
  try {
    const visits: Awaited<ReturnType<typeof firstVisit>>[] = [];
    const topics: Awaited<ReturnType<typeof topicFilter>>[] = [];
    const searches: Awaited<ReturnType<typeof firstSearch>>[] = [];
    // The first two words of a mid-archive story's title: a query most stories of a big archive match.
    const query = (await middleStory(siteDir, index)).title.split(/\s+/).slice(0, 2).join(" ");
    let dom: BrowserFigures["dom"] | undefined;
    for (let run = 1; run <= RUNS; run++) {
      const scrolled = await withBrowser(async (context, page) => {
        log(`  first visit to / in a fresh profile, then a topic filter and a first search (${run}/${RUNS})…`);
        visits.push(await firstVisit(page, context, wire, log));
        topics.push(await topicFilter(page, siteDir, index));
        searches.push(await firstSearch(page, wire, query, log));
        if (run > 1) return undefined;
        log(`  scrolling through ${STORIES_TO_SCROLL} stories…`);
        return domAfterScroll(context, wire.url);
      });
      if (scrolled?.manualLoads) log(`  note: the feed stopped loading by itself ${scrolled.manualLoads} times; "Load more stories" was clicked`);
      dom ??= scrolled;
    }
    const deepLinks: Awaited<ReturnType<typeof deepLink>>[] = [];
    for (let run = 1; run <= RUNS; run++) {
      log(`  deep link in a fresh profile (${run}/${RUNS})…`);
      deepLinks.push(await withBrowser((_context, page) => deepLink(page, wire.url, siteDir, index)));
    }
    const [visit, topic, search, deep] = [visits[0], topics[0], searches[0], deepLinks[0]];
    if (!visit || !topic || !search || !deep || !dom) throw new Error("no browser run finished");
    // Bytes are the same on every visit; the first one's are reported.
    const { chromium: version, feedVisibleMs: _feedVisibleMs, ...firstVisitFigures } = visit;
    return {
      chromium: version,
      firstVisit: firstVisitFigures,
      feedVisible: timing(visits.map((run) => run.feedVisibleMs)),
      topic: { name: topic.name, ms: timing(topics.map((run) => run.ms)) },
      firstSearch: {
        ...search,
        ms: timing(searches.map((run) => run.ms)),
        afterIndexMs: timing(searches.map((run) => run.afterIndexMs)),
      },
      deepLink: { id: deep.id, ms: timing(deepLinks.map((run) => run.ms)) },
      dom,
    };
  } finally {
    await wire.close();
    await server.close();
  }
}

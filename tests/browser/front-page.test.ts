/**
 * The front page as a reader's screen shows it (issue 12, point 1), in Chromium, on a build
 * of a news site's last days (300 generated stories over ten days: scripts/screenshots.ts):
 * how many stories are in view before any scroll, the Headlines view remembered from the
 * first paint, nothing cut off at any width or at 200% text, nothing moving after paint,
 * the focused story kept through the list's virtualisation, and axe-clean. The browser's
 * clock is the machine's: the stories (December 2024) are all past a week old, so the list
 * has one heading ("December 2024") as a live site's first screen has one ("Today").
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { seriousViolations } from "./axe.ts";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../scripts/chromium.ts";
import { writeNewsArchive } from "../../scripts/screenshots.ts";
import { viteBuildInChild, openApp, serveSite, timeLeft, untilWorkerControls } from "./harness.ts";

const STORIES = 300;

let work: string | undefined;
let site: Awaited<ReturnType<typeof serveSite>> | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "broadsheet-front-"));
  await writeNewsArchive(STORIES, join(work, "content"));
  await viteBuildInChild(join(work, "content"), join(work, "dist"));
  site = await serveSite(join(work, "dist"));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
});
beforeEach(() => vi.setConfig({ expect: { poll: { timeout: timeLeft() } } }));
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * A context of its own (its own storage: a view chosen in one test is not in the next), as
 * a first visit: the page the build drew, then the app, no service worker unless asked.
 * Closed when the test ends, passed or not.
 */
async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  if (!browser) throw new Error("the browser starts in beforeAll");
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: "block", ...options });
  context.setDefaultTimeout(timeLeft());
  onTestFinished(() => context.close());
  // As on a machine without internet, at once: the stories' pictures are on other hosts.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort("internetdisconnected"));
  return context.newPage();
}

const feed = (page: Page) => page.getByRole("feed");
const viewSwitch = (page: Page, name: "Cards" | "Headlines") => page.getByRole("group", { name: "View" }).getByRole("button", { name });

/** The front page with its first stories and the topics (the index) shown, and the network quiet. */
async function openFront(page: Page): Promise<void> {
  if (!site) throw new Error("the site is served from beforeAll");
  await openApp(page, site.url);
  await feed(page).getByRole("article").first().waitFor();
  await page.getByRole("navigation", { name: "Topics" }).getByRole("link").first().waitFor();
  await page.waitForLoadState("networkidle");
}

/** Presses a view's button, as a reader does, and waits until it is pressed and drawn. */
async function choose(page: Page, view: "Cards" | "Headlines"): Promise<void> {
  await viewSwitch(page, view).click();
  await expect.poll(() => viewSwitch(page, view).getAttribute("aria-pressed")).toBe("true");
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.listStyle ?? "cards")).toBe(view.toLowerCase());
}

/** The stories wholly inside the viewport: none of them cut by an edge of the screen. */
const fullyInView = (page: Page) =>
  feed(page)
    .getByRole("article")
    .evaluateAll((articles) =>
      articles.filter((article) => {
        const box = article.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
      }).length,
    );

describe("the front page above the fold", () => {
  it("shows at least 6 stories whole at 1280×800 in the Cards view", async () => {
    const page = await newPage();
    await openFront(page);
    expect(await viewSwitch(page, "Cards").getAttribute("aria-pressed")).toBe("true");
    const cards = await fullyInView(page);
    const lead = await feed(page).getByRole("article").first().evaluate((article) => article.getBoundingClientRect());
    console.log(`1280×800: ${cards} cards fully in view; the lead story from y = ${Math.round(lead.top)} to ${Math.round(lead.bottom)}`);
    expect(cards).toBeGreaterThanOrEqual(6);
  });

  it("shows at least 12 stories whole at 1280×800 in the Headlines view", async () => {
    const page = await newPage();
    await openFront(page);
    await choose(page, "Headlines");
    const headlines = await fullyInView(page);
    console.log(`1280×800: ${headlines} headlines fully in view`);
    expect(headlines).toBeGreaterThanOrEqual(12);
  });

  it("on a 390×844 phone the first story starts in the top half, and at least 6 headlines are whole", async () => {
    const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await openFront(page);
    const firstTop = await feed(page).getByRole("article").first().evaluate((article) => article.getBoundingClientRect().top);
    const cards = await fullyInView(page);
    await choose(page, "Headlines");
    const headlines = await fullyInView(page);
    console.log(`390×844: first story at y = ${Math.round(firstTop)}, ${cards} cards, ${headlines} headlines fully in view`);
    expect(firstTop).toBeLessThan(PHONE.height / 2);
    expect(headlines).toBeGreaterThanOrEqual(6);
  });
});

/**
 * Installed before any of the page's scripts: every value `data-list-style` takes on the
 * root, and what it was when the parser (or the app) put the first story in the document.
 */
function recordListStyle() {
  const seen = { values: [] as (string | null)[], atFirstStory: undefined as string | null | undefined };
  (window as unknown as { listStyleSeen: typeof seen }).listStyleSeen = seen;
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") seen.values.push((record.target as Element).getAttribute("data-list-style"));
      if (seen.atFirstStory === undefined && record.type === "childList" && document.querySelector("article")) {
        seen.atFirstStory = document.documentElement.getAttribute("data-list-style");
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-list-style"] });
}
type Seen = { values: (string | null)[]; atFirstStory: string | null | undefined };
const listStyleSeen = (page: Page) => page.evaluate(() => (window as unknown as { listStyleSeen: Seen }).listStyleSeen);

describe("the view is remembered", () => {
  it("after choosing Headlines, a reload paints the build's page as headlines from the start", async () => {
    const page = await newPage();
    await page.addInitScript(recordListStyle);
    await openFront(page);
    await choose(page, "Headlines");

    const response = await page.reload();
    // The page the build drew, its stories in the HTML: the reader's view was there before them.
    expect(await response?.text()).toMatch(/<article\b/);
    await feed(page).getByRole("article").first().waitFor();
    // The page the build drew presses Cards (the build cannot know the choice); the app presses Headlines once it hydrates.
    await expect.poll(() => viewSwitch(page, "Headlines").getAttribute("aria-pressed")).toBe("true");
    const seen = await listStyleSeen(page);
    expect(seen.atFirstStory).toBe("headlines");
    // Set once by index.html's inline script; the app may set it again, never to anything else.
    expect(seen.values.length).toBeGreaterThan(0);
    expect(new Set(seen.values)).toEqual(new Set(["headlines"]));
  });

  it("the same when the service worker answers the reload with the app shell", async () => {
    const page = await newPage({ serviceWorkers: "allow" });
    await page.addInitScript(recordListStyle);
    await openFront(page);
    await untilWorkerControls(page);
    await choose(page, "Headlines");

    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await feed(page).getByRole("article").first().waitFor();
    await expect.poll(() => viewSwitch(page, "Headlines").getAttribute("aria-pressed")).toBe("true");
    const seen = await listStyleSeen(page);
    expect(seen.atFirstStory).toBe("headlines");
    expect(new Set(seen.values)).toEqual(new Set(["headlines"]));
  });
});

/** Sets the root's font size to 200% before anything is drawn, as a reader's larger default text does. */
function doubleText() {
  const set = () => {
    if (!document.documentElement) return false;
    document.documentElement.style.fontSize = "200%";
    return true;
  };
  if (!set()) {
    const observer = new MutationObserver(() => set() && observer.disconnect());
    observer.observe(document, { childList: true });
  }
}

/**
 * Whatever in <main> cuts off its content (an element that hides or clips its overflow and
 * holds more than it shows), stories wider than the screen or running off it, and stories
 * laid over one another. (A page wider than the screen is a test of its own, below.)
 */
function layoutFaults(): string[] {
  const faults: string[] = [];
  const name = (element: Element) =>
    `${element.tagName.toLowerCase()}${element.className && typeof element.className === "string" ? `.${element.className.trim().split(/\s+/).join(".")}` : ""}` +
    `${element.closest("article") ? ` in “${element.closest("article")?.querySelector("h2")?.textContent?.slice(0, 40)}”` : ""}`;
  const main = document.querySelector("main");
  if (!main) return ["no <main>"];
  for (const element of main.querySelectorAll("*")) {
    if (element.closest(".visually-hidden") || element instanceof HTMLImageElement || element instanceof SVGElement) continue;
    const style = getComputedStyle(element);
    if (![style.overflow, style.overflowX, style.overflowY].some((value) => value === "hidden" || value === "clip")) continue;
    if (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1) {
      faults.push(`${name(element)} cuts off its content: ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`);
    }
  }
  const width = document.documentElement.clientWidth;
  const stories = [...main.querySelectorAll("article")].map((article) => ({ article, box: article.getBoundingClientRect() })).filter(({ box }) => box.height > 0);
  for (const { article, box } of stories) {
    if (box.width > width || box.left < -1 || box.right > width + 1) faults.push(`${name(article)} is ${Math.round(box.width)} px wide at ${Math.round(box.left)}–${Math.round(box.right)} on a ${width} px screen`);
  }
  stories.forEach(({ article, box }, index) => {
    for (const other of stories.slice(index + 1)) {
      const across = Math.min(box.right, other.box.right) - Math.max(box.left, other.box.left);
      const down = Math.min(box.bottom, other.box.bottom) - Math.max(box.top, other.box.top);
      if (across > 1 && down > 1) faults.push(`${name(article)} and ${name(other.article)} overlap by ${Math.round(across)}×${Math.round(down)} px`);
    }
  });
  return faults;
}

/** How many stories the list says it shows ("Showing 70 of 300 stories"). */
async function storiesShown(page: Page): Promise<number> {
  const status = await page.getByRole("status").filter({ hasText: /^Showing \d+ of \d+ stories$/ }).innerText();
  return Number(/Showing (\d+)/.exec(status)?.[1]);
}

/**
 * No faults on the first screen, then none among the measured rows past the list's head
 * (story 21 on, once the next page is in), each waited for until the rows are drawn.
 */
async function expectNoFaults(page: Page, view: string): Promise<void> {
  await expect.poll(() => page.evaluate(layoutFaults), { message: `${view}, first screen` }).toEqual([]);
  // Near the list's end the next page loads; then back to where the head ends and the measured rows begin.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => storiesShown(page)).toBeGreaterThan(30);
  await feed(page).locator('article[aria-posinset="20"]').evaluate((story) => story.scrollIntoView({ block: "start" }));
  await feed(page).locator('article[aria-posinset="21"]').waitFor();
  await expect.poll(() => page.evaluate(layoutFaults), { message: `${view}, past the list's head` }).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
}

const WIDTHS = [
  ["320×568", { width: 320, height: 568 }, false],
  ["390×844", PHONE, false],
  ["768×1024", { width: 768, height: 1024 }, false],
  ["1280×800", DESKTOP, false],
  ["1920×1080", { width: 1920, height: 1080 }, false],
  ["1280×800 with 200% text", DESKTOP, true],
] as const;

/** The front page at this size, the root's text doubled when `large`. */
async function openAt(viewport: { width: number; height: number }, large: boolean): Promise<Page> {
  const page = await newPage({ viewport });
  if (large) await page.addInitScript(doubleText);
  await openFront(page);
  if (large) expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("32px");
  return page;
}

/** How far the page is wider than the screen: 0 when it does not scroll sideways. */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("nothing is cut off", () => {
  it.each(WIDTHS)("at %s, in Cards and in Headlines: nothing clipped, no story off the screen, no page wider than it", async (size, viewport, large) => {
    const page = await openAt(viewport, large);
    await expectNoFaults(page, "Cards");
    expect(await sideways(page), `${size}, Cards`).toBe(0);
    await choose(page, "Headlines");
    await expectNoFaults(page, "Headlines");
    expect(await sideways(page), `${size}, Headlines`).toBe(0);
  });
});

/** Installed before the page's scripts: every layout shift, from the first paint on. */
function recordShifts() {
  type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node | null }[] };
  const shifts: { value: number; hadRecentInput: boolean; nodes: string[] }[] = [];
  const add = (entries: PerformanceEntryList) => {
    for (const entry of entries as Shift[]) {
      shifts.push({
        value: entry.value,
        hadRecentInput: entry.hadRecentInput,
        nodes: entry.sources.map((source) => (source.node instanceof Element ? `${source.node.tagName}.${source.node.className}` : String(source.node?.nodeName))),
      });
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  // With those reported but not yet handed to the callback.
  (window as unknown as { shifts: () => typeof shifts }).shifts = () => {
    add(observer.takeRecords());
    return shifts;
  };
}

/** The shifts so far, once the page has drawn two more frames. */
async function shiftsOf(page: Page) {
  return page.evaluate(async () => {
    await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
    return (window as unknown as { shifts: () => { value: number; hadRecentInput: boolean; nodes: string[] }[] }).shifts();
  });
}

describe("nothing moves after the first paint", () => {
  describe.each([
    ["1280×800, Cards", DESKTOP, false],
    ["390×844, Cards", PHONE, false],
    ["1280×800, Headlines chosen before the visit", DESKTOP, true],
  ] as const)("%s", (_case, viewport, headlines) => {
    it("the layout shift without input is 0", async () => {
      const page = await newPage({ viewport });
      if (headlines) {
        await openFront(page);
        await choose(page, "Headlines");
      }
      // A new page of the same device: the choice is stored, the shifts are this visit's.
      const visit = await page.context().newPage();
      await visit.addInitScript(recordShifts);
      await openFront(visit);
      if (headlines) expect(await viewSwitch(visit, "Headlines").getAttribute("aria-pressed")).toBe("true");
      const shifts = (await shiftsOf(visit)).filter((shift) => !shift.hadRecentInput);
      const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
      console.log(`${_case}: layout shift ${total}${shifts.length ? ` (${JSON.stringify(shifts)})` : ""}`);
      expect(shifts).toEqual([]);
    });
  });
});

describe("the front page by keyboard", () => {
  it("the story holding focus stays in the DOM, focused, when the reader scrolls far away from it", async () => {
    const page = await newPage();
    await openFront(page);
    const before = await storiesShown(page);
    await page.getByRole("button", { name: "Load more stories" }).click();
    await expect.poll(() => storiesShown(page)).toBeGreaterThan(before);

    // j moves from story to story (the first on screen, then the next), as the keyboard help says.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    const focusedStory = () => page.evaluate(() => Number(document.activeElement?.closest("article")?.getAttribute("aria-posinset") ?? 0));
    for (let position = 1; position <= 23; position++) {
      await page.keyboard.press("j");
      await expect.poll(focusedStory).toBe(position);
    }
    const title = await page.evaluate(() => document.activeElement?.textContent ?? "");
    const link = feed(page).getByRole("link", { name: title, exact: true });
    expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);

    // Far down: the rows around story 23 leave the DOM, the focused one stays.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const neighbour = page.locator('[role="feed"] article[aria-posinset="27"]');
    await expect.poll(() => neighbour.count()).toBe(0);
    expect(await link.count()).toBe(1);
    expect(await link.evaluate((element) => element.isConnected && element === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(3000);
  });
});



describe("the front page, checked by axe-core", () => {
  it.each([
    ["light", "Cards"],
    ["dark", "Cards"],
    ["light", "Headlines"],
    ["dark", "Headlines"],
  ] as const)("in the %s theme, %s: no serious or critical violations", async (colorScheme, view) => {
    const page = await newPage({ colorScheme });
    await openFront(page);
    if (view === "Headlines") await choose(page, view);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

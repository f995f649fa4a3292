import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, inject, TestRunner, vi } from "vitest";
import { buildDataInChild, viteBuildInChild } from "../../scripts/bench/build.ts";
import { launchBrowser as launchChromium } from "../../scripts/chromium.ts";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { LIVE_ATTRIBUTE } from "../../src/contract/page-state.ts";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURE_CONTENT = join(ROOT, "tests", "fixtures", "site");

export { serveStatic as serveSite };
export { viteBuildInChild };

/** A wait that fails stops this much before the test's own timeout, to say what it waited for. */
const REPORT_MS = 2_000;

/**
 * What is left of the running test's own timeout (vite.config.ts): the most any one wait in
 * it may take. A loaded machine makes every step slower; only the test's budget bounds them.
 */
export function timeLeft(): number {
  const test = TestRunner.getCurrentTest();
  const started = test?.result?.startTime;
  if (!test || started === undefined) throw new Error("timeLeft: call it inside a test or its beforeEach");
  // Never 0: to Playwright that means no timeout at all.
  return Math.max(1, test.timeout - (Date.now() - started) - REPORT_MS);
}

/**
 * Chromium (scripts/chromium.ts). Launched inside a test, its waits may take what is left of
 * that test, not Playwright's 30 s.
 */
export async function launchBrowser(): ReturnType<typeof launchChromium> {
  const browser = await launchChromium();
  if (TestRunner.getCurrentTest()) browser.context.setDefaultTimeout(timeLeft());
  return browser;
}

/**
 * Opens `url` and returns once the app runs in the page. A prerendered page shows its stories
 * before any script has run: a key pressed then, on a busy machine, would reach no one.
 */
export async function openApp(page: Page, url: string): ReturnType<Page["goto"]> {
  const answer = await page.goto(url);
  await page.waitForFunction((name) => document.documentElement.hasAttribute(name), LIVE_ATTRIBUTE, { timeout: timeLeft() });
  return answer;
}

/** Opens `path` of `site` (useFixtureSite's) in a new page; returns once the app runs and the view's heading (an h1 named `heading`) shows. */
export async function openView(site: { readonly url: string; readonly context: BrowserContext }, path: string, heading: string | RegExp): Promise<Page> {
  const page = await site.context.newPage();
  await openApp(page, `${site.url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  return page;
}

/**
 * Returns once a service worker controls `page`. The app registers it when the page is loaded
 * and idle (src/main.tsx); it installs its precache, then claims the pages open as it activates.
 * A page still loading then (a second page of one browser, opened as the first one's worker
 * installs) is not among them and stays uncontrolled until it loads again: so it is reloaded.
 */
export async function untilWorkerControls(page: Page): Promise<void> {
  // One wait on the page's own promise and event, bounded by the test's budget.
  await page.waitForFunction(
    async () => {
      const { active } = await navigator.serviceWorker.ready;
      await new Promise<void>((resolve) => {
        const settled = () => active?.state === "activated" && resolve();
        active?.addEventListener("statechange", settled);
        settled();
      });
      return true;
    },
    undefined,
    { timeout: timeLeft() },
  );
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", undefined, { polling: 100, timeout: timeLeft() });
}

/**
 * The fixture build (global-setup.ts) served on a free port, and one browser, for the tests
 * of one file: started before them and closed after. Read `url` and `context` inside tests.
 * Their waits, Playwright's and expect.poll's, may take what is left of the test.
 */
export function useFixtureSite(): { readonly url: string; readonly context: BrowserContext } {
  let server: StaticServer | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    server = await serveStatic(inject("siteDir"));
    browser = await launchChromium();
  });
  // Each test's waits, Playwright's and expect.poll's (1 s by default), may take what is left of it.
  beforeEach(() => {
    browser?.context.setDefaultTimeout(timeLeft());
    vi.setConfig({ expect: { poll: { timeout: timeLeft() } } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T,>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useFixtureSite: read url and context inside a test");
    return value;
  };
  return {
    get url() {
      return started(server).url;
    },
    get context() {
      return started(browser).context;
    },
  };
}

/** A generated archive, built in full, that a test file updates as a publisher would. */
export interface BuiltArchive {
  /** The archive's content folder. */
  readonly content: string;
  /** The folder it was built into. */
  readonly site: string;
  /** A JSON file of the built site, by its path in the site. */
  readJson<T>(path: string): Promise<T>;
  /** `npm run build:data` over the content into the built folder (a child process: a server here keeps answering); resolves with its output. */
  update(): Promise<string>;
}

/**
 * `articles` generated articles, with whatever `prepare` adds to the content, built in full
 * into a temporary folder before the file's tests (before its own `beforeAll`), removed after them.
 */
export function useBuiltArchive(name: string, articles: number, prepare?: (content: string) => Promise<void>): BuiltArchive {
  let workDir: string | undefined;
  const at = (folder: string) => {
    if (!workDir) throw new Error("useBuiltArchive: its folders exist from its beforeAll on");
    return join(workDir, folder);
  };
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), `broadsheet-${name}-`));
    await generateArchive(articles, at("content"));
    await prepare?.(at("content"));
    await viteBuildInChild(at("content"), at("site"));
  });
  afterAll(() => workDir && rm(workDir, { recursive: true, force: true }));
  return {
    get content() {
      return at("content");
    },
    get site() {
      return at("site");
    },
    readJson: async <T,>(path: string) => JSON.parse(await readFile(join(at("site"), path), "utf8")) as T,
    update: () => buildDataInChild(at("content"), at("site")),
  };
}

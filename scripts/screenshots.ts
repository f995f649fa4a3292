/**
 * The README's pictures, from a real build, so they stay true: a generated archive of a
 * news site's last days, built with `vite build` into a temporary folder, served as a host
 * would serve it (static-server.ts) and photographed in Chromium into docs/screenshots/.
 *
 *   npm run screenshots
 *
 * The archive's stories end in the past (NEWEST): the browser's clock is set a little after
 * its newest story, so times read as a reader of a live site would see them. Its pictures
 * are on other hosts (images.example.org): a machine without internet draws them as broken.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { viteBuildInChild } from "./bench/build.ts";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium.ts";
import { generateArchive } from "./generate-archive.ts";
import { serveStatic } from "./static-server.ts";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The newest story of the archive writeNewsArchive makes: Friday 20 December 2024, 08:40 UTC. */
export const NEWEST = Date.UTC(2024, 11, 20, 8, 40);
/** The reader's clock in the pictures: two hours after the newest story. */
export const READ_AT = NEWEST + 2 * HOUR;

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/;
const iso = (time: number) => new Date(time).toISOString().replace(".000Z", "Z");

/**
 * generate-archive.ts's `count` articles with their dates brought into the `days` before
 * `newest` (NEWEST unless given), as on a news site: dozens of stories a day, not one every
 * few days over six years. The stories keep their order; each one's coverage by other
 * outlets keeps its hours from it (before it, where after would pass `newest`). The same
 * count always gives the same files.
 */
export async function writeNewsArchive(count: number, folder: string, { days = 10, newest = NEWEST } = {}): Promise<void> {
  await generateArchive(count, folder);
  const names = (await readdir(folder)).filter((name) => name.endsWith(".txt"));
  const texts = await Promise.all(names.map((name) => readFile(join(folder, name), "utf8")));
  const generated = texts.map((text) => Date.parse(ISO.exec(/^publishedDateTime: (.*)$/m.exec(text)?.[1] ?? "")?.[0] ?? ""));
  const [first, last] = [Math.min(...generated), Math.max(...generated)];
  const scale = (days * DAY) / (last - first);
  await Promise.all(
    names.map((name, n) => {
      const published = Math.round(newest - (last - generated[n]) * scale);
      const text = texts[n]
        .replace(/^publishedDateTime: .*$/m, `publishedDateTime: ${iso(published)}`)
        .replace(/^( +publishedDateTime: )(.*)$/gm, (_line, key: string, value: string) => {
          const after = Date.parse(value) - generated[n];
          return `${key}${iso(published + after <= newest ? published + after : published - after)}`;
        });
      return writeFile(join(folder, name), text);
    }),
  );
}

const OUT = join(import.meta.dirname, "..", "docs", "screenshots");
/** Ten days of a news site: 60 stories a day. */
const ARTICLES = 600;

/** A page as a reader opens it: the clock set, the stories and the topics shown, the network quiet. */
async function open(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "UTC", locale: "en-GB", ...options });
  const page = await context.newPage();
  await page.clock.setFixedTime(READ_AT);
  await page.goto(url);
  await page.getByRole("feed").getByRole("article").first().waitFor();
  await page.waitForLoadState("networkidle");
  return page;
}

/** The viewport (or the whole page) once the fonts are in, into docs/screenshots/<name>.png. */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, ...options });
  console.log(`${path}: ${Math.round((await stat(path)).size / 1024)} KB`);
  await page.context().close();
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), "broadsheet-screenshots-"));
  const content = join(work, "content");
  const site = join(work, "dist");
  console.log(`generating ${ARTICLES} articles and building them…`);
  await writeNewsArchive(ARTICLES, content);
  await viteBuildInChild(content, site);
  await mkdir(OUT, { recursive: true });
  const server = await serveStatic(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    // Read as a first visit: the page the build drew, then the app; no service worker yet.
    const firstVisit = { serviceWorkers: "block" } as const;
    await shoot(await open(browser, server.url, firstVisit), "front-page");
    await shoot(await open(browser, server.url, { ...firstVisit, colorScheme: "dark" }), "front-page-dark");

    const headlines = await open(browser, server.url, firstVisit);
    const view = headlines.getByRole("group", { name: "View" });
    await view.getByRole("button", { name: "Headlines" }).click();
    await view.getByRole("button", { name: "Headlines", pressed: true }).waitFor();
    await shoot(headlines, "headlines");

    await shoot(await open(browser, server.url, { ...firstVisit, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), "phone");

    // A story covered by several outlets: the first on the front page whose card says so.
    const story = await open(browser, server.url, firstVisit);
    const coverage = story.getByRole("feed").getByRole("link", { name: /^Full coverage · ([4-9]|\d\d+) outlets$/ }).first();
    await coverage.click();
    const section = story.getByRole("heading", { level: 2, name: "Full coverage" });
    await section.waitFor();
    await story.getByRole("region", { name: "Full coverage" }).getByRole("img", { name: / published / }).waitFor();
    await story.waitForLoadState("networkidle");
    await shoot(story, "story-coverage", { fullPage: true });
  } finally {
    await browser.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

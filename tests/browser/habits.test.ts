import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { launchBrowser, openApp, serveSite, useFixtureSite } from "./harness.ts";

/** The fixture site's stories, newest first. */
const STORIES = [
  "Leaders agree on a climate finance deal",
  "New rules limit exports of AI chips",
  "Facebook says group used AI-generated faces to push pro-Trump messages",
];

const site = useFixtureSite();

async function openFeed(page: Page, base = site.url) {
  await openApp(page, base);
  await page.getByRole("feed").getByRole("link", { name: STORIES[0] }).waitFor();
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

describe("keyboard", () => {
  it("j, j, k move between stories, ? shows the keys until Escape, and o opens the story in focus", async () => {
    const page = await site.context.newPage();
    await openFeed(page);

    await page.keyboard.press("j");
    await expect.poll(() => focusedText(page)).toBe(STORIES[0]);
    await page.keyboard.press("j");
    await expect.poll(() => focusedText(page)).toBe(STORIES[1]);
    await page.keyboard.press("k");
    await expect.poll(() => focusedText(page)).toBe(STORIES[0]);

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    expect(await help.getByText("Next story").count()).toBe(1);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });
    await expect.poll(() => focusedText(page)).toBe(STORIES[0]);

    await page.keyboard.press("o");
    await page.getByRole("heading", { level: 1, name: STORIES[0] }).waitFor();
    expect(page.url()).toMatch(/\/articles\/leaders-agree-on-a-climate-finance-deal-[0-9a-f]{8}$/);
    await page.close();
  });
});

/** 0 for black, 1 for white: the relative luminance of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const pageBackground = async (page: Page) =>
  luminance(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));

describe("dark mode", () => {
  it("follows a dark system, and a Light choice wins over it across reloads, from the first paint", async () => {
    const page = await site.context.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await openFeed(page);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole("feed").getByRole("link", { name: STORIES[0] }).waitFor();
    expect(await pageBackground(page)).toBeLessThan(0.05);

    const chooseTheme = async (name: string) => {
      await page.getByRole("button", { name: /^Theme/ }).click();
      await page.getByRole("group", { name: "Theme" }).getByRole("button", { name }).click();
    };
    await chooseTheme("Light");
    await expect.poll(() => pageBackground(page)).toBeGreaterThan(0.9);
    // Form controls and scrollbars follow the page, not the system.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("light");

    // Chosen before the app's code runs (it is deferred: <body> is parsed first), so there is no flash.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        observer.disconnect();
        (window as unknown as { themeBeforeApp?: string }).themeBeforeApp = document.documentElement.dataset.theme;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { themeBeforeApp?: string }).themeBeforeApp)).toBe("light");
    await page.getByRole("feed").getByRole("link", { name: STORIES[0] }).waitFor();
    expect(await pageBackground(page)).toBeGreaterThan(0.9);
    expect(await page.getByRole("button", { name: "Theme: Light" }).count()).toBe(1);

    await chooseTheme("System");
    await expect.poll(() => pageBackground(page)).toBeLessThan(0.05);
    await page.close();
  });
});

describe("saved stories offline", () => {
  it("lists a saved story with the server gone and the browser offline, and opens it once read", async () => {
    // A server and profile of its own: this test stops the one and takes the other offline.
    const own = await serveSite(inject("siteDir"));
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await openFeed(page, own.url);
      // The service worker has saved the build for reading offline.
      await page.getByText("Every story is saved on this device for reading offline.").waitFor();

      const save = page.getByRole("button", { name: `Save ${STORIES[1]}` });
      await save.click();
      expect(await save.getAttribute("aria-pressed")).toBe("true");
      await page.getByRole("link", { name: STORIES[1] }).click();
      await page.getByRole("heading", { level: 1, name: STORIES[1] }).waitFor();

      await own.close();
      await browser.context.setOffline(true);
      await openApp(page, `${own.url}/saved`);
      await page.getByRole("heading", { level: 1, name: "Saved stories" }).waitFor();
      const saved = page.getByRole("feed", { name: "Saved stories" }).getByRole("heading", { level: 2 });
      expect(await saved.allTextContents()).toEqual([STORIES[1]]);

      await page.getByRole("link", { name: STORIES[1] }).click();
      await page.getByRole("heading", { level: 1, name: STORIES[1] }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Full coverage" }).waitFor();
    } finally {
      await browser.close();
      await own.close();
    }
  });
});

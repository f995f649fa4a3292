import { readFileSync } from "node:fs";
import { join } from "node:path";
import { act, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { buildSite, makeArticles, renderApp, serve } from "./harness.tsx";

const root = document.documentElement;
const themeButton = (name: string) => within(screen.getByRole("group", { name: "Theme" })).getByRole("button", { name });

beforeEach(() => {
  localStorage.clear();
  delete root.dataset.theme;
  serve(buildSite(makeArticles(1)));
});

describe("the theme", () => {
  it("follows the system until the reader chooses, and remembers the choice on the next visit", async () => {
    const first = renderApp("/");
    expect(themeButton("System")).toHaveAttribute("aria-pressed", "true");
    expect(root).not.toHaveAttribute("data-theme");

    await first.user.click(themeButton("Dark"));
    expect(themeButton("Dark")).toHaveAttribute("aria-pressed", "true");
    expect(themeButton("System")).toHaveAttribute("aria-pressed", "false");
    expect(root).toHaveAttribute("data-theme", "dark");

    // A new visit: a fresh page, the same device.
    first.unmount();
    delete root.dataset.theme;
    const second = renderApp("/");
    expect(themeButton("Dark")).toHaveAttribute("aria-pressed", "true");
    expect(root).toHaveAttribute("data-theme", "dark");

    await second.user.click(themeButton("Light"));
    expect(root).toHaveAttribute("data-theme", "light");
    await second.user.click(themeButton("System"));
    expect(root).not.toHaveAttribute("data-theme");
  });

  it("follows a choice made in another tab", () => {
    renderApp("/");
    act(() => {
      localStorage.setItem("broadsheet-theme", "dark");
      window.dispatchEvent(new StorageEvent("storage", { key: "broadsheet-theme" }));
    });
    expect(themeButton("Dark")).toHaveAttribute("aria-pressed", "true");
    expect(root).toHaveAttribute("data-theme", "dark");
  });

  it("is applied by index.html's inline script, before the app's code arrives", () => {
    const html = readFileSync(join(import.meta.dirname, "..", "..", "index.html"), "utf8");
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    expect(inline).toHaveLength(1);
    const run = () => new Function(inline[0])();

    localStorage.setItem("broadsheet-theme", "dark");
    run();
    expect(root).toHaveAttribute("data-theme", "dark");

    for (const stored of ["system", "<script>", null]) {
      delete root.dataset.theme;
      if (stored === null) localStorage.clear();
      else localStorage.setItem("broadsheet-theme", stored);
      run();
      expect(root).not.toHaveAttribute("data-theme");
    }
  });
});

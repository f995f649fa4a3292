import { readFileSync } from "node:fs";
import { join } from "node:path";
import { act, screen, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { siteFiles, makeArticles, renderApp, serve } from "./harness.tsx";

const root = document.documentElement;
const menuButton = () => screen.getByRole("button", { name: /^Theme/ });

/** Opens the header's theme menu and reads which choice is pressed. */
async function chosenTheme(user: UserEvent): Promise<string | null> {
  await user.click(menuButton());
  const choices = within(screen.getByRole("group", { name: "Theme" })).getAllByRole("button");
  const pressed = choices.filter((choice) => choice.getAttribute("aria-pressed") === "true").map((choice) => choice.textContent);
  await user.keyboard("{Escape}");
  expect(pressed).toHaveLength(1);
  return pressed[0];
}

async function choose(user: UserEvent, name: string) {
  await user.click(menuButton());
  await user.click(within(screen.getByRole("group", { name: "Theme" })).getByRole("button", { name }));
}

beforeEach(() => {
  localStorage.clear();
  delete root.dataset.theme;
  serve(siteFiles(makeArticles(1)));
});

describe("the theme", () => {
  it("follows the system until the reader chooses, and remembers the choice on the next visit", async () => {
    const first = renderApp("/");
    expect(menuButton()).toHaveAccessibleName("Theme: System");
    expect(await chosenTheme(first.user)).toBe("System");
    expect(root).not.toHaveAttribute("data-theme");

    await choose(first.user, "Dark");
    expect(screen.queryByRole("group", { name: "Theme" })).not.toBeInTheDocument();
    expect(menuButton()).toHaveFocus();
    expect(menuButton()).toHaveAccessibleName("Theme: Dark");
    expect(await chosenTheme(first.user)).toBe("Dark");
    expect(root).toHaveAttribute("data-theme", "dark");

    // A new visit: a fresh page, the same device.
    first.unmount();
    delete root.dataset.theme;
    const second = renderApp("/");
    expect(await chosenTheme(second.user)).toBe("Dark");
    expect(root).toHaveAttribute("data-theme", "dark");

    await choose(second.user, "Light");
    expect(root).toHaveAttribute("data-theme", "light");
    await choose(second.user, "System");
    expect(root).not.toHaveAttribute("data-theme");
  });

  it("closes its menu on Escape, and when focus moves on", async () => {
    const { user } = renderApp("/");
    await user.click(menuButton());
    expect(menuButton()).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("group", { name: "Theme" })).not.toBeInTheDocument();
    expect(menuButton()).toHaveFocus();

    await user.click(menuButton());
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.queryByRole("group", { name: "Theme" })).not.toBeInTheDocument();
    expect(menuButton()).toHaveAttribute("aria-expanded", "false");
  });

  it("follows a choice made in another tab", () => {
    renderApp("/");
    act(() => {
      localStorage.setItem("broadsheet-theme", "dark");
      window.dispatchEvent(new StorageEvent("storage", { key: "broadsheet-theme" }));
    });
    expect(menuButton()).toHaveAccessibleName("Theme: Dark");
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

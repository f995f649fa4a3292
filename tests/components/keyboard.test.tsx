import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { siteFiles, makeArticles, renderApp, serve } from "./harness.tsx";

beforeAll(() => {
  // jsdom has neither modal dialogs nor scrolling: these stand in for the browser's own,
  // including Escape closing a modal dialog. tests/browser/habits.test.ts runs the real ones.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
    this.querySelector("button")?.focus();
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") document.querySelector<HTMLDialogElement>("dialog[open]")?.close();
  });
  Element.prototype.scrollIntoView = () => {};
});

const stories = makeArticles(5);
beforeEach(() => {
  localStorage.clear();
  serve(siteFiles(stories));
});

async function openFeed() {
  const view = renderApp("/");
  await screen.findByRole("article", { name: stories[0].title });
  return view;
}

const storyLink = (i: number) => within(screen.getByRole("article", { name: stories[i].title })).getByRole("link", { name: stories[i].title });

describe("keyboard shortcuts", () => {
  it("j and k move between stories, o opens the one in focus, and s there saves it", async () => {
    const { user, location } = await openFeed();

    await user.keyboard("j");
    expect(storyLink(0)).toHaveFocus();
    await user.keyboard("jj");
    expect(storyLink(2)).toHaveFocus();
    await user.keyboard("k");
    expect(storyLink(1)).toHaveFocus();
    await user.keyboard("kk");
    expect(storyLink(0)).toHaveFocus();

    await user.keyboard("jo");
    expect(await screen.findByRole("heading", { level: 1, name: stories[1].title })).toBeInTheDocument();
    expect(location.current?.pathname).toBe(`/articles/${stories[1].id}`);

    // On the story's own page, s saves that story.
    await user.keyboard("s");
    expect(screen.getByRole("button", { name: `Save ${stories[1].title}` })).toHaveAttribute("aria-pressed", "true");
  });

  it("stops at the last story", async () => {
    const { user } = await openFeed();
    await user.keyboard("jjjjjjj");
    expect(storyLink(4)).toHaveFocus();
  });

  it("s saves and unsaves the story in focus", async () => {
    const { user } = await openFeed();
    const save = within(screen.getByRole("article", { name: stories[1].title })).getByRole("button", { name: `Save ${stories[1].title}` });

    await user.keyboard("jjs");
    expect(save).toHaveAttribute("aria-pressed", "true");
    await user.keyboard("s");
    expect(save).toHaveAttribute("aria-pressed", "false");
  });

  it("? lists every key in a dialog; Escape closes it and focus goes back", async () => {
    const { user } = await openFeed();
    await user.keyboard("j");

    await user.keyboard("?");
    const help = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    for (const what of ["Next story", "Previous story", "Open the focused story", "Save the focused story, or unsave it", "Search"]) {
      expect(within(help).getByText(what)).toBeInTheDocument();
    }
    // Keys go to the dialog while it is open.
    await user.keyboard("j");
    expect(storyLink(0)).not.toHaveFocus();

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(storyLink(0)).toHaveFocus();

    await user.keyboard("?");
    await user.click(await screen.findByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("says in the footer how to find the keys", async () => {
    await openFeed();
    expect(within(screen.getByRole("contentinfo")).getByText(/for keyboard shortcuts/)).toHaveTextContent("Press ? for keyboard shortcuts.");
  });

  it("/ goes to the search box, and keys typed in a field stay text", async () => {
    const { user } = await openFeed();
    // The header's search box, or a stand-in where this build has none yet.
    let search = document.getElementById("search-input");
    if (!search) {
      search = Object.assign(document.createElement("input"), { id: "search-input", type: "search" });
      search.setAttribute("aria-label", "Search stories");
      document.body.append(search);
    }

    await user.keyboard("/");
    expect(search).toHaveFocus();
    await user.keyboard("jks?");
    expect(search).toHaveValue("jks?");
    expect(search).toHaveFocus();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    search.remove();
  });

  it("leaves keys with Ctrl, Alt or Meta to the browser", async () => {
    const { user } = await openFeed();
    await user.keyboard("{Control>}j{/Control}{Alt>}j{/Alt}{Meta>}j{/Meta}");
    expect(document.body).toHaveFocus();
  });
});

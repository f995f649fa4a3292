import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { siteFiles, makeArticle, renderApp, serve, toSummary } from "./harness.tsx";

const older = makeArticle({
  title: "Leaders agree on a climate finance deal",
  excerpt: "Rich countries pledge more for adaptation.",
  provider: { name: "The Daily", domain: "daily.example.com" },
  publishedAt: "2024-03-04T09:00:00.000Z",
});
const newer = makeArticle({ title: "New rules limit exports of AI chips", publishedAt: "2024-03-05T09:00:00.000Z" });

beforeEach(() => localStorage.clear());

const savedTitles = () =>
  within(screen.getByRole("feed", { name: "Saved stories" }))
    .getAllByRole("article")
    .map((story) => within(story).getByRole("heading", { level: 2 }).textContent);

async function saveFromFeed(user: ReturnType<typeof renderApp>["user"], title: string) {
  const story = await screen.findByRole("article", { name: title });
  const save = within(story).getByRole("button", { name: `Save ${title}` });
  expect(save).toHaveAttribute("aria-pressed", "false");
  await user.click(save);
  expect(save).toHaveAttribute("aria-pressed", "true");
}

describe("saved stories", () => {
  it("are saved from the feed and listed under Saved, each a link to its story", async () => {
    serve(siteFiles([older, newer]));
    const { user } = renderApp("/");
    await saveFromFeed(user, older.title);

    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Saved" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Saved stories" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Saved stories · Broadsheet"));
    const saved = screen.getByRole("article", { name: older.title });
    expect(within(saved).getByRole("link", { name: older.title })).toHaveAttribute("href", `/articles/${older.id}`);
    expect(within(saved).getByText("The Daily")).toBeInTheDocument();
    expect(within(saved).getByText(older.excerpt as string)).toBeInTheDocument();
  });

  it("survive a new visit with no network, newest saved first, until removed", async () => {
    serve(siteFiles([older, newer]));
    const first = renderApp("/");
    await saveFromFeed(first.user, newer.title);
    await saveFromFeed(first.user, older.title);
    first.unmount();

    // Offline: every request fails, and the list needs none.
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const { user } = renderApp("/saved");
    await screen.findByRole("heading", { level: 1, name: "Saved stories" });
    expect(savedTitles()).toEqual([older.title, newer.title]);

    // Each card's bookmark says Saved; pressing it takes the story off the list.
    const olderSave = screen.getByRole("button", { name: `Save ${older.title}` });
    expect(olderSave).toHaveAttribute("aria-pressed", "true");
    expect(olderSave).toHaveTextContent("Saved");
    await user.click(olderSave);
    expect(savedTitles()).toEqual([newer.title]);
    // The pressed button went with its story: focus moves on to the next one's.
    expect(screen.getByRole("button", { name: `Save ${newer.title}` })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: `Save ${newer.title}` }));
    expect(screen.queryByRole("feed", { name: "Saved stories" })).not.toBeInTheDocument();
    expect(screen.getByText("No saved stories yet.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Saved stories" })).toHaveFocus();
  });

  it("say how to save a story when there are none", async () => {
    serve(siteFiles([older]));
    renderApp("/saved");
    expect(await screen.findByText("No saved stories yet.")).toBeInTheDocument();
    expect(screen.getByText(/Press Save on any story to keep it here/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Browse the front page" })).toHaveAttribute("href", "/");
  });

  it("can be saved and unsaved from the story's own page", async () => {
    serve(siteFiles([older]));
    const { user } = renderApp(`/articles/${older.id}`);
    await screen.findByRole("heading", { level: 1, name: older.title });
    const save = screen.getByRole("button", { name: `Save ${older.title}` });

    await user.click(save);
    expect(save).toHaveAttribute("aria-pressed", "true");
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Saved" }));
    await screen.findByRole("heading", { level: 1, name: "Saved stories" });
    expect(savedTitles()).toEqual([older.title]);

    await user.click(screen.getByRole("link", { name: older.title }));
    await user.click(await screen.findByRole("button", { name: `Save ${older.title}` }));
    expect(screen.getByRole("button", { name: `Save ${older.title}` })).toHaveAttribute("aria-pressed", "false");
  });

  it("follow a story saved in another tab", async () => {
    serve(siteFiles([older]));
    renderApp("/saved");
    await screen.findByText(/No saved stories yet/);

    act(() => {
      localStorage.setItem("broadsheet-saved", JSON.stringify([{ story: toSummary(older), savedAt: "2024-03-06T10:00:00.000Z" }]));
      window.dispatchEvent(new StorageEvent("storage", { key: "broadsheet-saved" }));
    });
    expect(savedTitles()).toEqual([older.title]);
  });

  it("ignore what they cannot read in storage", async () => {
    localStorage.setItem("broadsheet-saved", "{not json");
    serve(siteFiles([older]));
    renderApp("/saved");
    expect(await screen.findByText(/No saved stories yet/)).toBeInTheDocument();
  });
});

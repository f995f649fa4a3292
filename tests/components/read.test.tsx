import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { markRead } from "../../src/features/library/library-store.ts";
import { siteFiles, makeArticle, makeArticles, renderApp, serve } from "./harness.tsx";

beforeEach(() => localStorage.clear());

const storyLink = (title: string) => within(screen.getByRole("article", { name: title })).getByRole("link", { name: title });

describe("read and unread", () => {
  it("marks stories not yet opened, and opening one marks it read", async () => {
    const [first, second] = makeArticles(2);
    serve(siteFiles([first, second]));
    const { user } = renderApp("/");

    await screen.findByRole("article", { name: first.title });
    expect(storyLink(first.title)).toHaveAccessibleDescription("Unread");
    expect(storyLink(second.title)).toHaveAccessibleDescription("Unread");

    await user.click(storyLink(first.title));
    await screen.findByRole("heading", { level: 1, name: first.title });
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Front page" }));

    await screen.findByRole("article", { name: first.title });
    expect(storyLink(first.title)).not.toHaveAccessibleDescription();
    expect(within(screen.getByRole("article", { name: first.title })).queryByText("Unread")).not.toBeInTheDocument();
    expect(storyLink(second.title)).toHaveAccessibleDescription("Unread");
  });

  it("marks a story read when it is opened from a link elsewhere", async () => {
    const [story] = makeArticles(1);
    serve(siteFiles([story]));
    const view = renderApp(`/articles/${story.id}`);
    await screen.findByRole("heading", { level: 1, name: story.title });
    view.unmount();

    renderApp("/");
    await screen.findByRole("article", { name: story.title });
    expect(storyLink(story.title)).not.toHaveAccessibleDescription();
  });

  it("marks every story published up to now as read, and remembers it", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2024-03-05T12:00:00.000Z") });
    const before = makeArticle({ title: "Published this morning", publishedAt: "2024-03-05T09:00:00.000Z" });
    const after = makeArticle({ title: "Scheduled for tonight", publishedAt: "2024-03-05T20:00:00.000Z" });
    serve(siteFiles([before, after]));
    const first = renderApp("/");
    await screen.findByRole("article", { name: before.title });

    await first.user.click(screen.getByRole("button", { name: "Mark all as read" }));
    expect(screen.getByText("Every story so far is marked as read.")).toHaveRole("status");
    expect(storyLink(before.title)).not.toHaveAccessibleDescription();
    expect(storyLink(after.title)).toHaveAccessibleDescription("Unread");
    first.unmount();

    renderApp("/");
    await screen.findByRole("article", { name: before.title });
    expect(storyLink(before.title)).not.toHaveAccessibleDescription();
    expect(storyLink(after.title)).toHaveAccessibleDescription("Unread");
  });

  it("keeps a bounded list of stories read, however many are opened", async () => {
    const earliest = makeArticle({ title: "Read long ago", publishedAt: "2024-01-01T00:00:00.000Z" });
    const latest = makeArticle({ title: "Read just now", publishedAt: "2024-01-02T00:00:00.000Z" });
    markRead(earliest);
    for (let i = 0; i < 598; i += 1) markRead({ id: `another-story-${i}`, publishedAt: "2024-01-01T12:00:00.000Z" });
    markRead(latest);

    const stored = localStorage.getItem("broadsheet-read") ?? "";
    expect(JSON.parse(stored).read).toHaveLength(500);
    expect(stored.length).toBeLessThan(25_000);

    // The earliest read are the ones forgotten: they show as unread again.
    serve(siteFiles([earliest, latest]));
    renderApp("/");
    await screen.findByRole("article", { name: earliest.title });
    expect(storyLink(earliest.title)).toHaveAccessibleDescription("Unread");
    expect(storyLink(latest.title)).not.toHaveAccessibleDescription();
  });
});

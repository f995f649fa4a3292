import { render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../src/app/app.tsx";
import type { ListHead } from "../../src/contract/types.ts";
import { themeStore } from "../../src/features/theme/theme-store.ts";
import { createQueryClient } from "../../src/lib/queries.ts";
import { bucketPathOf, siteFiles, headPathOf, makeArticle, makeArticles, renderApp, serve, toSummary } from "./harness.tsx";

const FAILED = "This page couldn’t be shown";

// React reports every error a boundary catches on the console; here they are the point.
beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const mainNav = () => within(screen.getByRole("navigation", { name: "Main" }));

/** The view's place says what went wrong and offers a way out; the header around it still works. */
async function expectFailedView() {
  expect(await screen.findByRole("heading", { level: 1, name: FAILED })).toBeInTheDocument();
  expect(screen.getByText(/Something on it is damaged or in a form Broadsheet can’t show/)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to all stories" })).toHaveAttribute("href", "/");
  expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
  expect(mainNav().getByRole("link", { name: "Front page" })).toBeInTheDocument();
  // The title follows the view in an effect, so it is waited for like anything else the view does.
  await waitFor(() => expect(document.title).toBe(`${FAILED} · Broadsheet`));
}

describe("a record that cannot be shown", () => {
  const story = makeArticle({ title: "Ports reopen after the storm", publishedAt: "2024-05-01T08:00:00.000Z" });
  const others = makeArticles(2);

  it.each([
    ["topics that are not a list", { topics: "x" }],
    ["no story coverage", { story: undefined }],
  ])("an article with %s shows a message in its place, and the header leads on", async (_, damage) => {
    const site = siteFiles([story, ...others]);
    const server = serve(site);
    const bucket = site.files.get(bucketPathOf(site, story)) as { articles: Record<string, object> };
    server.serveJson(bucketPathOf(site, story), { articles: { ...bucket.articles, [story.id]: { ...bucket.articles[story.id], ...damage } } });
    const { user } = renderApp(`/articles/${story.id}`);

    await expectFailedView();

    await user.click(mainNav().getByRole("link", { name: "Front page" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Latest stories" })).toBeInTheDocument();
    expect(await screen.findByRole("article", { name: story.title })).toBeInTheDocument();
  });

  it("a feed page with a title that is not text shows a message, and the next view shows again", async () => {
    const site = siteFiles([story, ...others]);
    const server = serve(site);
    const first = headPathOf(site, null);
    const page = site.files.get(first) as ListHead;
    server.serveJson(first, { ...page, items: [{ ...page.items[0], title: { text: story.title } }, ...page.items.slice(1)] });
    const { user } = renderApp("/");

    await expectFailedView();

    await user.click(mainNav().getByRole("link", { name: "Topics" }));
    expect(await screen.findByRole("heading", { level: 1, name: "All topics" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: FAILED })).not.toBeInTheDocument();
  });
});

describe("a failure outside any view", () => {
  it("still shows a message with a way home and a reload, never a blank page", async () => {
    serve(siteFiles(makeArticles(1)));
    // The header reads the theme from storage as it renders: here, storage fails in a way nothing expected.
    vi.spyOn(themeStore, "get").mockImplementation(() => {
      throw new Error("storage is broken");
    });
    window.history.replaceState(null, "", "/");
    render(<App queryClient={createQueryClient()} />);

    expect(await screen.findByRole("heading", { level: 1, name: "Broadsheet couldn’t be shown" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to all stories" })).toHaveAttribute("href", "/");
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
  });
});

describe("what this device stored, damaged", () => {
  const kept = makeArticle({ title: "Kept: a story saved whole", publishedAt: "2024-05-02T08:00:00.000Z" });
  const alsoKept = makeArticle({ title: "Also kept: an older save", publishedAt: "2024-05-01T08:00:00.000Z" });
  const damaged = makeArticle({ title: "Damaged: left out", publishedAt: "2024-04-30T08:00:00.000Z" });
  const saved = (story: object, savedAt: unknown = "2024-06-01T10:00:00.000Z") => ({ story, savedAt });
  const savedTitles = () =>
    within(screen.getByRole("feed", { name: "Saved stories" }))
      .getAllByRole("article")
      .map((story) => within(story).getByRole("heading", { level: 2 }).textContent);

  beforeEach(() => localStorage.clear());

  it("saved stories that cannot be shown are left out one by one; the rest are listed, each once", async () => {
    serve(siteFiles([kept, alsoKept, damaged]));
    const whole = toSummary(damaged);
    localStorage.setItem(
      "broadsheet-saved",
      JSON.stringify([
        saved(toSummary(kept)),
        "not an entry",
        null,
        saved({ ...whole, publishedAt: "not a date" }),
        saved({ ...whole, publishedAt: "2024-02-30T08:00:00.000Z" }),
        saved(whole, "not a date"),
        saved({ ...whole, topics: "x" }),
        saved({ ...whole, title: 42 }),
        saved({ ...whole, provider: { name: { text: "The Daily" } } }),
        saved({ id: damaged.id, title: damaged.title }),
        saved(toSummary(kept)),
        saved(toSummary(alsoKept)),
      ]),
    );
    renderApp("/saved");

    expect(await screen.findByRole("heading", { level: 1, name: "Saved stories" })).toBeInTheDocument();
    expect(savedTitles()).toEqual([kept.title, alsoKept.title]);
    expect(screen.queryByText(damaged.title)).not.toBeInTheDocument();
  });

  it.each([
    ["text that is not JSON", "[{\"story\":"],
    ["JSON of another shape", JSON.stringify({ story: "x" })],
  ])("saved stories stored as %s show as none saved", async (_, stored) => {
    serve(siteFiles([kept]));
    localStorage.setItem("broadsheet-saved", stored);
    const { user } = renderApp("/saved");

    expect(await screen.findByText(/No saved stories yet/)).toBeInTheDocument();
    // Saving again works, over whatever was there.
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Front page" }));
    await user.click(await screen.findByRole("button", { name: `Save ${kept.title}` }));
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Saved" }));
    expect(await screen.findByRole("article", { name: kept.title })).toBeInTheDocument();
  });

  it("read state keeps the stories it can tell were read, and drops the rest", async () => {
    serve(siteFiles([kept, alsoKept, damaged]));
    localStorage.setItem(
      "broadsheet-read",
      JSON.stringify({ until: "not a date", read: [[kept.id, Date.parse(kept.publishedAt)], [alsoKept.id, "not a date"], "x", [damaged.id]] }),
    );
    renderApp("/");

    const link = (title: string) => within(screen.getByRole("article", { name: title })).getByRole("link", { name: title });
    await screen.findByRole("article", { name: kept.title });
    expect(link(kept.title)).not.toHaveAccessibleDescription();
    expect(link(alsoKept.title)).toHaveAccessibleDescription("Unread");
    expect(link(damaged.title)).toHaveAccessibleDescription("Unread");
  });

  it("read state that is not JSON counts every story as unread", async () => {
    serve(siteFiles([kept]));
    localStorage.setItem("broadsheet-read", "{until:");
    renderApp("/");
    const story = await screen.findByRole("article", { name: kept.title });
    expect(within(story).getByRole("link", { name: kept.title })).toHaveAccessibleDescription("Unread");
  });

  it("a theme that is none of the choices follows the system", async () => {
    serve(siteFiles([kept]));
    localStorage.setItem("broadsheet-theme", "{\"dark\":true}");
    renderApp("/");
    expect(await screen.findByRole("button", { name: "Theme: System" })).toBeInTheDocument();
  });
});

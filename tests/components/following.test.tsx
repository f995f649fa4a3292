import { act, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { FollowingNav } from "../../src/features/following/following-nav.tsx";
import { siteFiles, headPathOf, makeArticle, renderApp, serve, topic } from "./harness.tsx";

const STORED = "broadsheet-following";
const ai = topic("AI");
const climate = topic("Climate");
const mint = { name: "Mint", domain: "livemint.com" };
const wire = { name: "The Wire", domain: "thewire.example" };

// Newest first: A to G. AI has A, C, E, F; The Wire has B, D, F; neither has G.
const articles = [
  makeArticle({ title: "A: chips ration", publishedAt: "2024-05-07T10:00:00.000Z", topics: [ai], provider: mint }),
  makeArticle({ title: "B: floods return", publishedAt: "2024-05-06T10:00:00.000Z", topics: [climate], provider: wire }),
  makeArticle({ title: "C: models forecast storms", publishedAt: "2024-05-05T10:00:00.000Z", topics: [ai, climate], provider: mint }),
  makeArticle({ title: "D: old heatwave", publishedAt: "2024-04-01T10:00:00.000Z", topics: [climate], provider: wire }),
  makeArticle({ title: "E: robot referees", publishedAt: "2024-03-01T10:00:00.000Z", topics: [ai], provider: mint }),
  makeArticle({ title: "F: solar record", publishedAt: "2024-02-01T10:00:00.000Z", topics: [climate, ai], provider: wire }),
  makeArticle({ title: "G: rain returns", publishedAt: "2024-01-01T10:00:00.000Z", topics: [climate], provider: mint }),
];

const followed = (...entries: { source: { topic: string } | { provider: string }; name: string }[]) =>
  localStorage.setItem(STORED, JSON.stringify(entries));

const storyTitles = (feed: HTMLElement) =>
  within(feed)
    .getAllByRole("article")
    .map((story) => within(story).getByRole("heading").textContent?.slice(0, 1));

beforeEach(() => localStorage.clear());

describe("following a topic or an outlet", () => {
  it("a topic is followed from its page, and unfollowed", async () => {
    serve(siteFiles(articles));
    const { user } = renderApp("/topics/ai");

    const follow = await screen.findByRole("button", { name: "Follow AI", pressed: false });
    await waitFor(() => expect(follow).toBeEnabled());
    expect(follow).toHaveTextContent(/^Follow AI$/);
    await user.click(follow);
    expect(screen.getByRole("button", { name: "Follow AI", pressed: true })).toBeVisible();
    // The visible word says the state ("Following", then the name for screen readers); the name stays the same.
    expect(follow).toHaveTextContent(/^Following AI$/);

    await user.click(follow);
    expect(screen.getByRole("button", { name: "Follow AI", pressed: false })).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem(STORED) ?? "null")).toEqual([]);
  });

  it("an outlet is followed from its page, and it is still followed when the page is opened again", async () => {
    serve(siteFiles(articles));
    const first = renderApp("/providers/thewire.example");
    const follow = await screen.findByRole("button", { name: "Follow The Wire", pressed: false });
    await waitFor(() => expect(follow).toBeEnabled());
    await first.user.click(follow);
    expect(follow).toHaveAttribute("aria-pressed", "true");
    first.unmount();

    expect(JSON.parse(localStorage.getItem(STORED) ?? "null")).toEqual([{ source: { provider: "thewire.example" }, name: "The Wire" }]);
    renderApp("/providers/thewire.example");
    expect(await screen.findByRole("button", { name: "Follow The Wire", pressed: true })).toBeInTheDocument();
  });

  it("shows a follow made in another tab", async () => {
    serve(siteFiles(articles));
    renderApp("/topics/ai");
    await screen.findByRole("button", { name: "Follow AI", pressed: false });

    act(() => {
      followed({ source: { topic: "ai" }, name: "AI" });
      window.dispatchEvent(new StorageEvent("storage", { key: STORED }));
    });
    expect(screen.getByRole("button", { name: "Follow AI", pressed: true })).toBeInTheDocument();
  });

  it("keeps the readable entries of a damaged stored value and leaves out the rest", async () => {
    localStorage.setItem(
      STORED,
      JSON.stringify([
        { source: { topic: "ai" }, name: "AI" },
        42,
        { source: { topic: "../feed" }, name: "Feed" },
        { source: { provider: "thewire.example" } },
        { source: { topic: "climate", provider: "livemint.com" }, name: "Both" },
        { source: { topic: "ai" }, name: "AI again" },
      ]),
    );
    serve(siteFiles(articles));
    renderApp("/following");

    const feed = await screen.findByRole("feed", { name: "Stories you follow" });
    await waitFor(() => expect(storyTitles(feed)).toEqual(["A", "C", "E", "F"]));
  });

  it("survives a stored value that is not JSON", async () => {
    localStorage.setItem(STORED, "[{not json");
    serve(siteFiles(articles));
    renderApp("/topics/ai");
    expect(await screen.findByRole("button", { name: "Follow AI", pressed: false })).toBeInTheDocument();
  });
});

describe("the Following view", () => {
  it("merges the followed topics' and outlets' stories newest first, each story once", async () => {
    followed({ source: { topic: "ai" }, name: "AI" }, { source: { provider: "thewire.example" }, name: "The Wire" });
    serve(siteFiles(articles));
    renderApp("/following");

    expect(await screen.findByRole("heading", { level: 1, name: "Following" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Following · Broadsheet"));
    const feed = await screen.findByRole("feed", { name: "Stories you follow" });
    // F is about AI and from The Wire: it shows once. G is neither.
    await waitFor(() => expect(storyTitles(feed)).toEqual(["A", "B", "C", "D", "E", "F"]));
    expect(screen.getByText("Showing 6 of 6 stories")).toBeInTheDocument();
  });

  it("reads past the lists' first pages a page at a time", async () => {
    // Sixty stories, alternately about AI and from The Wire. The first page is merged from
    // the lists' heads (twenty each) and ends where AI's runs out: 20 of AI's, 19 of The Wire's.
    const many = Array.from({ length: 60 }, (_, i) =>
      makeArticle({
        title: `Story ${i + 1}`,
        publishedAt: new Date(Date.UTC(2024, 0, 1) - i * 3600_000).toISOString(),
        ...(i % 2 === 0 ? { topics: [ai] } : { provider: wire }),
      }),
    );
    followed({ source: { topic: "ai" }, name: "AI" }, { source: { provider: "thewire.example" }, name: "The Wire" });
    serve(siteFiles(many));
    const { user } = renderApp("/following");

    expect(await screen.findByText("Showing 39 stories so far")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Load more stories" }));
    expect(await screen.findByText("Showing 60 of 60 stories")).toBeInTheDocument();
  });

  it("says what to do when nothing is followed", async () => {
    serve(siteFiles(articles));
    renderApp("/following");

    expect(await screen.findByRole("heading", { level: 1, name: "Following" })).toBeInTheDocument();
    const main = screen.getByRole("main");
    expect(within(main).getByText(/^You aren’t following anything yet\. Follow a topic or an outlet from its page/)).toBeInTheDocument();
    expect(within(main).getByRole("link", { name: "Topics" })).toHaveAttribute("href", "/topics");
    expect(screen.queryByRole("feed")).not.toBeInTheDocument();
  });

  it("offline, shows the lists it has and says which are not saved", async () => {
    followed({ source: { topic: "ai" }, name: "AI" }, { source: { provider: "thewire.example" }, name: "The Wire" });
    const site = siteFiles(articles);
    const server = serve(site);
    server.unreachable(headPathOf(site, { provider: "thewire.example" }));
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    renderApp("/following");

    const feed = await screen.findByRole("feed", { name: "Stories you follow" });
    await waitFor(() => expect(storyTitles(feed)).toEqual(["A", "C", "E", "F"]));
    expect(screen.getByText("The Wire isn’t saved for offline reading. Connect to the internet to see its stories.")).toBeInTheDocument();
  });

  it("offers to stop following a list the data no longer has", async () => {
    followed({ source: { topic: "ai" }, name: "AI" }, { source: { topic: "gone" }, name: "Gone" });
    serve(siteFiles(articles));
    const { user } = renderApp("/following");

    expect(await screen.findByText("No story in Broadsheet is listed under Gone any more.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Follow Gone", pressed: true }));
    await waitFor(() => expect(screen.queryByText(/listed under Gone/)).not.toBeInTheDocument());
    const feed = screen.getByRole("feed", { name: "Stories you follow" });
    expect(storyTitles(feed)).toEqual(["A", "C", "E", "F"]);
  });
});

describe("FollowingNav", () => {
  const renderNav = (url: string) =>
    render(
      <MemoryRouter initialEntries={[url]}>
        <FollowingNav />
      </MemoryRouter>,
    );

  it("links the Following view and every followed topic and outlet, the current one marked", () => {
    followed({ source: { topic: "ai" }, name: "AI" }, { source: { provider: "thewire.example" }, name: "The Wire" }, { source: { topic: "climate" }, name: "Climate" });
    renderNav("/topics/climate");

    const nav = screen.getByRole("navigation", { name: "Following" });
    expect(within(nav).getByRole("link", { name: "Following" })).toHaveAttribute("href", "/following");
    const topics = within(nav).getByRole("list", { name: "Topics" });
    expect(within(topics).getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["AI", "/topics/ai"],
      ["Climate", "/topics/climate"],
    ]);
    expect(within(topics).getByRole("link", { name: "Climate" })).toHaveAttribute("aria-current", "page");
    const outlets = within(nav).getByRole("list", { name: "Outlets" });
    expect(within(outlets).getByRole("link", { name: "The Wire" })).toHaveAttribute("href", "/providers/thewire.example");
  });

  it("says how to fill it while nothing is followed, and lists a follow as it happens", () => {
    renderNav("/following");
    const nav = screen.getByRole("navigation", { name: "Following" });
    expect(within(nav).getByRole("link", { name: "Following" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByText(/Follow a topic or an outlet from its page/)).toBeInTheDocument();

    act(() => {
      followed({ source: { topic: "ai" }, name: "AI" });
      window.dispatchEvent(new StorageEvent("storage", { key: STORED }));
    });
    expect(within(nav).getByRole("link", { name: "AI" })).toHaveAttribute("href", "/topics/ai");
  });
});

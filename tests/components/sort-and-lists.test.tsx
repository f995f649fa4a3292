import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { siteFiles, makeArticle, renderApp, serve, topic } from "./harness.tsx";

const ai = topic("AI");
const climate = topic("Climate");
const mint = { name: "Mint", domain: "livemint.com" };
const wire = { name: "The Wire", domain: "www.thewire.example" };

// Newest first: A, B, C, D, E, F. Heat and quality disagree with age and with each other.
const articles = [
  makeArticle({ title: "A: chips ration", publishedAt: "2024-05-06T10:00:00.000Z", topics: [ai], heat: 10, quality: 20, provider: mint }),
  makeArticle({ title: "B: floods return", publishedAt: "2024-05-06T08:00:00.000Z", topics: [climate], heat: 90, quality: 50, provider: wire }),
  makeArticle({ title: "C: models forecast storms", publishedAt: "2024-05-05T10:00:00.000Z", topics: [ai, climate], heat: 70, quality: 95, provider: mint }),
  makeArticle({ title: "D: old heatwave", publishedAt: "2024-04-01T10:00:00.000Z", topics: [climate], heat: 100, provider: wire }),
  makeArticle({ title: "E: robot referees", publishedAt: "2024-03-01T10:00:00.000Z", topics: [ai], quality: 80, provider: mint }),
  makeArticle({ title: "F: solar record", publishedAt: "2024-02-01T10:00:00.000Z", topics: [climate, ai], heat: 5, provider: wire }),
];

const storyTitles = () =>
  within(screen.getByRole("feed"))
    .getAllByRole("article")
    .map((story) => within(story).getByRole("heading").textContent?.slice(0, 1));
const sortNav = () => screen.getByRole("navigation", { name: "Sort stories" });

describe("sort orders", () => {
  it("offers Latest, Hot and Top, each explained, with Latest chosen by default", async () => {
    serve(siteFiles(articles));
    renderApp("/");

    await screen.findByRole("feed", { name: "Latest stories" });
    const links = within(sortNav()).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["Latest", "Hot", "Top"]);
    expect(within(sortNav()).getByRole("link", { name: "Latest" })).toHaveAttribute("aria-current", "true");
    expect(within(sortNav()).getByRole("link", { name: "Hot" })).toHaveAccessibleDescription(/heat halves for every day/i);
    expect(within(sortNav()).getByRole("link", { name: "Top" })).toHaveAccessibleDescription(/quality/i);
    expect(storyTitles()).toEqual(["A", "B", "C", "D", "E", "F"]);
  });

  it("Hot ranks by heat faded with age, and the order is in the URL", async () => {
    serve(siteFiles(articles));
    const { user, location } = renderApp("/");

    await screen.findByRole("feed", { name: "Latest stories" });
    await user.click(within(sortNav()).getByRole("link", { name: "Hot" }));

    await screen.findByRole("heading", { level: 1, name: "Hot stories" });
    expect(location.current?.search).toBe("?sort=hot");
    await waitFor(() => expect(storyTitles()).toEqual(["B", "C", "A", "D", "F", "E"]));
    expect(within(sortNav()).getByRole("link", { name: "Hot" })).toHaveAttribute("aria-current", "true");
  });

  it("Top ranks by quality, unrated last, and keeps the order when a topic is chosen", async () => {
    serve(siteFiles(articles));
    const { user, location } = renderApp("/?sort=top");

    await screen.findByRole("heading", { level: 1, name: "Top stories" });
    await waitFor(() => expect(storyTitles()).toEqual(["C", "E", "B", "A", "D", "F"]));
    await user.click(within(screen.getByRole("navigation", { name: "Topics" })).getByRole("link", { name: /^Climate/ }));

    await screen.findByRole("heading", { level: 1, name: "Climate" });
    expect(location.current?.pathname).toBe("/topics/climate");
    expect(location.current?.search).toBe("?sort=top");
    await waitFor(() => expect(storyTitles()).toEqual(["C", "B", "D", "F"]));
  });

  it("treats an unknown order as Latest", async () => {
    serve(siteFiles(articles));
    renderApp("/?sort=best");
    await screen.findByRole("heading", { level: 1, name: "Latest stories" });
    await waitFor(() => expect(storyTitles()).toEqual(["A", "B", "C", "D", "E", "F"]));
  });
});

describe("outlet pages", () => {
  it("each story names its outlet as a link to the outlet's stories", async () => {
    serve(siteFiles(articles));
    const { user, location } = renderApp("/");

    const story = await screen.findByRole("article", { name: "B: floods return" });
    await user.click(within(story).getByRole("link", { name: "The Wire" }));

    await screen.findByRole("heading", { level: 1, name: "The Wire" });
    expect(location.current?.pathname).toBe("/providers/thewire.example");
    await screen.findByRole("feed", { name: "Stories from The Wire" });
    expect(storyTitles()).toEqual(["B", "D", "F"]);
    await waitFor(() => expect(document.title).toBe("The Wire · Broadsheet"));
  });

  it("says so for an outlet with no stories, and for an address that is not a domain", async () => {
    serve(siteFiles(articles));
    renderApp("/providers/nowhere.example");
    expect(await screen.findByRole("heading", { level: 1, name: "Outlet not found" })).toBeInTheDocument();
  });

  it("refuses an address that is not a domain without asking the host", async () => {
    const server = serve(siteFiles(articles));
    renderApp("/providers/..%2Ffeed");
    expect(await screen.findByRole("heading", { level: 1, name: "Outlet not found" })).toBeInTheDocument();
    expect(server.requests.some((path) => path.includes("providers"))).toBe(false);
  });

  it("the article view links its outlet too", async () => {
    serve(siteFiles(articles));
    renderApp(`/articles/${articles[2].id}`);
    await screen.findByRole("heading", { level: 1, name: "C: models forecast storms" });
    // Under the headline, and again in Full coverage.
    const links = screen.getAllByRole("link", { name: "Mint" });
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toHaveAttribute("href", "/providers/livemint.com");
  });
});

describe("several topics at once", () => {
  it("any-of merges the topics' stories newest first, each story once", async () => {
    serve(siteFiles([...articles, makeArticle({ title: "G: no topic", publishedAt: "2024-05-07T10:00:00.000Z" })]));
    renderApp("/?topics=ai,climate");

    await screen.findByRole("heading", { level: 1, name: "Stories about AI or Climate" });
    await waitFor(() => expect(storyTitles()).toEqual(["A", "B", "C", "D", "E", "F"]));
    expect(screen.getByRole("link", { name: "Any of these" })).toHaveAttribute("aria-current", "true");
  });

  it("all-of keeps only stories with every topic, and switching is a link", async () => {
    serve(siteFiles(articles));
    const { user, location } = renderApp("/?topics=ai,climate");

    await screen.findByRole("heading", { level: 1, name: "Stories about AI or Climate" });
    await user.click(screen.getByRole("link", { name: "All of these" }));

    await screen.findByRole("heading", { level: 1, name: "Stories about AI and Climate" });
    expect(location.current?.search).toBe("?topics=ai,climate&match=all");
    await waitFor(() => expect(storyTitles()).toEqual(["C", "F"]));
  });

  it("merges in the chosen order too", async () => {
    serve(siteFiles(articles));
    renderApp("/?topics=ai,climate&sort=hot");
    await screen.findByRole("heading", { level: 1, name: "Stories about AI or Climate" });
    await waitFor(() => expect(storyTitles()).toEqual(["B", "C", "A", "D", "F", "E"]));
  });

  it("a topic is added from its page and removed from the combination", async () => {
    serve(siteFiles(articles));
    const { user, location } = renderApp("/topics/ai");

    await screen.findByRole("heading", { level: 1, name: "AI" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Add a topic" }), "Climate");
    await user.click(screen.getByRole("button", { name: "Add" }));

    await screen.findByRole("heading", { level: 1, name: "Stories about AI or Climate" });
    expect(location.current?.search).toBe("?topics=ai,climate");
    await user.click(screen.getByRole("link", { name: "Remove AI" }));

    await screen.findByRole("heading", { level: 1, name: "Climate" });
    expect(location.current?.pathname).toBe("/topics/climate");
  });

  it("says so when nothing has all the topics", async () => {
    serve(siteFiles(articles));
    renderApp("/?topics=ai,climate&match=all");
    await screen.findByRole("heading", { level: 1, name: "Stories about AI and Climate" });
    await waitFor(() => expect(storyTitles()).toEqual(["C", "F"]));
  });

  it("a topic that does not exist is not found", async () => {
    serve(siteFiles(articles));
    renderApp("/?topics=ai,nonexistent");
    expect(await screen.findByRole("heading", { level: 1, name: "Topic not found" })).toBeInTheDocument();
  });

  it("a single topic goes to its own page", async () => {
    serve(siteFiles(articles));
    const { location } = renderApp("/?topics=climate&sort=top");
    await screen.findByRole("heading", { level: 1, name: "Climate" });
    expect(location.current?.pathname).toBe("/topics/climate");
    expect(location.current?.search).toBe("?sort=top");
  });
});

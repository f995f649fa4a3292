import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { SearchManifest, SearchWordFile } from "../../src/contract/search.ts";
import { siteFiles, makeArticle, makeArticles, renderApp, serve, topic, type Site } from "./harness.tsx";

const budget = makeArticle({
  title: "Budget 2024: what changes for taxpayers",
  excerpt: "The new slabs take effect in April; most salaried filers pay less.",
  provider: { name: "Mint", domain: "livemint.com" },
  publishedAt: "2024-01-03T10:00:00.000Z",
  topics: [topic("Economy")],
});
const rail = makeArticle({
  title: "Rail fares rise in the new year",
  excerpt: "Commuters face higher prices after the budget squeeze.",
  provider: { name: "The Wire", domain: "thewire.example" },
  publishedAt: "2024-01-02T10:00:00.000Z",
  topics: [topic("Transport")],
});
const storm = makeArticle({ title: "Storm closes ports", publishedAt: "2024-01-01T10:00:00.000Z", topics: [topic("Weather")] });
const stories = [budget, rail, storm];

const SEARCH_DIR = dataPaths.shard("search", "x").replace(/x\.json$/, "");
const searchPaths = (requests: readonly string[]) => requests.filter((path) => path.startsWith(SEARCH_DIR));
const manifestPath = (site: Site) => dataPaths.shard("search", site.index.search);
const resultTitles = () =>
  within(screen.getByRole("feed", { name: "Search results" }))
    .getAllByRole("heading", { level: 2 })
    .map((heading) => heading.textContent);

describe("the search box", () => {
  it("sits in the header as a search landmark, its field named and focusable as #search-input", () => {
    serve(siteFiles(stories));
    renderApp("/");
    const form = within(screen.getByRole("banner")).getByRole("search");
    const field = within(form).getByRole("searchbox", { name: "Search stories" });
    expect(field).toHaveAttribute("id", "search-input");
    expect(within(form).getByRole("button", { name: "Search" })).toBeInTheDocument();
  });

  it("loads nothing of search on a first visit, and the search manifest once the reader focuses it", async () => {
    const site = siteFiles(stories);
    const server = serve(site);
    const { user } = renderApp("/");
    await screen.findByRole("article", { name: budget.title });
    expect(searchPaths(server.requests)).toEqual([]);

    await user.click(screen.getByRole("searchbox", { name: "Search stories" }));
    await waitFor(() => expect(searchPaths(server.requests)).toEqual([manifestPath(site)]));
  });

  it("searches on Enter: the query goes into the URL and the box keeps it", async () => {
    serve(siteFiles(stories));
    const { user, location } = renderApp("/");
    await user.type(screen.getByRole("searchbox", { name: "Search stories" }), "  budget {Enter}");

    await screen.findByRole("heading", { level: 1, name: "Search results for “budget”" });
    expect(location.current?.pathname).toBe("/search");
    expect(location.current?.search).toBe("?q=budget");
    expect(screen.getByRole("searchbox", { name: "Search stories" })).toHaveValue("budget");
    await screen.findByText("2 stories match “budget”.");
    await waitFor(() => expect(document.title).toBe("Search: budget · Broadsheet"));

    // Another view has no query: the box is empty again.
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Front page" }));
    await screen.findByRole("heading", { level: 1, name: "Latest stories" });
    expect(screen.getByRole("searchbox", { name: "Search stories" })).toHaveValue("");
  });
});

describe("the search view", () => {
  it("says how many stories match and lists them best first, each linking to its story with outlet and date", async () => {
    serve(siteFiles(stories));
    renderApp("/search?q=budget");

    expect(await screen.findByText("2 stories match “budget”.")).toHaveAttribute("role", "status");
    await waitFor(() => expect(resultTitles()).toEqual([budget.title, rail.title]));
    const first = screen.getByRole("article", { name: budget.title });
    expect(within(first).getByRole("link", { name: budget.title })).toHaveAttribute("href", `/articles/${budget.id}`);
    expect(within(first).getByRole("link", { name: "Mint" })).toHaveAttribute("href", "/providers/livemint.com");
    expect(within(first).getByText((_text, element) => element?.tagName === "TIME")).toHaveAttribute("datetime", budget.publishedAt);
    expect(within(first).getByRole("link", { name: "Economy" })).toHaveAttribute("href", "/topics/economy");
  });

  it("marks the query's words, and the longer words they begin, in titles, excerpts and outlets", async () => {
    serve(siteFiles(stories));
    renderApp("/search?q=budg%20WIRE");

    const story = await screen.findByRole("article", { name: rail.title });
    const marks = [...story.querySelectorAll("mark")].map((mark) => mark.textContent);
    expect(marks).toEqual(["Wire", "budget"]);
    expect(within(story).getByText((_text, element) => element?.className === "story__excerpt")).toHaveTextContent(
      "Commuters face higher prices after the budget squeeze.",
    );
  });

  it("shows text as text: markup in a title is never made into elements", async () => {
    const tricky = makeArticle({ title: "Tax <b>cuts</b> & <img src=x onerror=alert(1)> ahead" });
    serve(siteFiles([tricky]));
    const { container } = renderApp("/search?q=cuts");

    const link = await screen.findByRole("link", { name: tricky.title });
    expect(link.textContent).toBe(tricky.title);
    expect(within(link).getByText("cuts").tagName).toBe("MARK");
    expect(container.querySelector("main b, main img")).toBeNull();
  });

  it("shows a story once, found through any of the articles that cover it", async () => {
    // Both list the same coverage: one story, led by the newer article.
    const coverage = { title: "Wire copy", sourceUrl: "https://wire.example.com/summit", images: [] };
    const lead = makeArticle({ title: "Summit ends with a deal", publishedAt: "2024-02-02T00:00:00.000Z", related: [coverage] });
    const other = makeArticle({
      title: "Negotiators reach an accord",
      publishedAt: "2024-02-01T00:00:00.000Z",
      sourceUrl: "https://other.example.com/accord",
      related: [coverage],
    });
    serve(siteFiles([lead, other]));
    renderApp("/search?q=negotiators");

    await screen.findByText("1 story matches “negotiators”.");
    await waitFor(() => expect(resultTitles()).toEqual([lead.title]));
  });

  it("says so when nothing matches", async () => {
    serve(siteFiles(stories));
    renderApp("/search?q=zebra");
    expect(await screen.findByText("No stories match “zebra”.")).toHaveAttribute("role", "status");
    expect(screen.queryByRole("feed", { name: "Search results" })).toBeNull();
  });

  it("shows a hint for an empty query", async () => {
    const site = siteFiles(stories);
    const server = serve(site);
    renderApp("/search");
    expect(screen.getByRole("heading", { level: 1, name: "Search" })).toBeInTheDocument();
    expect(screen.getByText(/Type words in the search box/)).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Search · Broadsheet"));
    expect(searchPaths(server.requests)).toEqual([]);
  });

  it("shows ten at a time, and more on request", async () => {
    const many = makeArticles(25, { excerpt: "Another harbour story." });
    serve(siteFiles(many));
    const { user } = renderApp("/search?q=harbour");

    await screen.findByText("25 stories match “harbour”.");
    await waitFor(() => expect(resultTitles()).toHaveLength(10));
    expect(screen.getByText("Showing 10 of 25")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show more results" }));
    await waitFor(() => expect(resultTitles()).toHaveLength(20));
    await user.click(screen.getByRole("button", { name: "Show more results" }));
    await waitFor(() => expect(resultTitles()).toHaveLength(25));
    expect(resultTitles()[24]).toBe("Story 25");
    expect(screen.queryByRole("button", { name: "Show more results" })).toBeNull();
  });

  it("fetches only the word files its words are in and the summaries of the stories it shows", async () => {
    // 120 stories; only the 101st newest says "lighthouse".
    const many = makeArticles(120).map((story, i) => (i === 100 ? { ...story, excerpt: "A lighthouse keeper retires." } : story));
    const site = siteFiles(many);
    const server = serve(site);
    renderApp("/search?q=lighthouse");

    await screen.findByRole("article", { name: "Story 101" });
    const manifest = site.files.get(manifestPath(site)) as SearchManifest;
    const wordFiles = manifest.segments.flatMap((segment) => segment.files).map((name) => dataPaths.shard("search", name));
    const fetched = searchPaths(server.requests);
    const words = fetched.filter((path) => wordFiles.includes(path));
    expect(words).toHaveLength(1);
    expect(Object.keys((site.files.get(words[0]) as SearchWordFile).words)).toContain("lighthouse");
    // The manifest, the word file, the chunk that names the summary block, the block: each once, and nothing of the feed.
    expect(fetched).toHaveLength(4);
    expect(new Set(fetched).size).toBe(4);
    expect(server.requests.filter((path) => path.startsWith(dataPaths.shard("pages", "x").replace(/x\.json$/, "")))).toEqual([]);
  });

  it("offers to try again when the index cannot be fetched", async () => {
    const site = siteFiles(stories);
    const server = serve(site);
    server.serveStatus(manifestPath(site), 503);
    const { user } = renderApp("/search?q=budget");

    await user.click(await screen.findByRole("button", { name: "Retry" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Couldn’t load the search results");
    server.serveJson(manifestPath(site), site.files.get(manifestPath(site)));
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("2 stories match “budget”.")).toBeInTheDocument();
  });

  it("says a search needs a connection when offline and not made before", async () => {
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const site = siteFiles(stories);
    const server = serve(site);
    server.serveStatus(manifestPath(site), 503);
    renderApp("/search?q=budget");
    expect(await screen.findByText("This search isn’t saved for offline reading. Connect to the internet to search.")).toHaveRole("status");
  });
});

describe("search results in an order", () => {
  // "port" matches all three: in the title of the oldest, in the excerpts of the others.
  const ports = [
    makeArticle({ title: "Port strike ends", publishedAt: "2024-02-01T10:00:00.000Z", heat: 5, quality: 90 }),
    makeArticle({ title: "Shipping rates", excerpt: "The port reopens.", publishedAt: "2024-02-03T10:00:00.000Z", heat: 80, quality: 10 }),
    makeArticle({ title: "Dockers return", excerpt: "Port traffic recovers.", publishedAt: "2024-02-02T10:00:00.000Z", heat: 50, quality: 40 }),
  ];

  it("come best match first, and offer Latest, Hot and Top, each in the URL", async () => {
    serve(siteFiles(ports));
    const { user, location } = renderApp("/search?q=port");

    await waitFor(() => expect(resultTitles()[0]).toBe("Port strike ends"));
    const sort = screen.getByRole("navigation", { name: "Sort stories" });
    expect(within(sort).getByRole("link", { name: "Best match" })).toHaveAttribute("aria-current", "true");

    await user.click(within(sort).getByRole("link", { name: "Latest" }));
    expect(location.current?.search).toBe("?q=port&sort=latest");
    await waitFor(() => expect(resultTitles()).toEqual(["Shipping rates", "Dockers return", "Port strike ends"]));

    await user.click(within(sort).getByRole("link", { name: "Top" }));
    await waitFor(() => expect(resultTitles()).toEqual(["Port strike ends", "Dockers return", "Shipping rates"]));

    await user.click(within(sort).getByRole("link", { name: "Hot" }));
    await waitFor(() => expect(resultTitles()).toEqual(["Shipping rates", "Dockers return", "Port strike ends"]));
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { siteFiles, makeArticle, renderApp, serve, topic } from "./harness.tsx";

const climate = topic("Climate");
const articles = [
  makeArticle({ title: "Heatwave grips the north", topics: [climate], provider: { name: "Daily", domain: "daily.example.org" } }),
  makeArticle({ title: "Rates held steady", topics: [topic("Economy")], provider: { name: "Daily", domain: "daily.example.org" } }),
];

/** The feeds the page's head offers a feed reader, as [type, title, href]. */
const alternates = () =>
  [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => [
    link.getAttribute("type"),
    link.getAttribute("title"),
    link.getAttribute("href"),
  ]);

describe("Subscribe", () => {
  it("the feed links its RSS feed, with the JSON Feed next to it", async () => {
    serve(siteFiles(articles));
    renderApp("/");

    await screen.findByRole("heading", { level: 1, name: "Latest stories" });
    const rss = screen.getByRole("link", { name: "Subscribe (RSS)" });
    expect(rss).toHaveAttribute("href", "/feeds/latest.xml");
    expect(rss).toHaveAttribute("type", "application/rss+xml");
    expect(screen.getByRole("link", { name: "JSON Feed" })).toHaveAttribute("href", "/feeds/latest.json");
    // The site's feeds are in index.html's head; the app adds none of its own here.
    expect(alternates()).toEqual([]);
  });

  it("a topic links its own feeds, and offers them in the head only while it is shown", async () => {
    serve(siteFiles(articles));
    const { user } = renderApp("/topics/climate");

    await screen.findByRole("heading", { level: 1, name: "Climate" });
    expect(screen.getByRole("link", { name: "Subscribe (RSS)" })).toHaveAttribute("href", "/feeds/topics/climate.xml");
    expect(screen.getByRole("link", { name: "JSON Feed" })).toHaveAttribute("href", "/feeds/topics/climate.json");
    await waitFor(() =>
      expect(alternates()).toEqual([
        ["application/rss+xml", "Climate · Broadsheet", "/feeds/topics/climate.xml"],
        ["application/feed+json", "Climate · Broadsheet", "/feeds/topics/climate.json"],
      ]),
    );

    await user.click(within(screen.getByRole("navigation", { name: "Topics" })).getByRole("link", { name: /^All stories/ }));
    await screen.findByRole("heading", { level: 1, name: "Latest stories" });
    expect(alternates()).toEqual([]);
    expect(screen.getByRole("link", { name: "Subscribe (RSS)" })).toHaveAttribute("href", "/feeds/latest.xml");
  });

  it("an outlet's page offers no feed: only the site and its topics have one", async () => {
    serve(siteFiles(articles));
    renderApp("/providers/daily.example.org");

    await screen.findByRole("heading", { level: 1, name: "Daily" });
    expect(screen.queryByRole("link", { name: "Subscribe (RSS)" })).toBeNull();
    expect(alternates()).toEqual([]);
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TOP_TOPICS } from "../../src/contract/data-layout.ts";
import { siteFiles, headPathOf, makeArticle, renderApp, serve, topic, topicsPathOf } from "./harness.tsx";

const economy = topic("Economy");
const climate = topic("Climate");
const sport = topic("Sport");

const articles = [
  makeArticle({ title: "Rates held steady", publishedAt: "2024-05-06T10:00:00.000Z", topics: [economy] }),
  makeArticle({ title: "Heatwave grips the north", publishedAt: "2024-05-05T10:00:00.000Z", topics: [climate] }),
  makeArticle({ title: "Carbon tax debated", publishedAt: "2024-05-04T10:00:00.000Z", topics: [economy, climate] }),
  makeArticle({ title: "Cup final tonight", publishedAt: "2024-05-03T10:00:00.000Z", topics: [sport] }),
  makeArticle({ title: "Exports climb", publishedAt: "2024-05-02T10:00:00.000Z", topics: [economy] }),
];

const topicFilter = () => screen.getByRole("navigation", { name: "Topics" });
const storyTitles = () => screen.getAllByRole("article").map((story) => within(story).getByRole("heading").textContent);

describe("the topic filter", () => {
  it("lists all stories with their total, then each top topic with its count", async () => {
    serve(siteFiles(articles));
    renderApp("/");

    await screen.findByRole("navigation", { name: "Topics" });
    const chips = within(topicFilter()).getAllByRole("link");
    expect(chips.map((chip) => chip.textContent)).toEqual(["All stories 5", "Economy 3", "Climate 2", "Sport 1"]);
    expect(within(topicFilter()).getByRole("link", { name: "All stories 5" })).toHaveAttribute("href", "/");
    expect(within(topicFilter()).getByRole("link", { name: "Economy 3" })).toHaveAttribute("href", "/topics/economy");
    expect(within(topicFilter()).getByRole("link", { name: "All stories 5" })).toHaveAttribute("aria-current", "page");
  });

  it("shows only a topic's stories once it is chosen, under the topic's name", async () => {
    const site = siteFiles(articles);
    const server = serve(site);
    const { user, location } = renderApp("/");

    await screen.findByRole("article", { name: "Cup final tonight" });
    await user.click(within(topicFilter()).getByRole("link", { name: "Climate 2" }));

    const heading = await screen.findByRole("heading", { level: 1, name: "Climate" });
    // A screen reader user lands on the new view's heading, not back at the top of the page.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(location.current?.pathname).toBe("/topics/climate");
    await screen.findByRole("feed", { name: "Stories about Climate" });
    expect(storyTitles()).toEqual(["Heatwave grips the north", "Carbon tax debated"]);
    expect(within(topicFilter()).getByRole("link", { name: "Climate 2" })).toHaveAttribute("aria-current", "page");
    expect(within(topicFilter()).getByRole("link", { name: "All stories 5" })).not.toHaveAttribute("aria-current");
    expect(server.requests).toContain(headPathOf(site, { topic: "climate" }));
    await waitFor(() => expect(document.title).toBe("Climate · Broadsheet"));
  });

  it("goes back to every story from All stories", async () => {
    serve(siteFiles(articles));
    const { user, location } = renderApp("/topics/sport");

    await screen.findByRole("article", { name: "Cup final tonight" });
    expect(storyTitles()).toEqual(["Cup final tonight"]);
    await user.click(within(topicFilter()).getByRole("link", { name: "All stories 5" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Latest stories" })).toBeInTheDocument();
    expect(location.current?.pathname).toBe("/");
    await screen.findByRole("article", { name: "Rates held steady" });
    expect(storyTitles()).toHaveLength(5);
    expect(within(topicFilter()).getByRole("link", { name: "Sport 1" })).not.toHaveAttribute("aria-current");
  });

  it("opens a topic from the lead story's topic tag", async () => {
    const cup = articles.find((article) => article.title === "Cup final tonight");
    serve(siteFiles(cup ? [cup] : []));
    const { user } = renderApp("/");

    // The lead (the list's first story) carries its topics; the cards of the grid leave them to the story's page.
    const story = await screen.findByRole("article", { name: "Cup final tonight" });
    await user.click(within(within(story).getByRole("list", { name: "Topics" })).getByRole("link", { name: "Sport" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Sport" })).toBeInTheDocument();
    await screen.findByRole("feed", { name: "Stories about Sport" });
    expect(storyTitles()).toEqual(["Cup final tonight"]);
  });

  it("names a topic outside the top list from its own page, listed and marked in the filter, and links to every topic", async () => {
    const many = Array.from({ length: TOP_TOPICS + 1 }, (_, i) =>
      makeArticle({ title: `Story ${i + 1}`, topics: [topic(`Topic ${String(i + 1).padStart(2, "0")}`)] }),
    );
    const site = siteFiles(many);
    const rare = site.topics.topics[TOP_TOPICS];
    expect(site.index.topTopics).not.toContainEqual(rare);
    serve(site);
    renderApp(`/topics/${rare.slug}`);

    expect(await screen.findByRole("heading", { level: 1, name: rare.name })).toBeInTheDocument();
    // The topic being read is always in the filter, marked as chosen, even when it is not one of the most used.
    expect(within(topicFilter()).getByRole("link", { name: new RegExp(`^${rare.name}`) })).toHaveAttribute("aria-current", "page");
    expect(within(topicFilter()).getByRole("link", { name: `All ${TOP_TOPICS + 1} topics` })).toHaveAttribute("href", "/topics");
  });

  it("says a topic no story has is not found, with a way back to all stories", async () => {
    serve(siteFiles(articles));
    const { user } = renderApp("/topics/astronomy");

    expect(await screen.findByRole("heading", { level: 1, name: "Topic not found" })).toBeInTheDocument();
    expect(screen.queryByRole("feed")).not.toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Topic not found · Broadsheet"));

    await user.click(screen.getByRole("link", { name: "Back to all stories" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Latest stories" })).toBeInTheDocument();
  });

  it("treats a page that is not JSON (a host's SPA fallback) as not found", async () => {
    const site = siteFiles(articles);
    const server = serve(site);
    // A topic outside the index's top topics is looked up in the catalog.
    server.serveHtml(topicsPathOf(site));
    renderApp("/topics/astronomy");

    expect(await screen.findByRole("heading", { level: 1, name: "Topic not found" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says a topic failed to load, rather than that it does not exist, on a server error", async () => {
    const site = siteFiles(articles);
    const server = serve(site);
    server.serveStatus(headPathOf(site, { topic: "climate" }), 500);
    renderApp("/topics/climate");

    expect(await screen.findByRole("alert")).toHaveTextContent("Couldn’t load Stories about Climate");
    expect(screen.getByRole("heading", { level: 1, name: "Climate" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Topic not found" })).not.toBeInTheDocument();
  });

  // React Router decodes `..%2Ffeed` to `../feed`: it must never reach a data path.
  it("treats a slug that climbs out of the topics folder as not found", async () => {
    serve(siteFiles(articles));
    renderApp("/topics/..%2Ffeed");

    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Topic not found");
    await waitFor(() => expect(document.title).toBe("Topic not found · Broadsheet"));
    expect(screen.queryByRole("feed")).not.toBeInTheDocument();
  });
});

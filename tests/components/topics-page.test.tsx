import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TOP_TOPICS } from "../../src/contract/data-layout.ts";
import { siteFiles, makeArticle, renderApp, serve, topic, topicsPathOf } from "./harness.tsx";

/** More topics than the filter bar shows, one of them on two stories. */
const articles = [
  ...Array.from({ length: TOP_TOPICS + 5 }, (_, i) =>
    makeArticle({ title: `Story ${i + 1}`, topics: [topic(`Topic ${String(i + 1).padStart(2, "0")}`)] }),
  ),
  makeArticle({ title: "Another on Topic 07", topics: [topic("Topic 07")] }),
];

describe("the All topics page", () => {
  it("lists every topic, most covered first, each a link to its stories with a count", async () => {
    const site = siteFiles(articles);
    serve(site);
    renderApp("/topics");

    expect(await screen.findByRole("heading", { level: 1, name: "All topics" })).toBeInTheDocument();
    const first = await screen.findByRole("link", { name: "Topic 07" });
    const list = first.closest("ul") as HTMLElement;
    const links = within(list).getAllByRole("link");

    expect(links.map((link) => link.textContent)).toEqual(site.topics.topics.map((each) => each.name));
    expect(links).toHaveLength(TOP_TOPICS + 5);
    expect(within(list).getByRole("link", { name: "Topic 29" })).toHaveAttribute("href", "/topics/topic-29");
    expect(within(list).getAllByRole("listitem")[0]).toHaveTextContent("Topic 07 2 stories");
    expect(within(list).getAllByRole("listitem")[1]).toHaveTextContent("Topic 01 1 story");
    await waitFor(() => expect(document.title).toBe("All topics · Broadsheet"));
  });

  it("is reached from the main navigation", async () => {
    serve(siteFiles(articles));
    const { user } = renderApp("/");

    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Topics" }));

    expect(await screen.findByRole("heading", { level: 1, name: "All topics" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Topic 29" })).toBeInTheDocument();
  });

  it("opens a topic's stories", async () => {
    serve(siteFiles(articles));
    const { user } = renderApp("/topics");

    await user.click(await screen.findByRole("link", { name: "Topic 29" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Topic 29" })).toBeInTheDocument();
    expect(await screen.findByRole("article", { name: "Story 29" })).toBeInTheDocument();
  });

  it("says the topics failed to load, and Retry asks again", async () => {
    const site = siteFiles(articles);
    const server = serve(site);
    const path = topicsPathOf(site);
    server.serveStatus(path, 500);
    const { user } = renderApp("/topics");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn’t load the topics");

    server.serveJson(path, site.topics);
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("link", { name: "Topic 29" })).toBeInTheDocument();
  });
});


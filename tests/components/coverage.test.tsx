import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RelatedItem } from "../../src/contract/types.ts";
import { buildSite, makeArticle, renderApp, serve } from "./harness.tsx";

const coverage = (url: string, outlet: string, publishedAt?: string): RelatedItem => ({
  title: `${outlet} on it`,
  sourceUrl: url,
  provider: { name: outlet, domain: `${outlet.toLowerCase()}.example` },
  publishedAt,
  images: [],
});

const lead = makeArticle({
  title: "Rate decision surprises markets",
  publishedAt: "2024-05-03T10:00:00.000Z",
  provider: { name: "Herald", domain: "herald.example" },
  related: [coverage("https://wire.example/rates", "Wire", "2024-05-03T09:00:00.000Z"), coverage("https://daily.example/rates", "Daily", "2024-05-02T09:00:00.000Z")],
});
const follow = makeArticle({
  title: "Traders react to the rate decision",
  publishedAt: "2024-05-02T10:00:00.000Z",
  provider: { name: "Post", domain: "post.example" },
  related: [coverage("https://wire.example/rates", "Wire", "2024-05-03T09:00:00.000Z")],
});
const alone = makeArticle({ title: "Cup final tonight", publishedAt: "2024-05-01T10:00:00.000Z", provider: { name: "Herald", domain: "herald.example" } });

const feedTitles = () =>
  within(screen.getByRole("feed"))
    .getAllByRole("article")
    .map((story) => within(story).getByRole("heading").textContent);

describe("story clusters in the feed", () => {
  it("shows a story once, by its newest article, with how many outlets covered it", async () => {
    serve(buildSite([lead, follow, alone]));
    renderApp("/");

    await screen.findByRole("feed", { name: "Latest stories" });
    await waitFor(() => expect(feedTitles()).toEqual(["Rate decision surprises markets", "Cup final tonight"]));
    const card = screen.getByRole("article", { name: "Rate decision surprises markets" });
    expect(within(card).getByText("4 outlets")).toBeInTheDocument();
    // One outlet is no badge.
    expect(within(screen.getByRole("article", { name: "Cup final tonight" })).queryByText(/outlets/)).not.toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Topics" })).getByRole("link", { name: "All stories 2" })).toBeInTheDocument();
  });
});

describe("Full coverage in the article view", () => {
  it("lists the story's other articles and every outlet with its count, newest first", async () => {
    serve(buildSite([lead, follow, alone]));
    const { user } = renderApp(`/articles/${lead.id}`);

    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByText("4 outlets covered this story; Broadsheet has 1 other article about it.")).toBeInTheDocument();
    expect(within(section).getByRole("heading", { level: 3, name: "In this story" })).toBeInTheDocument();
    const outlets = within(section).getAllByRole("listitem").filter((item) => /piece/.test(item.textContent ?? ""));
    expect(outlets.map((item) => item.textContent?.replace(/ · latest.*$/, ""))).toEqual([
      "Herald 1 piece",
      "Wire 1 piece",
      "Post 1 piece",
      "Daily 1 piece",
    ]);
    expect(within(section).getByRole("link", { name: "Wire" })).toHaveAttribute("href", "/providers/wire.example");

    await user.click(within(section).getByRole("link", { name: "Traders react to the rate decision" }));
    await screen.findByRole("heading", { level: 1, name: "Traders react to the rate decision" });
    const again = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(again).getByRole("link", { name: "Rate decision surprises markets" })).toHaveAttribute("href", `/articles/${lead.id}`);
  });

  it("for a story told once, lists its outlet and says there is nothing else", async () => {
    serve(buildSite([lead, follow, alone]));
    renderApp(`/articles/${alone.id}`);
    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByText("1 outlet covered this story.")).toBeInTheDocument();
    expect(within(section).queryByRole("heading", { name: "In this story" })).not.toBeInTheDocument();
  });
});

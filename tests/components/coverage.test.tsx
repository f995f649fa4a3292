import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RelatedItem } from "../../src/contract/types.ts";
import { siteFiles, makeArticle, renderApp, serve } from "./harness.tsx";

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

describe("stories in the feed", () => {
  it("shows a story once, by its newest article, with other outlets' headlines and how many outlets covered it", async () => {
    serve(siteFiles([lead, follow, alone]));
    renderApp("/");

    await screen.findByRole("feed", { name: "Latest stories" });
    await waitFor(() => expect(feedTitles()).toEqual(["Rate decision surprises markets", "Cup final tonight"]));
    const card = screen.getByRole("article", { name: "Rate decision surprises markets" });
    // Up to three other outlets' headlines: Broadsheet's own articles first, then links out.
    const others = within(card).getByRole("list", { name: "Other outlets" });
    expect(others).toHaveAccessibleDescription("Rate decision surprises markets");
    expect(within(others).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Post Traders react to the rate decision",
      "Wire Wire on it (opens in a new tab)",
      "Daily Daily on it (opens in a new tab)",
    ]);
    expect(within(others).getByRole("link", { name: "Traders react to the rate decision" })).toHaveAttribute("href", `/articles/${follow.id}`);
    expect(within(others).getByRole("link", { name: /^Wire on it/ })).toHaveAttribute("rel", "noopener noreferrer");
    const full = within(card).getByRole("link", { name: "Full coverage · 4 outlets" });
    expect(full).toHaveAttribute("href", `/articles/${lead.id}`);
    expect(full).toHaveAccessibleDescription("Rate decision surprises markets");
    // One outlet: no other headlines, no coverage link.
    const single = screen.getByRole("article", { name: "Cup final tonight" });
    expect(within(single).queryByRole("list", { name: "Other outlets" })).not.toBeInTheDocument();
    expect(within(single).queryByText(/Full coverage/)).not.toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Topics" })).getByRole("link", { name: "All stories 2" })).toBeInTheDocument();
  });
});

describe("Full coverage in the article view", () => {
  const outletList = (section: HTMLElement) => within(section).getByRole("list", { name: "Outlets, newest first" });

  it("lists the story's other articles, the related coverage and every outlet with its count, newest first", async () => {
    serve(siteFiles([lead, follow, alone]));
    const { user } = renderApp(`/articles/${lead.id}`);

    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByText("4 outlets covered this story; Broadsheet has 1 other article about it.")).toBeInTheDocument();
    expect(within(section).getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent)).toEqual([
      "In Broadsheet",
      "Elsewhere",
      "Outlets, newest first",
    ]);
    const outlets = within(outletList(section)).getAllByRole("listitem");
    expect(outlets.map((item) => item.textContent?.replace(/ · latest.*$/, ""))).toEqual([
      "Herald 1 piece",
      "Wire 1 piece",
      "Post 1 piece",
      "Daily 1 piece",
    ]);

    const related = within(within(section).getByRole("list", { name: "Elsewhere" })).getAllByRole("link");
    expect(related.map((link) => [link.getAttribute("href"), link.getAttribute("rel")])).toEqual([
      ["https://wire.example/rates", "noopener noreferrer"],
      ["https://daily.example/rates", "noopener noreferrer"],
    ]);

    await user.click(within(section).getByRole("link", { name: "Traders react to the rate decision" }));
    await screen.findByRole("heading", { level: 1, name: "Traders react to the rate decision" });
    const again = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(again).getByRole("link", { name: "Rate decision surprises markets" })).toHaveAttribute("href", `/articles/${lead.id}`);
  });

  it("links an outlet's name to its page only when it has one: outlets seen only in related coverage are plain text", async () => {
    serve(siteFiles([lead, follow, alone]));
    renderApp(`/articles/${lead.id}`);

    const list = outletList(await screen.findByRole("region", { name: "Full coverage" }));
    expect(within(list).getByRole("link", { name: "Herald" })).toHaveAttribute("href", "/providers/herald.example");
    expect(within(list).getByRole("link", { name: "Post" })).toHaveAttribute("href", "/providers/post.example");
    for (const unlisted of ["Wire", "Daily"]) {
      expect(within(list).getByText(unlisted)).toBeInTheDocument();
      expect(within(list).queryByRole("link", { name: unlisted })).not.toBeInTheDocument();
    }
  });

  it("draws when each outlet published, with the same told outlet by outlet in the list", async () => {
    serve(siteFiles([lead, follow, alone]));
    renderApp(`/articles/${lead.id}`);

    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByRole("img", { name: "4 outlets published between 2 and 3 May 2024" })).toBeInTheDocument();
    // The chart's ends, for the eye; its name says them to everyone else.
    const figure = within(section).getByRole("figure");
    expect(within(figure).getByText("2 May 2024")).toBeInTheDocument();
    expect(within(figure).getByText("3 May 2024")).toBeInTheDocument();
    // The text equivalent: every outlet, with when its latest piece came out.
    const times = within(outletList(section))
      .getAllByRole("listitem")
      .map((item) => [item.textContent?.replace(/ .*$/, ""), within(item).getByRole("time").getAttribute("datetime")]);
    expect(times).toEqual([
      ["Herald", "2024-05-03T10:00:00.000Z"],
      ["Wire", "2024-05-03T09:00:00.000Z"],
      ["Post", "2024-05-02T10:00:00.000Z"],
      ["Daily", "2024-05-02T09:00:00.000Z"],
    ]);
  });

  it("says how many outlets the chart leaves out for want of a date, and gives times when all published on one day", async () => {
    const sameDay = makeArticle({
      title: "Storm closes the port",
      publishedAt: "2024-06-01T08:00:00.000Z",
      provider: { name: "Herald", domain: "herald.example" },
      related: [coverage("https://wire.example/storm", "Wire", "2024-06-01T17:30:00.000Z"), coverage("https://daily.example/storm", "Daily")],
    });
    serve(siteFiles([sameDay, alone]));
    renderApp(`/articles/${sameDay.id}`);

    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByRole("img", { name: "2 of 3 outlets published on 1 June 2024" })).toBeInTheDocument();
    const figure = within(section).getByRole("figure");
    expect(within(figure).getByText("1 Jun 2024, 08:00 UTC")).toBeInTheDocument();
    expect(within(figure).getByText("1 Jun 2024, 17:30 UTC")).toBeInTheDocument();
  });

  it("for a story told once, says so once and draws no chart", async () => {
    serve(siteFiles([lead, follow, alone]));
    renderApp(`/articles/${alone.id}`);
    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByText("Broadsheet knows of no other coverage of this story.")).toBeInTheDocument();
    expect(within(section).queryByRole("heading", { name: "In Broadsheet" })).not.toBeInTheDocument();
    expect(within(section).queryByRole("img")).not.toBeInTheDocument();
    expect(within(section).queryByRole("list")).not.toBeInTheDocument();
  });

  it("draws no chart for one outlet's pieces, however many", async () => {
    const first = makeArticle({ title: "Budget day: what to expect", publishedAt: "2024-07-01T08:00:00.000Z", provider: { name: "Herald", domain: "herald.example" } });
    const second = makeArticle({
      title: "Budget day: what it means",
      publishedAt: "2024-07-01T18:00:00.000Z",
      provider: { name: "Herald", domain: "herald.example" },
      related: [{ title: "Budget day: what to expect", sourceUrl: first.sourceUrl, images: [] }],
    });
    serve(siteFiles([first, second]));
    renderApp(`/articles/${second.id}`);

    const section = await screen.findByRole("region", { name: "Full coverage" });
    expect(within(section).getByText("1 outlet covered this story; Broadsheet has 1 other article about it.")).toBeInTheDocument();
    expect(within(within(section).getByRole("list", { name: "Outlets, newest first" })).getByRole("link", { name: "Herald" })).toBeInTheDocument();
    expect(within(section).queryByRole("img")).not.toBeInTheDocument();
  });
});

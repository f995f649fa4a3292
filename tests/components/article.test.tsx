import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/contract/types.ts";
import { bucketPathOf, siteFiles, makeArticle, makeArticles, renderApp, serve, topic } from "./harness.tsx";

const sensex = makeArticle({
  title: "Sensex rallies 500 points as banks gain",
  excerpt: "Lenders led a broad rally after the central bank held rates.",
  provider: { name: "Mint", domain: "livemint.com" },
  sourceUrl: "https://www.livemint.com/market/sensex-rallies.html",
  ampUrl: "https://www.livemint.com/amp/market/sensex-rallies.html",
  cdnAmpUrl: "https://www-livemint-com.cdn.ampproject.org/c/s/www.livemint.com/amp/market/sensex-rallies.html",
  publishedAt: "2024-05-06T10:00:00.000Z",
  topics: [topic("Markets"), topic("Banks")],
  images: [{ url: "https://images.example.com/bse.jpg", width: 1200, height: 675, title: "Traders at the exchange" }],
  related: [
    {
      title: "Banks lift Sensex to a record close",
      sourceUrl: "https://economictimes.example.com/banks-lift-sensex",
      provider: { name: "The Economic Times" },
      excerpt: "Private lenders added the most points.",
      ampUrl: "https://economictimes.example.com/amp/banks-lift-sensex",
      publishedAt: "2024-05-06T09:00:00.000Z",
      images: [],
    },
    {
      title: "Markets close higher for a third day",
      sourceUrl: "https://www.business-standard.com/markets/close-higher",
      excerpt: "Foreign buying continued.",
      images: [],
    },
    {
      title: "Click here to claim your prize",
      sourceUrl: "javascript:alert(document.cookie)",
      provider: { name: "Prize desk" },
      ampUrl: "javascript:alert(1)",
      images: [],
    },
  ],
});

/** Enough other stories that the buckets differ, so the right one must be asked for. */
const others = makeArticles(12);

const storyView = () => screen.getByRole("article", { name: sensex.title });
const coverage = () => screen.getByRole("region", { name: "Full coverage" });
/** The other outlets' pieces this article lists: they open at the outlet. */
const elsewhere = () => within(coverage()).getByRole("list", { name: "Elsewhere" });

async function openStory(article: Article = sensex) {
  const site = siteFiles([article, ...others], { articleBucketBits: 2 });
  const server = serve(site);
  const app = renderApp(`/articles/${article.id}`);
  await screen.findByRole("heading", { level: 1, name: article.title });
  return { ...app, site, server };
}

describe("the article view", () => {
  it("is headed by the story's title and says who published it", async () => {
    await openStory();

    expect(within(storyView()).getByText("Mint")).toBeInTheDocument();
    expect(within(storyView()).getByText("livemint.com")).toBeInTheDocument();
    expect(within(storyView()).getByText(sensex.excerpt as string)).toBeInTheDocument();
    expect(within(storyView()).getByRole("img", { name: "Traders at the exchange" })).toHaveAttribute("src", "https://images.example.com/bse.jpg");
    await waitFor(() => expect(document.title).toBe(`${sensex.title} · Broadsheet`));
  });

  it("asks only for the bucket that holds the story", async () => {
    const { site, server } = await openStory();

    const buckets = [...site.files.keys()].filter((path) => path.includes("/articles/"));
    expect(buckets.length).toBeGreaterThan(1);
    expect(server.requests.filter((path) => buckets.includes(path))).toEqual([bucketPathOf(site, sensex)]);
  });

  it("links to the story at its source, and to its other versions in words a reader knows", async () => {
    await openStory();

    expect(within(storyView()).getByRole("link", { name: /^Read at Mint/ })).toHaveAttribute("href", sensex.sourceUrl);
    expect(within(storyView()).getByText(/^Also:/)).toBeInTheDocument();
    expect(within(storyView()).getByRole("link", { name: /^faster mobile page/ })).toHaveAttribute("href", sensex.ampUrl);
    expect(within(storyView()).getByRole("link", { name: /^Google’s cached copy/ })).toHaveAttribute("href", sensex.cdnAmpUrl);
    // No jargon left.
    expect(screen.queryByRole("link", { name: /AMP/ })).not.toBeInTheDocument();
  });

  it("calls a copy on another cache a cached copy, not Google's", async () => {
    const elsewhereCached = makeArticle({
      title: "A story cached elsewhere",
      sourceUrl: "https://www.thehindu.com/news/cached.ece",
      cdnAmpUrl: "https://www-thehindu-com.amp-cache.example/c/s/www.thehindu.com/news/cached.ece",
    });
    await openStory(elsewhereCached);

    const view = screen.getByRole("article", { name: elsewhereCached.title });
    expect(within(view).getByRole("link", { name: /^cached copy/ })).toHaveAttribute("href", elsewhereCached.cdnAmpUrl);
    expect(within(view).queryByRole("link", { name: /faster mobile page|Google/ })).not.toBeInTheDocument();
  });

  it("names the host when the story has no provider, and leaves out AMP links it does not have", async () => {
    const bare = makeArticle({ title: "A story without a provider", sourceUrl: "https://www.thehindu.com/news/story.ece" });
    await openStory(bare);

    const view = screen.getByRole("article", { name: bare.title });
    expect(within(view).getByRole("link", { name: /^Read at thehindu\.com/ })).toHaveAttribute("href", bare.sourceUrl);
    expect(within(view).queryByRole("link", { name: /faster mobile page|cached copy/ })).not.toBeInTheDocument();
    expect(within(view).queryByText(/^Also:/)).not.toBeInTheDocument();
  });

  it("opens every link that leaves Broadsheet in a new tab, without opener or referrer", async () => {
    await openStory();

    const external = screen.getAllByRole("link").filter((link) => /^https?:/.test(link.getAttribute("href") ?? ""));
    // Read at, its faster mobile page and cached copy, two related titles and one related faster page.
    expect(external).toHaveLength(6);
    for (const link of external) {
      expect(link).toHaveAttribute("target", "_blank");
      expect(link).toHaveAttribute("rel", "noopener noreferrer");
      expect(link).toHaveAccessibleName(/\(opens in a new tab\)$/);
    }
  });

  it("links each of the story's topics to that topic's stories", async () => {
    const { user } = await openStory();

    const topics = within(storyView()).getByRole("list", { name: "Topics" });
    expect(within(topics).getByRole("link", { name: "Markets" })).toHaveAttribute("href", "/topics/markets");
    await user.click(within(topics).getByRole("link", { name: "Banks" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Banks" })).toBeInTheDocument();
  });

  it("has one coverage section, headed in order under the story's title", async () => {
    await openStory();

    expect(screen.getAllByRole("region", { name: /coverage/i })).toEqual([coverage()]);
    const headings = within(screen.getByRole("main"))
      .getAllByRole("heading")
      .map((heading) => `${heading.tagName} ${heading.textContent}`);
    expect(headings).toEqual([`H1 ${sensex.title}`, "H2 Full coverage", "H3 Elsewhere", "H3 Outlets, newest first"]);
    // The article is not alone: nothing says it is.
    expect(screen.queryByText(/no other coverage/i)).not.toBeInTheDocument();
  });

  it("lists related coverage with each outlet's title, provider, time, excerpt and faster page", async () => {
    await openStory();

    // Testing Library's accessible names drop the space before a nested span, hence `\s*` below.
    const [first, second] = within(elsewhere()).getAllByRole("listitem");

    const title = within(first).getByRole("link", { name: /^Banks lift Sensex to a record close/ });
    expect(title).toHaveAttribute("href", "https://economictimes.example.com/banks-lift-sensex");
    expect(title).toHaveAttribute("rel", "noopener noreferrer");
    expect(title).toHaveAttribute("target", "_blank");
    expect(within(first).getByText("The Economic Times")).toBeInTheDocument();
    expect(within(first).getByRole("time")).toHaveAttribute("datetime", "2024-05-06T09:00:00.000Z");
    expect(within(first).getByText("Private lenders added the most points.")).toBeInTheDocument();
    const faster = within(first).getByRole("link", { name: /^faster mobile page\s*of “Banks lift Sensex to a record close”/ });
    expect(faster).toHaveAttribute("href", "https://economictimes.example.com/amp/banks-lift-sensex");
    expect(faster).toHaveAttribute("rel", "noopener noreferrer");

    expect(within(second).getByRole("link", { name: /^Markets close higher for a third day/ })).toHaveAttribute(
      "href",
      "https://www.business-standard.com/markets/close-higher",
    );
    expect(within(second).getByText("business-standard.com")).toBeInTheDocument();
    expect(within(second).getByText("Foreign buying continued.")).toBeInTheDocument();
    expect(within(second).queryByRole("time")).not.toBeInTheDocument();
    expect(within(second).queryByRole("link", { name: /faster mobile page/ })).not.toBeInTheDocument();
  });

  it("never turns a javascript: address into a link", async () => {
    await openStory();

    const prize = within(elsewhere()).getAllByRole("listitem")[2];
    expect(within(prize).getByText("Click here to claim your prize")).toBeInTheDocument();
    expect(within(prize).queryByRole("link")).not.toBeInTheDocument();
    expect(within(prize).queryByText(/faster mobile page/)).not.toBeInTheDocument();
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it("says once, plainly, when the article is the story's only coverage", async () => {
    const alone = makeArticle({ title: "An exclusive", related: [] });
    await openStory(alone);

    expect(within(coverage()).getByRole("heading", { level: 2, name: "Full coverage" })).toBeInTheDocument();
    expect(screen.getAllByText(/coverage of this story/)).toHaveLength(1);
    expect(within(coverage()).getByText("Broadsheet knows of no other coverage of this story.")).toBeInTheDocument();
    expect(within(coverage()).queryByRole("list")).not.toBeInTheDocument();
    expect(within(coverage()).queryByRole("heading", { level: 3 })).not.toBeInTheDocument();
    expect(within(coverage()).queryByRole("img")).not.toBeInTheDocument();
    expect(screen.queryByText(/outlets? covered this story/)).not.toBeInTheDocument();
  });

  it("says a story that is not in its bucket is not found, with a way back", async () => {
    const site = siteFiles([sensex, ...others], { articleBucketBits: 2 });
    const server = serve(site);
    const missing = makeArticle({ title: "Never published" });
    const { user } = renderApp(`/articles/${missing.id}`);

    expect(await screen.findByRole("heading", { level: 1, name: "Story not found" })).toBeInTheDocument();
    expect(server.requests).toContain(bucketPathOf(site, missing));
    await waitFor(() => expect(document.title).toBe("Story not found · Broadsheet"));

    await user.click(screen.getByRole("link", { name: "Back to all stories" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Latest stories" })).toBeInTheDocument();
  });

  it("says a story is not found without asking for anything when its id could not exist", async () => {
    const server = serve(siteFiles([sensex, ...others], { articleBucketBits: 2 }));
    renderApp("/articles/not-an-article-id");

    expect(await screen.findByRole("heading", { level: 1, name: "Story not found" })).toBeInTheDocument();
    expect(server.requests.filter((path) => path.includes("/articles/"))).toEqual([]);
  });

  it("says a story is not found when its whole bucket is missing", async () => {
    const site = siteFiles([sensex, ...others], { articleBucketBits: 2 });
    const server = serve(site);
    server.serveStatus(bucketPathOf(site, sensex), 404);
    renderApp(`/articles/${sensex.id}`);

    expect(await screen.findByRole("heading", { level: 1, name: "Story not found" })).toBeInTheDocument();
  });

  it("says the story failed to load on a server error, and Retry asks again", async () => {
    const site = siteFiles([sensex, ...others], { articleBucketBits: 2 });
    const server = serve(site);
    const bucket = bucketPathOf(site, sensex);
    server.serveStatus(bucket, 500);
    const { user } = renderApp(`/articles/${sensex.id}`);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn’t load this story");
    expect(screen.queryByRole("heading", { name: "Story not found" })).not.toBeInTheDocument();

    server.serveJson(bucket, site.files.get(bucket));
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("heading", { level: 1, name: sensex.title })).toBeInTheDocument();
    expect(server.requestsFor(bucket)).toBe(2);
  });
});

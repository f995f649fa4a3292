import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { dataPaths } from "../../src/contract/data-layout.ts";
import { siteFiles, headPathOf, makeArticle, makeArticles, pagePathOf, renderApp, serve, topic } from "./harness.tsx";

const budget = makeArticle({
  title: "Budget 2024: what changes for taxpayers",
  excerpt: "The new slabs take effect in April; most salaried filers pay less.",
  provider: { name: "Mint", domain: "livemint.com" },
  publishedAt: "2019-12-22T12:58:00.000Z",
  topics: [topic("Economy"), topic("Budget")],
  images: [{ url: "https://images.example.com/budget.jpg", width: 640, height: 360 }],
});

const storyTitles = () => screen.getAllByRole("article").map((story) => within(story).getByRole("heading").textContent);

describe("the feed", () => {
  it("is headed Latest stories", async () => {
    serve(siteFiles([budget]));
    renderApp("/");

    expect(screen.getByRole("heading", { level: 1, name: "Latest stories" })).toBeInTheDocument();
    await screen.findByRole("article", { name: budget.title });
  });

  it("shows each story's title as a link to the story, with its excerpt, provider, date and topics", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2019-12-22T15:58:00.000Z") });
    serve(siteFiles([budget]));
    renderApp("/");

    const story = await screen.findByRole("article", { name: budget.title });
    expect(within(story).getByRole("link", { name: budget.title })).toHaveAttribute("href", `/articles/${budget.id}`);
    expect(within(story).getByText(budget.excerpt as string)).toBeInTheDocument();
    expect(within(story).getByText("Mint")).toBeInTheDocument();

    // How long ago for the eye; the date in words on hover and for a screen reader (in the reader's time zone).
    const time = within(story).getByText("3 hours ago").closest("time");
    expect(time).toHaveAttribute("datetime", "2019-12-22T12:58:00.000Z");
    expect(time?.title).toMatch(/^\w+day \d+ December 2019 at \d\d:\d\d$/);
    expect(time).toHaveTextContent(time?.title ?? "");

    const topics = within(story).getByRole("list", { name: "Topics" });
    expect(within(topics).getByRole("link", { name: "Economy" })).toHaveAttribute("href", "/topics/economy");
    expect(within(topics).getByRole("link", { name: "Budget" })).toHaveAttribute("href", "/topics/budget");
  });

  it("sizes the lead story's image before it loads, loads it at once and sends no referrer", async () => {
    serve(siteFiles([budget]));
    renderApp("/");

    const story = await screen.findByRole("article", { name: budget.title });
    // A decorative image (alt "") has no img role: the title beside it says what the story is.
    const image = within(story).getByRole("presentation");
    expect(image).toHaveAttribute("src", "https://images.example.com/budget.jpg");
    expect(image).toHaveAttribute("alt", "");
    expect(image).toHaveAttribute("width", "640");
    expect(image).toHaveAttribute("height", "360");
    // The lead story's picture is the first screen's largest: it does not wait to be scrolled near.
    expect(image).toHaveAttribute("loading", "eager");
    expect(image).toHaveAttribute("referrerpolicy", "no-referrer");
  });

  it("loads the other stories' pictures only when scrolled near", async () => {
    const stories = makeArticles(3).map((article, i) => ({ ...article, images: [{ url: `https://images.example.com/${i}.jpg`, width: 400, height: 300 }] }));
    serve(siteFiles(stories));
    renderApp("/");
    await screen.findByRole("article", { name: stories[2].title });
    const loading = screen.getAllByRole("presentation").map((image) => image.getAttribute("loading"));
    expect(loading).toEqual(["eager", "lazy", "lazy"]);
  });

  it("replaces an image that fails to load with a quiet panel", async () => {
    serve(siteFiles([budget]));
    renderApp("/");

    const story = await screen.findByRole("article", { name: budget.title });
    fireEvent.error(within(story).getByRole("presentation"));

    // The card's image is decorative: its stand-in is hidden from screen readers too.
    expect(story.querySelector(".image--missing")).toHaveAttribute("aria-hidden", "true");
    expect(within(story).queryByRole("img")).not.toBeInTheDocument();
    expect(story.querySelector("img")).toBeNull();
  });

  it("never loads an image whose address is not http(s)", async () => {
    const tracker = makeArticle({ title: "Tracked story", images: [{ url: "javascript:alert(1)", width: 10, height: 10 }] });
    serve(siteFiles([tracker]));
    renderApp("/");

    const story = await screen.findByRole("article", { name: tracker.title });
    expect(story.querySelector(".image--missing")).toBeInTheDocument();
    expect(story.querySelector("img")).toBeNull();
  });

  it("lists stories newest first", async () => {
    const older = makeArticle({ title: "Monday's story", publishedAt: "2024-03-04T09:00:00.000Z" });
    const newest = makeArticle({ title: "Wednesday's story", publishedAt: "2024-03-06T09:00:00.000Z" });
    const middle = makeArticle({ title: "Tuesday's story", publishedAt: "2024-03-05T09:00:00.000Z" });
    serve(siteFiles([older, newest, middle]));
    renderApp("/");

    await screen.findByRole("article", { name: newest.title });
    expect(storyTitles()).toEqual(["Wednesday's story", "Tuesday's story", "Monday's story"]);
  });

  it("loads the next page when asked and says how many stories are shown", async () => {
    const site = siteFiles(makeArticles(120));
    const server = serve(site);
    const { user } = renderApp("/");

    expect(await screen.findByText("Showing 20 of 120 stories")).toHaveRole("status");
    expect(server.requestsFor(pagePathOf(site, null, 20))).toBe(0);

    await user.click(screen.getByRole("button", { name: "Load more stories" }));
    expect(await screen.findByText("Showing 70 of 120 stories")).toHaveRole("status");
    expect(server.requestsFor(pagePathOf(site, null, 20))).toBe(1);

    await user.click(screen.getByRole("button", { name: "Load more stories" }));
    expect(await screen.findByText("Showing 120 of 120 stories")).toHaveRole("status");
    expect(screen.queryByRole("button", { name: "Load more stories" })).not.toBeInTheDocument();
    expect(screen.getByRole("feed", { name: "Latest stories" })).toBeInTheDocument();
  });

  it("marks the button busy while the next page loads", async () => {
    const site = siteFiles(makeArticles(120));
    const server = serve(site);
    const release = server.hold(pagePathOf(site, null, 20));
    const { user } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Load more stories" }));
    expect(screen.getByRole("button", { name: "Loading…" })).toBeDisabled();
    expect(screen.getByRole("feed", { name: "Latest stories" })).toHaveAttribute("aria-busy", "true");

    release();
    await screen.findByText("Showing 70 of 120 stories");
    expect(screen.getByRole("button", { name: "Load more stories" })).toBeEnabled();
  });

  it("keeps the stories it has when the next page fails, with a way to try again", async () => {
    const site = siteFiles(makeArticles(120));
    const server = serve(site);
    const page2 = pagePathOf(site, null, 20);
    server.serveStatus(page2, 500);
    const { user } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Load more stories" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn’t load more stories");
    expect(screen.getByRole("article", { name: "Story 1" })).toBeInTheDocument();

    server.serveJson(page2, site.files.get(page2));
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    await screen.findByText("Showing 70 of 120 stories");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says so when the feed fails to load, and Retry asks again", async () => {
    const site = siteFiles([budget]);
    const server = serve(site);
    const page1 = headPathOf(site, null);
    server.serveStatus(page1, 500);
    const { user } = renderApp("/");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn’t load Latest stories");
    expect(screen.queryByRole("article")).not.toBeInTheDocument();

    server.serveJson(page1, site.files.get(page1));
    await user.click(within(alert).getByRole("button", { name: "Retry" }));

    expect(await screen.findByRole("article", { name: budget.title })).toBeInTheDocument();
    expect(server.requestsFor(page1)).toBe(2);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says so when the site's index fails to load, and Retry asks again", async () => {
    const site = siteFiles([budget]);
    const server = serve(site);
    server.serveStatus(dataPaths.index, 503);
    const { user } = renderApp("/");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn’t load Broadsheet");

    server.serveJson(dataPaths.index, site.index);
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("article", { name: budget.title })).toBeInTheDocument();
  });

  it("announces that it is loading until the stories arrive", async () => {
    const site = siteFiles([budget]);
    const server = serve(site);
    const releaseIndex = server.hold(dataPaths.index);
    const releaseFeed = server.hold(headPathOf(site, null));
    renderApp("/");

    expect(await screen.findByText("Loading stories…")).toHaveRole("status");
    releaseIndex();
    expect(await screen.findByText("Loading Latest stories…")).toHaveRole("status");
    expect(screen.queryByRole("article")).not.toBeInTheDocument();

    releaseFeed();
    expect(await screen.findByRole("article", { name: budget.title })).toBeInTheDocument();
    expect(screen.getByText("Showing 1 of 1 story")).toHaveRole("status");
  });

  it("says when there are no stories yet", async () => {
    serve(siteFiles([]));
    renderApp("/");

    expect(await screen.findByText("No stories yet.")).toBeInTheDocument();
    expect(screen.queryByRole("feed")).not.toBeInTheDocument();
  });

  it("opens a story from its title", async () => {
    serve(siteFiles([budget]));
    const { user } = renderApp("/");

    await user.click(await screen.findByRole("link", { name: budget.title }));
    expect(await screen.findByRole("heading", { level: 1, name: budget.title })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /^Read at Mint/ })).toBeInTheDocument();
  });
});

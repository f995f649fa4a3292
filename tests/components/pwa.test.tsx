import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dataPaths } from "../../src/contract/data-layout.ts";
import { setPwaState } from "../../src/features/pwa/pwa-state.ts";
import { articleBucketQuery, createQueryClient } from "../../src/lib/queries.ts";
import { bucketPathOf, siteFiles, headPathOf, makeArticle, makeArticles, pagePathOf, renderApp, serve, topicsPathOf, type Site } from "./harness.tsx";

const story = makeArticle({ title: "Rail strike called off after late talks", publishedAt: "2024-06-01T08:00:00.000Z" });

function setOnline(online: boolean) {
  vi.spyOn(navigator, "onLine", "get").mockReturnValue(online);
  act(() => void window.dispatchEvent(new Event(online ? "online" : "offline")));
}

afterEach(() => {
  vi.restoreAllMocks();
  act(() => setPwaState({ applyUpdate: undefined, savedOffline: undefined }));
});

describe("offline", () => {
  it("says, politely, that the reader is offline and back again", async () => {
    serve(siteFiles([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });
    expect(screen.queryByText("Offline: showing saved stories")).not.toBeInTheDocument();

    setOnline(false);
    expect(screen.getByText("Offline: showing saved stories")).toHaveRole("status");
    setOnline(true);
    expect(screen.queryByText("Offline: showing saved stories")).not.toBeInTheDocument();
  });

  it("says a story was not saved for offline reading, with a way back, when its data cannot be had offline", async () => {
    const site = siteFiles([story, ...makeArticles(12)], { articleBucketBits: 2 });
    serve(site);
    const fetchOnline = vi.mocked(fetch).getMockImplementation();
    vi.mocked(fetch).mockImplementation(async (input, init) => {
      if (String(input).endsWith(bucketPathOf(site, story))) throw new TypeError("Failed to fetch");
      return (fetchOnline as typeof fetch)(input, init);
    });
    setOnline(false);
    const { queryClient } = renderApp(`/articles/${story.id}`);
    // The app's own retry policy, not the harness's "never": the story's query is made after the index loads.
    queryClient.setDefaultOptions(createQueryClient().getDefaultOptions());

    expect(await screen.findByRole("heading", { level: 1, name: "Not saved for offline reading" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to all stories" })).toHaveAttribute("href", "/");
    // Offline, asking again cannot help: the story's query settles after one failed try, no retry
    // pending (one would keep it fetching for 1 s, and count a second failure).
    const bucket = () => queryClient.getQueryState(articleBucketQuery(site.index, story.id).queryKey);
    await waitFor(() => expect(bucket()?.fetchStatus).toBe("idle"));
    expect(bucket()).toMatchObject({ status: "error", fetchFailureCount: 1 });
  });

  it("tells the reader what this device keeps for reading offline", async () => {
    serve(siteFiles([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });

    act(() => setPwaState({ savedOffline: "everything" }));
    expect(screen.getByText("Every story is saved on this device for reading offline.")).toBeInTheDocument();
    act(() => setPwaState({ savedOffline: "read" }));
    expect(screen.getByText("Stories you open are saved on this device for reading offline.")).toBeInTheDocument();
  });
});

describe("offline, a view whose data was never saved on this device", () => {
  const climate = { slug: "climate", name: "Climate" };
  const talks = makeArticle({
    title: "Climate talks run into the night",
    topics: [climate],
    provider: { name: "The Daily", domain: "daily.example.com" },
    publishedAt: "2024-06-02T08:00:00.000Z",
  });
  const notSaved = (text: string) => expect(screen.findByText(text)).resolves.toHaveRole("status");

  it.each([
    ["a topic, by its name", `/topics/${climate.slug}`, (site: Site) => headPathOf(site, { topic: climate.slug }), "Climate", "This topic isn’t saved for offline reading. Connect to the internet to see its stories."],
    ["a topic the index does not name", "/topics/tides", topicsPathOf, "Topic", "This topic isn’t saved for offline reading. Connect to the internet to see its stories."],
    ["an outlet, by its domain", "/providers/daily.example.com", (site: Site) => headPathOf(site, { provider: "daily.example.com" }), "daily.example.com", "This outlet isn’t saved for offline reading. Connect to the internet to see its stories."],
    ["a feed in another order", "/?sort=top", (site: Site) => headPathOf(site, null, "top"), "Top stories", "These stories aren’t saved for offline reading. Connect to the internet to see them."],
    ["the list of topics", "/topics", topicsPathOf, "All topics", "The list of topics isn’t saved for offline reading. Connect to the internet to see it."],
    ["every view, without the site's index", "/", () => dataPaths.index, "Latest stories", "Broadsheet’s stories aren’t saved for offline reading on this device. Connect to the internet to load them."],
  ])("%s says so in words, under its heading", async (_, url, path, heading, message) => {
    const site = siteFiles([talks, story]);
    serve(site).unreachable(path(site));
    setOnline(false);
    renderApp(url);

    expect(await screen.findByRole("heading", { level: 1, name: heading })).toBeInTheDocument();
    await notSaved(message);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("more stories of a list say so, and the ones shown stay", async () => {
    const site = siteFiles(makeArticles(60));
    serve(site).unreachable(pagePathOf(site, null, 50));
    renderApp("/");
    await screen.findByRole("article", { name: "Story 1" });
    setOnline(false);

    await userEvent.click(screen.getByRole("button", { name: "Load more stories" }));
    await notSaved("More stories aren’t saved for offline reading. Connect to the internet to load them.");
    expect(screen.getByRole("article", { name: "Story 1" })).toBeInTheDocument();
  });

  it("a story opened from a list keeps its title as the heading, with a way back", async () => {
    const site = siteFiles([talks, ...makeArticles(12)], { articleBucketBits: 2 });
    serve(site).unreachable(bucketPathOf(site, talks));
    renderApp("/");
    await screen.findByRole("article", { name: talks.title });
    setOnline(false);

    await userEvent.click(screen.getByRole("link", { name: talks.title }));
    expect(await screen.findByRole("heading", { level: 1, name: talks.title })).toBeInTheDocument();
    expect(screen.getByText("This story isn’t saved for offline reading. Connect to the internet to read it.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to all stories" })).toHaveAttribute("href", "/");
    await waitFor(() => expect(document.title).toBe(`${talks.title} · Broadsheet`));
  });
});

describe("updates", () => {
  it("offers new stories without interrupting, and refreshes only when asked", async () => {
    serve(siteFiles([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });
    expect(screen.queryByText("New stories available")).not.toBeInTheDocument();

    const applyUpdate = vi.fn();
    act(() => setPwaState({ applyUpdate }));
    expect(screen.getByText("New stories available").closest("[role=status]")).not.toBeNull();
    // Focus stays where the reader left it.
    expect(screen.getByRole("button", { name: "Refresh" })).not.toHaveFocus();

    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(applyUpdate).toHaveBeenCalledOnce();
  });

  it("can be put off with Later", async () => {
    serve(siteFiles([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });

    act(() => setPwaState({ applyUpdate: vi.fn() }));
    await userEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(screen.queryByText("New stories available")).not.toBeInTheDocument();
  });
});

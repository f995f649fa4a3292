import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setPwaState } from "../../src/features/pwa/pwa-state.ts";
import { articleBucketQuery, createQueryClient } from "../../src/lib/queries.ts";
import { bucketPathOf, buildSite, makeArticle, makeArticles, renderApp, serve } from "./harness.tsx";

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
    serve(buildSite([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });
    expect(screen.queryByText("Offline: showing saved stories")).not.toBeInTheDocument();

    setOnline(false);
    expect(screen.getByText("Offline: showing saved stories")).toHaveRole("status");
    setOnline(true);
    expect(screen.queryByText("Offline: showing saved stories")).not.toBeInTheDocument();
  });

  it("says a story was not saved for offline reading, with a way back, when its data cannot be had offline", async () => {
    const site = buildSite([story, ...makeArticles(12)], { articleBucketBits: 2 });
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
    serve(buildSite([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });

    act(() => setPwaState({ savedOffline: "everything" }));
    expect(screen.getByText("Every story is saved on this device for reading offline.")).toBeInTheDocument();
    act(() => setPwaState({ savedOffline: "read" }));
    expect(screen.getByText("Stories you open are saved on this device for reading offline.")).toBeInTheDocument();
  });
});

describe("updates", () => {
  it("offers new stories without interrupting, and refreshes only when asked", async () => {
    serve(buildSite([story]));
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
    serve(buildSite([story]));
    renderApp("/");
    await screen.findByRole("link", { name: story.title });

    act(() => setPwaState({ applyUpdate: vi.fn() }));
    await userEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(screen.queryByText("New stories available")).not.toBeInTheDocument();
  });
});

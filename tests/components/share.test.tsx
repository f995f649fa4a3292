import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { siteFiles, makeArticle, renderApp, serve } from "./harness.tsx";

const story = makeArticle({ title: "Leaders agree on a climate finance deal", sourceUrl: "https://news.example.com/climate" });
const pageUrl = `${window.location.origin}/articles/${story.id}`;

/** A browser with the Web Share API, its sheet answering as `share` does. */
function withWebShare(share: (data: ShareData) => Promise<void>) {
  const spy = vi.fn(share);
  Object.defineProperty(navigator, "share", { value: spy, configurable: true });
  return spy;
}

afterEach(() => {
  delete (navigator as { share?: unknown }).share;
});

async function openStory() {
  serve(siteFiles([story]));
  const view = renderApp(`/articles/${story.id}`);
  await screen.findByRole("heading", { level: 1, name: story.title });
  return view;
}

describe("sharing a story", () => {
  it("hands the story's title and its Broadsheet address to the Web Share API", async () => {
    const share = withWebShare(async () => {});
    const { user } = await openStory();

    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(share).toHaveBeenCalledWith({ title: story.title, url: pageUrl });
    expect(screen.queryByRole("button", { name: "Copy link" })).not.toBeInTheDocument();
  });

  it("treats a closed share sheet as a choice, and says so when sharing fails", async () => {
    withWebShare(async () => {
      throw new DOMException("Share canceled", "AbortError");
    });
    const { user } = await openStory();
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(screen.queryByText(/Couldn’t/)).not.toBeInTheDocument();

    withWebShare(async () => {
      throw new DOMException("Not allowed", "NotAllowedError");
    });
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(await screen.findByText("Couldn’t share this story.")).toHaveRole("status");
  });

  it("copies the link where there is no Web Share API, and says so", async () => {
    const { user } = await openStory();

    await user.click(screen.getByRole("button", { name: "Copy link" }));
    expect(await screen.findByText("Link copied")).toHaveRole("status");
    expect(await navigator.clipboard.readText()).toBe(pageUrl);
  });

  it("says so when the link could not be copied", async () => {
    const { user } = await openStory();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new DOMException("Denied", "NotAllowedError"));

    await user.click(screen.getByRole("button", { name: "Copy link" }));
    expect(await screen.findByText(/Couldn’t copy the link/)).toHaveRole("status");
    expect(screen.queryByText("Link copied")).not.toBeInTheDocument();
  });
});

import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { siteFiles, makeArticles, renderApp, serve } from "./harness.tsx";

describe("an address the app does not know", () => {
  it.each(["/no/such/page", "/articles", "/topics/economy/extra"])("shows Page not found at %s", async (url) => {
    serve(siteFiles(makeArticles(2)));
    renderApp(url);

    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to all stories" })).toHaveAttribute("href", "/");
    await waitFor(() => expect(document.title).toBe("Page not found · Broadsheet"));
  });

  it("leads back to all stories", async () => {
    serve(siteFiles(makeArticles(2)));
    const { user } = renderApp("/no/such/page");

    await user.click(await screen.findByRole("link", { name: "Back to all stories" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Latest stories" })).toBeInTheDocument();
    expect(await screen.findByRole("article", { name: "Story 1" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Latest stories · Broadsheet"));
  });
});

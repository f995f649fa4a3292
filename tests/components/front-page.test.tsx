import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { siteFiles, makeArticle, renderApp, serve } from "./harness.tsx";

const NOW = new Date("2026-11-30T15:00:00.000Z");
const at = (iso: string, title: string, outlet = "Herald") =>
  makeArticle({ title, publishedAt: iso, provider: { name: outlet, domain: `${outlet.toLowerCase().replace(/\W/g, "")}.example` } });

const today = at("2026-11-30T12:00:00.000Z", "Council passes the budget");
const yesterday = at("2026-11-29T09:00:00.000Z", "Storm closes the coast road", "The Wire");
const lastWeek = at("2026-11-25T09:00:00.000Z", "Rail strike called off", "Daily Post");
const lastYear = at("2025-06-01T09:00:00.000Z", "Harbour reopens");

const dayHeadings = () => [...document.querySelectorAll(".day-heading")].map((heading) => heading.textContent);

describe("the front page", () => {
  it("leads with the first story, and groups Latest by day for the past week, then by month", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    serve(siteFiles([today, yesterday, lastWeek, lastYear]));
    renderApp("/");

    const lead = await screen.findByRole("article", { name: today.title });
    expect(lead).toHaveClass("story--lead");
    expect(screen.getByRole("article", { name: yesterday.title })).not.toHaveClass("story--lead");
    // The time zone is the reader's: the test's stories sit mid-day, so every zone agrees.
    await waitFor(() => expect(dayHeadings()).toEqual(["Today", "Yesterday", "Wednesday 25 November", "June 2025"]));
    // Headings are for the eye: a feed owns only its stories, and each story's time says its date in words.
    for (const heading of document.querySelectorAll(".day-heading")) expect(heading).toHaveAttribute("aria-hidden", "true");
  });

  it("has no day headings in the Hot and Top orders", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    serve(siteFiles([today, yesterday]));
    renderApp("/?sort=top");
    await screen.findByRole("article", { name: today.title });
    expect(dayHeadings()).toEqual([]);
  });

  it("says how long ago within a week and the date after, with the date in words for hover and screen readers", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    serve(siteFiles([today, lastYear]));
    renderApp("/");

    const recent = (await screen.findByRole("article", { name: today.title })).querySelector("time");
    expect(recent).toHaveAttribute("datetime", today.publishedAt);
    expect(within(recent as HTMLElement).getByText("3 hours ago")).toHaveAttribute("aria-hidden", "true");
    expect(recent?.title).toMatch(/^Monday 30 November 2026 at \d\d:\d\d$/);
    expect(recent).toHaveTextContent(recent?.title ?? "");

    const old = screen.getByRole("article", { name: lastYear.title }).querySelector("time");
    expect(within(old as HTMLElement).getByText("1 Jun 2025")).toBeInTheDocument();
  });

  it("puts the view's title, sort, view switch, Mark all as read and Subscribe in one toolbar", async () => {
    serve(siteFiles([today]));
    renderApp("/");
    const heading = screen.getByRole("heading", { level: 1, name: "Latest stories" });
    const toolbar = heading.parentElement as HTMLElement;
    expect(within(toolbar).getByRole("navigation", { name: "Sort stories" })).toBeInTheDocument();
    expect(within(toolbar).getByRole("group", { name: "View" })).toBeInTheDocument();
    expect(within(toolbar).getByRole("button", { name: "Mark all as read" })).toBeInTheDocument();
    // The feeds are one click away, in a menu, not a row of their own.
    const subscribe = within(toolbar).getByText("Subscribe").closest("details") as HTMLElement;
    expect(within(subscribe).getByRole("link", { name: "Subscribe (RSS)" })).toHaveAttribute("href", "/feeds/latest.xml");
    expect(within(subscribe).getByRole("link", { name: "JSON Feed" })).toHaveAttribute("href", "/feeds/latest.json");
  });

  it("switches to Headlines and back, remembered on this device and drawn from the first paint", async () => {
    serve(siteFiles([today, yesterday]));
    const first = renderApp("/");
    await screen.findByRole("article", { name: today.title });
    const view = screen.getByRole("group", { name: "View" });
    expect(within(view).getByRole("button", { name: "Cards" })).toHaveAttribute("aria-pressed", "true");

    await first.user.click(within(view).getByRole("button", { name: "Headlines" }));
    expect(within(view).getByRole("button", { name: "Headlines" })).toHaveAttribute("aria-pressed", "true");
    expect(document.documentElement.dataset.listStyle).toBe("headlines");
    // index.html's inline script reads this key before the first paint.
    expect(localStorage.getItem("broadsheet-list-style")).toBe("headlines");
    first.unmount();

    const again = renderApp("/");
    await screen.findByRole("article", { name: today.title });
    expect(within(screen.getByRole("group", { name: "View" })).getByRole("button", { name: "Headlines" })).toHaveAttribute("aria-pressed", "true");
    await again.user.click(within(screen.getByRole("group", { name: "View" })).getByRole("button", { name: "Cards" }));
    expect(document.documentElement.dataset.listStyle).toBe("cards");
  });

  it("gives each outlet a monogram made here, beside its name", async () => {
    serve(siteFiles([yesterday]));
    renderApp("/");
    const story = await screen.findByRole("article", { name: yesterday.title });
    const outlet = within(story).getByRole("link", { name: "The Wire" });
    const mark = outlet.querySelector(".outlet-mark");
    expect(mark).toHaveTextContent("TW");
    expect(mark).toHaveAttribute("aria-hidden", "true");
    // No favicon service: nothing is loaded for it.
    expect(story.querySelectorAll("img")).toHaveLength(0);
  });

  it("has a compact bookmark on every card that says Saved once pressed", async () => {
    serve(siteFiles([today]));
    const { user } = renderApp("/");
    const story = await screen.findByRole("article", { name: today.title });
    const save = within(story).getByRole("button", { name: `Save ${today.title}` });
    expect(save).toHaveTextContent(/^Save$/);
    await user.click(save);
    expect(save).toHaveAttribute("aria-pressed", "true");
    expect(save).toHaveTextContent(/^Saved$/);
  });
});

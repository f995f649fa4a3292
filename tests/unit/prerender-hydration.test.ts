// @vitest-environment jsdom
/**
 * A prerendered page taken over by the app as the browser does it, with React's development
 * build, which reports any difference between the HTML and the first render: text,
 * elements and attributes alike (the production build in tests/browser/first-screen.test.ts
 * reports only the first two).
 */
import { createElement, StrictMode } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { prerender } from "react-dom/static";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../src/app/app.tsx";
import { pageStateScript, type PageRenderer, type PageState } from "../../src/contract/page-state.ts";
import { pagePaths } from "../../src/contract/pages.ts";
import { createQueryClient } from "../../src/lib/queries.ts";
import { dataFiles } from "../../src/pipeline/data-files.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { adoptHostIndex, prerenderedState, seedFrom } from "../../src/prerender/hydrate.ts";
import { createRenderer } from "../../src/prerender/server.tsx";
import { recordOf } from "./helpers.ts";

const model = buildSiteModel([
  recordOf("rivers.txt", { title: '"Ministers agree a plan for rivers"', topics: "\n  - Climate", sourceUrl: "https://outlet.example/rivers" }),
  recordOf("ports.txt", {
    title: '"Ports reopen after the strike"',
    topics: "\n  - Trade",
    sourceUrl: "https://outlet.example/ports",
    publishedDateTime: "2019-12-21T08:00:00Z",
    images: "\n  - url: https://images.example.org/port.jpg\n    width: 600\n    height: 300",
  }),
]);
const files = new Map([...dataFiles(model)].map((file) => [file.path, file.render()]));
/** A day after the newest story, years before the test runs: a first render on the reader's clock would say other times than the page. */
const BUILT_AT = Date.parse("2019-12-23T12:00:00Z");

let renderer: PageRenderer;
beforeAll(() => {
  renderer = createRenderer(async (path) => files.get(path));
  // jsdom scrolls nowhere and matches no media query.
  window.scrollTo = () => {};
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, dispatchEvent: () => false }) satisfies MediaQueryList;
  return () => renderer.close();
});

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  root = undefined;
  vi.restoreAllMocks();
});

/** The page at `path` as the build writes it, loaded at its address; then the app hydrates it as src/main.tsx does. */
async function hydrate(path: string) {
  const page = await renderer.render(path, BUILT_AT);
  if (!("body" in page)) throw new Error(page.error);
  // The page was drawn in this very realm, which no browser does: a render the server renderer
  // finished after a suspension (the lazily loaded article view) leaves its last contexts (the
  // StaticRouter's) in place until it renders again. An empty render sets them back.
  await prerender(createElement("p"));
  history.replaceState(null, "", path);
  document.body.innerHTML = `<div id="root">${page.body}</div>${pageStateScript(page.state)}`;
  const before = document.querySelector("#root h1");
  const said: string[] = [];
  for (const level of ["error", "warn"] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void said.push(args.map(String).join(" ")));
  const recoverable: unknown[] = [];
  const client = createQueryClient();
  const state = prerenderedState() as PageState;
  expect(seedFrom(client, state)).toBe(true);
  // The first render has everything but the host's index; whatever is asked for later is answered from the build's files.
  const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(async (url) => {
    const text = files.get(String(url).slice(1));
    return new Response(text ?? "Not found", { status: text ? 200 : 404, headers: { "Content-Type": "application/json" } });
  });
  expect(await adoptHostIndex(client, state)).toBe(true);
  root = hydrateRoot(document.getElementById("root") as HTMLElement, createElement(StrictMode, null, createElement(App, { queryClient: client })), {
    onRecoverableError: (error) => void recoverable.push(error),
  });
  return { before, said, recoverable, fetch, state };
}

describe("hydrating a prerendered page", () => {
  it.each([
    ["the home page", pagePaths.home, "Latest stories · Broadsheet", ["index.json"]],
    ["a topic's page", pagePaths.topic("trade"), "Trade · Broadsheet", ["index.json"]],
    // The page carries its own article: the rest of its group comes once the view is live.
    ["an article's page", pagePaths.article(model.articles[1].id), "Ports reopen after the strike · Broadsheet", ["index.json", "tables", "articles"]],
  ])("takes over %s without a mismatch, keeping the HTML's elements, with no fetch but the host's index and what the live view asks for", async (_name, path, title, asked) => {
    const { before, said, recoverable, fetch, state } = await hydrate(path);
    // The view's effects run once it is hydrated, the lazily loaded article view's too.
    await vi.waitFor(() => expect(document.title).toBe(title), { timeout: 10_000 });
    expect(recoverable).toEqual([]);
    expect(said.filter((line) => /hydrat|did(n't| not) match|server/i.test(line))).toEqual([]);
    await vi.waitFor(() => expect(fetch.mock.calls.map(([url]) => String(url).split("/")[2])).toEqual(asked));
    expect(document.querySelector("#root h1")).toBe(before);
    expect(state.path).toBe(path);
  });
});

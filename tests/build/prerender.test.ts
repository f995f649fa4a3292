// @vitest-environment jsdom
import { execFile } from "node:child_process";
import { readdir, readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viteBuildInChild } from "../../scripts/bench/build.ts";
import {
  pageStateIn,
  pageStateScript,
  PAGE_STATE_ID,
  rekeyed,
  withSharedValuesMarked,
  withSharedValuesRestored,
  type PageQuery,
  type PageState,
} from "../../src/contract/page-state.ts";
import { dataPaths } from "../../src/contract/data-layout.ts";
import type { SiteIndex, TopicCatalog } from "../../src/contract/types.ts";
import { STATE_DIR } from "../../src/pipeline/output.ts";
import { RENDERER_DIR } from "../../src/pipeline/publish/first-screen.ts";
import { SHELL_PAGE } from "../../src/pipeline/publish/page-head.ts";
import { articleText, removeDir, ROOT, tempContentDir, writeFiles } from "../unit/helpers.ts";

const BUILD_TIMEOUT = 120_000;
const SITE_URL = "https://news.example.com/";
/** A title that would close the state's <script>, open a comment and run a script of its own, were it not escaped. */
const HOSTILE = `</script><script>window.pwned = 1</script><!-- <b>Bold</b> & "quoted" 'text'`;

/** Other outlets' coverage, each item with its own outlet and a long excerpt. */
const coverage = (items: number) =>
  Array.from(
    { length: items },
    (_, n) =>
      `\n  - title: "Coverage number ${n}"\n    excerpt: "${"A long excerpt of the coverage, said at length. ".repeat(6)}"\n` +
      `    publishedDateTime: 2024-05-01T10:00:00Z\n    sourceUrl: https://outlet-${n}.example/coverage\n    provider:\n      name: Outlet ${n}\n      domain: outlet-${n}.example`,
  ).join("");

const story = (title: string, topic: string, hour: number, related = 0) =>
  articleText({
    title: JSON.stringify(title),
    publishedDateTime: new Date(Date.UTC(2024, 4, 1) + hour * 3_600_000).toISOString(),
    sourceUrl: `https://outlet.example/${hour}`,
    topics: `\n  - ${topic}`,
    ...(related > 0 ? { related: coverage(related) } : {}),
  });

let content: string;
let outDir: string;

/** `npm run build:data -- --outDir <outDir>` over the test's content, as a publisher runs it; its output. */
async function buildData(): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(ROOT, "scripts/build-data.ts"), "--outDir", outDir], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: content, SITE_URL },
  });
  return stdout + stderr;
}

beforeAll(async () => {
  // Past 32 articles the buckets split in two (articleBucketBitsFor): a new article then leaves one of them as it was.
  const fillers = Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`filler-${n}.txt`, story(`Markets report number ${n}`, "Markets", n)]));
  content = await tempContentDir({
    ...fillers,
    "one.txt": story(HOSTILE, "Trade", 100),
    "two.txt": story("Ministers agree a plan for rivers", "Climate", 99),
    // An article page whose first screen is larger than a stream sends in place (React's progressiveChunkSize, 12.8 kB).
    "three.txt": story("Ports reopen after the strike", "Trade", 98, 40),
  });
  outDir = await tempContentDir();
  // As `npm run build` runs, in a process of its own (this file runs in jsdom, to read pages as a browser parses them).
  await viteBuildInChild(content, outDir, { SITE_URL });
}, BUILD_TIMEOUT);
afterAll(() => Promise.all([removeDir(content), removeDir(outDir)]));

/** Every HTML page of the build, by path. */
async function pagesNow(): Promise<Map<string, string>> {
  const files = (await readdir(outDir, { recursive: true })).filter((path) => path.endsWith(".html") && !path.startsWith(STATE_DIR));
  return new Map(await Promise.all(files.map(async (path) => [path, await read(path)] as const)));
}

const read = (path: string) => readFile(join(outDir, path), "utf8");
/** A page as a reader without JavaScript, or a crawler, has it: parsed, no script run. */
const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");
const documentOf = async (path: string) => parse(await read(path));
const stateOf = async (path: string) => pageStateIn(await read(path)) as PageState;
/** What a page shows and holds, whichever build's index it was drawn with: its markup, and its data under the build's keys. */
function contentOf(html: string) {
  const state = pageStateIn(html) as PageState;
  return { markup: parse(html).getElementById("root")?.innerHTML, data: rekeyed(state.queries, state.buildId, "") };
}
const headings = (document: Document) => [...document.querySelectorAll("#root article h2")].map((heading) => heading.textContent);
const linkTo = (document: Document, name: string) => [...document.querySelectorAll<HTMLAnchorElement>("#root a")].find((link) => link.textContent === name);

describe("the first screen from HTML", { timeout: BUILD_TIMEOUT }, () => {
  it("writes the home page's stories as HTML: headings and real links, newest first", async () => {
    const document = await documentOf("index.html");
    expect(document.querySelector("#root h1")?.textContent).toBe("Latest stories");
    expect(headings(document).slice(0, 4)).toEqual([HOSTILE, "Ministers agree a plan for rivers", "Ports reopen after the strike", "Markets report number 39"]);
    expect(linkTo(document, "Ministers agree a plan for rivers")?.getAttribute("href")).toMatch(/^\/articles\/ministers-agree-a-plan-for-rivers-[0-9a-f]{8}$/);
    expect(linkTo(document, "Trade")?.getAttribute("href")).toBe("/topics/trade");
  });

  it("keeps hostile text as text: it neither leaves the embedded data nor adds an element", async () => {
    const html = await read("index.html");
    const document = parse(html);
    expect(html).not.toContain("<script>window.pwned");
    // The theme script, the app's module and the page's data: nothing else.
    expect([...document.querySelectorAll("script")].map((script) => script.getAttribute("type") ?? "inline")).toEqual(["inline", "module", "application/json"]);
    expect(document.querySelectorAll("#root b")).toHaveLength(0);
    const state = JSON.parse(document.getElementById(PAGE_STATE_ID)?.textContent ?? "null") as PageState;
    expect(JSON.stringify(state.queries)).toContain(JSON.stringify(HOSTILE));
    expect(state).toEqual(pageStateIn(html));
    expect(state.path).toBe("/");
  });

  it("writes topics/<slug>.html for every topic, with the topic's stories and its own head", async () => {
    const index = JSON.parse(await read(dataPaths.index)) as SiteIndex;
    const { topics } = JSON.parse(await read(dataPaths.shard("catalogs", index.topics))) as TopicCatalog;
    for (const topic of topics) expect((await stat(join(outDir, "topics", `${topic.slug}.html`))).isFile()).toBe(true);
    const document = await documentOf("topics/trade.html");
    expect(document.title).toBe("Trade · Broadsheet");
    expect(document.querySelector("#root h1")?.textContent).toBe("Trade");
    expect(headings(document)).toEqual([HOSTILE, "Ports reopen after the strike"]);
    expect((await stateOf("topics/trade.html")).path).toBe("/topics/trade");
  });

  it("writes each prerendered article page's body under its head, every part in place without a script", async () => {
    const link = linkTo(await documentOf("index.html"), "Ports reopen after the strike")?.getAttribute("href") ?? "";
    const html = await read(`${link.slice(1)}.html`);
    const document = parse(html);
    expect(document.title).toBe("Ports reopen after the strike · Broadsheet");
    expect(document.querySelector("#root h1")?.textContent).toBe("Ports reopen after the strike");
    expect(html.length).toBeGreaterThan(20_000);
    expect(document.querySelector("#root")?.textContent).toContain("Coverage number 39");
    // Nothing hidden for a script to move into place, and no boundary left to the client.
    expect(document.querySelectorAll("#root [hidden], #root template, #root script")).toHaveLength(0);
    for (const [path, page] of await pagesNow()) expect(page, path).not.toMatch(/<!--\$[?!]|<template/);
  });

  it("keeps the app shell without stories, and the renderer in the build's own folder", async () => {
    const shell = parse(await read(SHELL_PAGE));
    expect(shell.querySelectorAll("#root article")).toHaveLength(0);
    expect(shell.getElementById(PAGE_STATE_ID)).toBeNull();
    expect(await readdir(join(outDir, RENDERER_DIR))).toContainEqual(expect.stringMatching(/^first-screen-[\w-]+\.mjs$/));
    expect(RENDERER_DIR.startsWith(`${STATE_DIR}/`)).toBe(true);
    const keep = await read(`${STATE_DIR}/keep.txt`);
    expect(keep).not.toContain(RENDERER_DIR);
    expect(keep).toContain("topics/trade.html");
  });

  it("npm run build:data draws the home page again with a new story, and writes only the pages whose first screen or data changed", async () => {
    const before = { pages: await pagesNow(), index: JSON.parse(await read(dataPaths.index)) as SiteIndex };
    await writeFiles(content, { "four.txt": story("Floods reach the capital", "Climate", 101) });
    expect(await buildData()).not.toMatch(/without a first screen/);

    expect(headings(await documentOf("index.html"))[0]).toBe("Floods reach the capital");
    expect(headings(await documentOf("topics/climate.html"))).toEqual(["Floods reach the capital", "Ministers agree a plan for rivers"]);
    const index = JSON.parse(await read(dataPaths.index)) as SiteIndex;
    expect(index.buildId).not.toBe(before.index.buildId);
    expect((await stateOf("index.html")).buildId).toBe(index.buildId);

    const after = await pagesNow();
    expect([...after.keys()].filter((path) => !before.pages.has(path))).toEqual([expect.stringMatching(/^articles\/floods-reach-the-capital-/)]);
    const kept = [...before.pages].filter(([path, html]) => after.get(path) === html).map(([path]) => path);
    // Those of the articles in the bucket the new one did not join.
    expect(kept.filter((path) => path.startsWith("articles/")).length).toBeGreaterThan(10);
    for (const [path, html] of [...before.pages].filter(([page]) => page !== SHELL_PAGE)) {
      const now = after.get(path) ?? "";
      if (now === html) expect(pageStateIn(now)?.buildId, path).toBe(before.index.buildId);
      else expect(contentOf(now), `${path} was written without a change`).not.toEqual(contentOf(html));
    }
  });

  it("npm run build:data again, with nothing new, draws no first screen and writes no page", async () => {
    const before = await pagesNow();
    const report = await buildData();
    expect(report).toMatch(/Broadsheet pages: 48 pages as HTML \(home, topics, articles\), 48 left as they were; 0 first screens drawn/);
    expect(await pagesNow()).toEqual(before);
  });

  it("writes every page with its head alone when the folder has no renderer, and says so", async () => {
    const away = join(outDir, STATE_DIR, "renderer-away");
    await rename(join(outDir, RENDERER_DIR), away);
    try {
      expect(await buildData()).toMatch(/pages written without a first screen; the first: no renderer in \.broadsheet\/server/);
      expect(headings(await documentOf("index.html"))).toEqual([]);
      expect((await documentOf("index.html")).title).toBe("Broadsheet");
    } finally {
      await rename(away, join(outDir, RENDERER_DIR));
    }
  });
});

describe("a page's state in its HTML", () => {
  const buildId = "0123456789abcdef";
  const head = { items: [{ id: "a", title: "</script><!-- \u2028 & >" }] };

  it("is JSON no HTML parser can read markup in, that reads back whole", () => {
    const state: PageState = { path: "/", renderedAt: 1, buildId, queries: [[["feed"], head]] };
    const script = pageStateScript(state);
    const json = script.slice(script.indexOf(">") + 1, script.lastIndexOf("</script>"));
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(pageStateIn(`<body>${script}</body>`)).toEqual(state);
    const document = parse(`<body>${script}<p>after</p></body>`);
    expect(document.querySelectorAll("script")).toHaveLength(1);
    expect(document.querySelector("p")?.textContent).toBe("after");
  });

  it("carries a value two entries share once, and gives it back to both", () => {
    const marked = withSharedValuesMarked([
      [["feed", buildId], { pages: [head] }],
      [["data", "lists", "x"], head],
    ]);
    // The title once: the second entry says where the first holds it.
    expect(JSON.stringify(marked).split(JSON.stringify(head.items[0].title))).toHaveLength(2);
    const restored = withSharedValuesRestored(JSON.parse(JSON.stringify(marked)) as PageQuery[]);
    expect(restored).toEqual([
      [["feed", buildId], { pages: [head] }],
      [["data", "lists", "x"], head],
    ]);
    expect(rekeyed(restored, buildId, "fedcba9876543210")[0][0]).toEqual(["feed", "fedcba9876543210"]);
  });
});

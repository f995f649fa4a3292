/**
 * `npm run bench:import`: what `npm run import` does and costs, on feeds served from this
 * process (no internet needed), written to docs/performance-import.md.
 *
 * 1. The test fixtures' feeds (WordPress, Atom, RSS 1.0, JSON Feed), a 404 and an HTML page:
 *    the command's own output, then a second run's.
 * 2. 100 feeds of 50 items each from one local server: the first run's wall time, CPU and
 *    peak memory (`/usr/bin/time -v`), and the second run's, which the server answers 304;
 *    beside the bare parse loop over the same 100 feeds with feedsmith, in this process.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseFeed } from "feedsmith";
import { discoverArticleFiles } from "../../src/pipeline/load.ts";
import { ROOT } from "./measure-build.ts";
import { runTimed, type TimedRun } from "./timed.ts";

const FEEDS = 100;
const ITEMS = 50;
const fixture = (name: string) => readFileSync(join(ROOT, "tests", "fixtures", "feeds", name), "utf8");

/** A feed of `ITEMS` items from outlet `n`, stable from run to run. */
function generatedFeed(n: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const at = new Date(Date.UTC(2026, 10, 1) + (n * ITEMS + i) * 600_000).toUTCString();
    return `<item><title>Outlet ${n} reports on item ${i}: council, budget and transport news</title><link>https://outlet${n}.example.com/news/${i}</link>
      <description><![CDATA[<p>The <b>council</b> met on item ${i} of outlet ${n}; the budget &amp; transport plans follow.</p><img src="/img/${i}.jpg" width="600" height="338">]]></description>
      <category>Politics</category><pubDate>${at}</pubDate><guid>https://outlet${n}.example.com/news/${i}</guid></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${n}</title><link>https://outlet${n}.example.com/</link>${items.join("")}</channel></rss>`;
}

const routes = new Map<string, { type: string; body: string; status?: number }>([
  ["/wordpress", { type: "application/rss+xml; charset=utf-8", body: fixture("wordpress.xml") }],
  ["/atom", { type: "application/atom+xml", body: fixture("atom-xml-base.xml") }],
  ["/rss1", { type: "application/rdf+xml", body: fixture("rss1.rdf") }],
  ["/json", { type: "application/feed+json", body: fixture("jsonfeed-1.1.json") }],
  ["/page", { type: "text/html; charset=utf-8", body: fixture("page.html") }],
  ["/missing", { type: "text/plain", body: "not here", status: 404 }],
  ...Array.from({ length: FEEDS }, (_, n) => [`/outlet/${n}`, { type: "application/rss+xml", body: generatedFeed(n) }] as const),
]);

const server = createServer((request, response) => {
  const route = routes.get(request.url ?? "");
  if (!route) return void response.writeHead(404).end();
  const etag = `"${request.url}"`;
  if (request.headers["if-none-match"] === etag) return void response.writeHead(304, { etag }).end();
  response.writeHead(route.status ?? 200, { "content-type": route.type, etag }).end(route.body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const opml = (paths: readonly string[]) =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body><outline text="News">${paths
    .map((path) => `<outline type="rss" text="${path.slice(1)}" xmlUrl="${base}${path}"/>`)
    .join("")}</outline></body></opml>`;

const work = await mkdtemp(join(tmpdir(), "broadsheet-bench-import-"));
const importRun = async (name: string): Promise<TimedRun> =>
  runTimed(["--import", "tsx", join(ROOT, "scripts/import-feeds.ts")], { FEEDS: join(work, `${name}.opml`), CONTENT_DIR: join(work, name), CONTENT_CACHE: "off" });

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
try {
  await writeFile(join(work, "fixtures.opml"), opml(["/wordpress", "/atom", "/rss1", "/json", "/page", "/missing"]));
  const fixturesFirst = await importRun("fixtures");
  const fixturesSecond = await importRun("fixtures");

  const many = Array.from({ length: FEEDS }, (_, n) => `/outlet/${n}`);
  await writeFile(join(work, "many.opml"), opml(many));
  const first = await importRun("many");
  const files = (await discoverArticleFiles(join(work, "many"))).length;
  const second = await importRun("many");

  // The reference: feedsmith alone over the same 100 feeds, as text already in memory.
  const texts = many.map((path) => routes.get(path)?.body ?? "");
  const started = performance.now();
  let items = 0;
  for (const text of texts) items += (parseFeed(text).feed as { items?: unknown[] }).items?.length ?? 0;
  const bareMs = performance.now() - started;

  const tail = (run: TimedRun) => run.output.split("\n").filter((line) => !line.startsWith(">") && line.trim() !== "").map((line) => line.trimEnd());
  const report = [
    `## npm run import, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    "",
    "Written by `npm run bench:import` (`scripts/bench/import.ts`): feeds served from the benchmark's own process on 127.0.0.1, so no figure depends on the internet. Each run is `npm run import`'s script under `/usr/bin/time -v`, in a fresh content folder.",
    "",
    "### The test fixtures' feeds, a 404 and an HTML page",
    "",
    "First run:",
    "```",
    ...tail(fixturesFirst),
    "```",
    "Second run (the server answers 304 to the validators the first run kept):",
    "```",
    ...tail(fixturesSecond),
    "```",
    "",
    `### ${FEEDS} feeds of ${ITEMS} items each`,
    "",
    "| | wall time (CPU) | peak memory (RSS) | files written | ÷ bare parse |",
    "|---|---|---|---|---|",
    `| first run | ${seconds(first.wallMs)} (${seconds(first.cpuMs)}) | ${mib(first.maxRssBytes)} | ${files.toLocaleString("en-US")} | ${(first.wallMs / bareMs).toFixed(1)}× |`,
    `| second run (every feed 304) | ${seconds(second.wallMs)} (${seconds(second.cpuMs)}) | ${mib(second.maxRssBytes)} | 0 | ${(second.wallMs / bareMs).toFixed(1)}× |`,
    `| reference: feedsmith's parseFeed alone over the same ${FEEDS} feeds (${items.toLocaleString("en-US")} items), in memory | ${seconds(bareMs)} | – | – | 1× |`,
    "",
    "The runs' last lines:",
    "```",
    ...tail(first).slice(-1),
    ...tail(second).slice(-1),
    "```",
    "",
  ].join("\n");
  await writeFile(join(ROOT, "docs", "performance-import.md"), report);
  console.log(report);
} finally {
  server.close();
  await rm(work, { recursive: true, force: true });
}

/**
 * `npm run bench`: how Broadsheet scales. For synthetic archives of 1k, 10k and 100k
 * articles (`BENCH_SIZES=1000,10000` for a quicker run): the build's time and memory against
 * a bare read-and-parse loop, a rebuild after one edit, the built output, and what a reader
 * gets in headless Chromium. Then Lighthouse (mobile, default config) on the bundled content
 * and on the largest archive. Progress goes to stderr, the tables to stdout.
 *
 * Then the bundled content built alone and beside one hostile file of each class.
 * `BENCH_ONLY=hostile` runs that last part alone.
 *
 * Archives are kept in `.bench/archive-<count>` and reused; builds go to a temporary folder.
 * Each part writes its results document, `docs/bench/scale.md` and `docs/bench/hostile.md`.
 */
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { ensureArchive, warmArchive } from "./bench/archive.ts";
import { measureBrowser, RUNS, type BrowserFigures, type Timing } from "./bench/browser.ts";
import { buildSite } from "./bench/build.ts";
import { measureHostile, type HostileFigures } from "./bench/hostile.ts";
import { onInterrupt } from "./bench/cleanup.ts";
import { runLighthouse, type LighthouseFigures } from "./bench/lighthouse.ts";
import { measureBuild, ROOT, type BuildFigures } from "./bench/measure-build.ts";
import { serveStatic } from "./static-server.ts";

const LIGHTHOUSE_RUNS = 3;
const started = performance.now();
const loadAtStart = loadavg()[0];
const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function sizesFromEnv(): number[] {
  const text = process.env.BENCH_SIZES?.trim();
  if (!text) return [1_000, 10_000, 100_000];
  const sizes = text.split(",").map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    console.error(`BENCH_SIZES must be a comma-separated list of article counts, e.g. 1000,10000 (got "${text}")`);
    process.exit(2);
  }
  return sizes;
}

// ---- formatting ----

const count = (value: number) => value.toLocaleString("en-US");
const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : count(size));
function bytes(value: number): string {
  if (value < 1000) return `${value} B`;
  if (value < 1_000_000) return `${(value / 1000).toFixed(1)} kB`;
  if (value < 1_000_000_000) return `${(value / 1_000_000).toFixed(1)} MB`;
  return `${(value / 1_000_000_000).toFixed(2)} GB`;
}
const mib = (value: number) => `${Math.round(value / 2 ** 20)} MiB`;
function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
/** Median, then the range of the runs. */
const spread = (t: Timing) => `${duration(t.median)} (${duration(t.min)}–${duration(t.max)})`;
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : "–");

interface Column {
  size: number;
  build?: BuildFigures;
  browser?: BrowserFigures;
  error?: string;
}

/** One row per figure, one column per archive size; a failed step shows as "failed" (the reason is on stderr). */
function scaleTable(columns: Column[]): string {
  const rows: [string, (column: Column) => string | undefined][] = [
    ["build: wall time (CPU time)", ({ build }) => build && `${duration(build.build.wallMs)} (${duration(build.build.cpuMs)})`],
    ["build: peak memory (RSS)", ({ build }) => build && mib(build.build.maxRssBytes)],
    ["build: content step, from its summary line", ({ build }) => build && (build.contentMs === undefined ? "–" : duration(build.contentMs))],
    ["build: search index made and written, from its summary line", ({ build }) => build && (build.searchMs === undefined ? "–" : duration(build.searchMs))],
    ["bare read + `matter(text, {})`: wall time (loop alone)", ({ build }) => build && `${duration(build.parse.wallMs)} (${duration(build.parseLoopMs)})`],
    ["bare read + `matter(text, {})`: peak memory (RSS)", ({ build }) => build && mib(build.parse.maxRssBytes)],
    ["build ÷ bare parse, wall time", ({ build }) => build && ratio(build.build.wallMs, build.parse.wallMs)],
    ["rebuild after one file's excerpt line gained a space", ({ build }) => build && duration(build.rebuild.wallMs) + (build.rebuildSameData ? "" : " (data changed!)")],
    ["output: `data/` bytes, files", ({ build }) => build && `${bytes(build.output.dataBytes)}, ${count(build.output.dataFiles)}`],
    ["output: whole `dist/` bytes, files", ({ build }) => build && `${bytes(build.output.distBytes)}, ${count(build.output.distFiles)}`],
    ["output: largest file", ({ build }) => build && `\`${build.output.largest.path}\` ${bytes(build.output.largest.bytes)}`],
    ["first visit to `/`: the page's responses, gzip on the wire, headers included (requests)", ({ browser }) => browser && `${bytes(browser.firstVisit.pageBytes)} (${browser.firstVisit.requests})`],
    ["first visit to `/`: of which JS", ({ browser }) => browser && bytes(browser.firstVisit.jsBytes)],
    ["first visit to `/` with the service worker's precache and offline save: all the server sent", ({ browser }) => browser && bytes(browser.firstVisit.wireBytes)],
    ["first visit to `/`: feed visible (first story link), from navigation start", ({ browser }) => browser && spread(browser.feedVisible)],
    ["topic filter: click on the first topic → its h1 and newest story shown", ({ browser }) => browser && spread(browser.topic.ms)],
    [
      "first search, typed after the first visit (two words of a mid-archive title): all the server sent from focusing the box, gzip, headers included (files the page fetched); Enter → first result shown (last search file in → shown)",
      ({ browser }) => {
        const search = browser?.firstSearch;
        return search && `“${search.query}”, ${search.matches}: ${bytes(search.bytes)} (${search.requests}); ${spread(search.ms)} (${spread(search.afterIndexMs)})`;
      },
    ],
    ["deep link to a mid-archive story, fresh profile: its h1 visible", ({ browser }) => browser && spread(browser.deepLink.ms)],
    ["DOM nodes after scrolling through 1,000 stories (when the feed first showed)", ({ browser }) => browser && `${count(browser.dom.after)} (${count(browser.dom.atStart)})`],
  ];
  const header = `| | ${columns.map((column) => `${label(column.size)} articles`).join(" | ")} |`;
  const rule = `|---|${columns.map(() => "---").join("|")}|`;
  const body = rows.map(([name, cell]) => `| ${name} | ${columns.map((column) => cell(column) ?? (column.error ? "failed" : "–")).join(" | ")} |`);
  return [header, rule, ...body].join("\n");
}

function hostileTable({ runs, files, clean, mixed }: HostileFigures): string {
  const rows: [string, (side: HostileFigures["clean"]) => string, (a: HostileFigures["clean"], b: HostileFigures["clean"]) => string][] = [
    ["wall time (CPU time)", (side) => `${duration(side.wallMs)} (${duration(side.cpuMs)})`, (a, b) => ratio(b.wallMs, a.wallMs)],
    ["peak memory (RSS)", (side) => mib(side.maxRssBytes), (a, b) => ratio(b.maxRssBytes, a.maxRssBytes)],
    ["whole `dist/`: bytes, files", (side) => `${bytes(side.output.distBytes)}, ${count(side.output.distFiles)}`, (a, b) => ratio(b.output.distBytes, a.output.distBytes)],
    ["`data/`: bytes, files", (side) => `${bytes(side.output.dataBytes)}, ${count(side.output.dataFiles)}`, (a, b) => ratio(b.output.dataBytes, a.output.dataBytes)],
    ["largest file", (side) => `\`${side.output.largest.path}\` ${bytes(side.output.largest.bytes)}`, (a, b) => ratio(b.output.largest.bytes, a.output.largest.bytes)],
    ["articles published", (side) => count(side.articles), (a, b) => `+${count(b.articles - a.articles)}`],
    ["JSON files (of which do not parse)", (side) => `${count(side.json.files)} (${side.json.broken})`, (a, b) => `+${count(b.json.files - a.json.files)}`],
  ];
  return [
    `Bundled \`content/\` alone, then with ${files.total} hostile files beside it (${bytes(files.bytes)}; ${files.kept} kept within the limits, ${files.merged} merged into the story it copies, ${files.skipped} left out), ` +
      `\`CONTENT_INVALID=skip\`, empty parse cache; median of ${runs} builds each, taken in turn.\n`,
    "| | bundled content | with the hostile files | ratio |",
    "|---|---|---|---|",
    ...rows.map(([name, cell, compare]) => `| ${name} | ${cell(clean)} | ${cell(mixed)} | ${compare(clean, mixed)} |`),
  ].join("\n");
}

function lighthouseTable(rows: { name: string; runs: number; figures?: LighthouseFigures }[]): string {
  const s = (value: number) => `${(value / 1000).toFixed(2)} s`;
  return [
    "| content | runs | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(({ name, runs, figures: f }) =>
      f
        ? `| ${name} | ${runs === 1 ? "1" : `median of ${runs}`} | ${f.performance} | ${f.accessibility} | ${f.bestPractices} | ${f.seo} | ` +
          `${s(f.fcp)} | ${s(f.lcp)} | ${Math.round(f.tbt)} ms | ${f.cls.toFixed(3)} |`
        : `| ${name} | failed | | | | | | | | |`,
    ),
  ].join("\n");
}

// ---- the run ----

const onlyHostile = process.env.BENCH_ONLY === "hostile";
const sizes = onlyHostile ? [] : sizesFromEnv();
const largest = Math.max(...sizes);
const work = await mkdtemp(join(tmpdir(), "broadsheet-bench-"));
const forgetWork = onInterrupt(() => rmSync(work, { recursive: true, force: true }));
const columns: Column[] = [];
const lighthouse: { name: string; runs: number; figures?: LighthouseFigures }[] = [];
let chromiumVersion = "?";
let hostile: HostileFigures | undefined;

try {
  for (const size of sizes) {
    const column: Column = { size };
    columns.push(column);
    const site = join(work, `site-${size}`);
    try {
      const archive = await ensureArchive(size, log);
      log(`${label(size)}: warming the page cache…`);
      await warmArchive(archive);
      log(`${label(size)}: build`);
      column.build = await measureBuild(archive, site, log);
      log(`${label(size)}: browser`);
      column.browser = await measureBrowser(site, log);
      chromiumVersion = column.browser.chromium;
      if (size === largest) {
        log(`${label(size)}: Lighthouse (${LIGHTHOUSE_RUNS} runs)…`);
        const server = await serveStatic(site);
        const figures = await runLighthouse(server.url, LIGHTHOUSE_RUNS).finally(() => server.close());
        lighthouse.push({ name: `${label(size)}-article archive`, runs: LIGHTHOUSE_RUNS, figures });
      }
    } catch (error) {
      column.error = String(error);
      log(`${label(size)}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  }

  log("bundled content/ with and without the hostile files…");
  hostile = await measureHostile(work, log).catch((error: unknown) => {
    log(`hostile files: FAILED: ${String(error)}`);
    return undefined;
  });

  if (!onlyHostile) {
    log(`bundled content/: build and Lighthouse (${LIGHTHOUSE_RUNS} runs)…`);
    const site = join(work, "site-content");
    try {
      await buildSite(join(ROOT, "content"), site);
      const server = await serveStatic(site);
      const figures = await runLighthouse(server.url, LIGHTHOUSE_RUNS).finally(() => server.close());
      lighthouse.unshift({ name: "bundled `content/`", runs: LIGHTHOUSE_RUNS, figures });
    } catch (error) {
      lighthouse.unshift({ name: "bundled `content/`", runs: LIGHTHOUSE_RUNS });
      log(`bundled content/: FAILED: ${String(error)}`);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
  forgetWork();
}

const day = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${onlyHostile ? "" : `, Chromium ${chromiumVersion}`}`;
// Other work on a shared machine moves every figure: the load says how quiet it was.
const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
const heading = (title: string) => `## ${title}, ${day}, ${machine}\n\nWhole run ${duration(performance.now() - started)}, ${load}. Written by \`npm run bench\`.\n`;

const documents: [string, string][] = [];
if (!onlyHostile) {
  documents.push([
    "scale.md",
    [
      heading("Broadsheet benchmark"),
      "Synthetic archives from scripts/generate-archive.ts, built with `vite build` (times and peak RSS from `/usr/bin/time -v`). " +
        "Browser: headless Chromium at 1024×800 without throttling, the build served by scripts/static-server.ts (gzip) on localhost; " +
        "every visit in a fresh profile, after a request for /robots.txt has started the browser's renderer. " +
        `Times are read in the page with performance.now(): median (min–max) of ${RUNS} visits.\n`,
      scaleTable(columns),
      "\nLighthouse 12.2.3, mobile, default config (simulated slow 4G, 4× slower CPU)\n",
      lighthouseTable(lighthouse),
    ].join("\n"),
  ]);
}
documents.push(["hostile.md", [heading("Hostile files"), hostile ? hostileTable(hostile) : "The hostile build failed: see the log."].join("\n")]);

const docs = join(ROOT, "docs", "bench");
await mkdir(docs, { recursive: true });
for (const [name, text] of documents) {
  console.log(`\n${text}`);
  await writeFile(join(docs, name), `${text}\n`);
  log(`wrote docs/bench/${name}`);
}
if (columns.some((column) => column.error) || !hostile || hostile.mixed.json.broken > 0) process.exitCode = 1;

/**
 * `npm run bench`: how Broadsheet scales. For synthetic archives of 1k, 10k and 100k
 * articles (`BENCH_SIZES=1000,10000` for a quicker run): the build's time and memory against
 * a bare read-and-parse loop, a rebuild after one edit, the updates, the built output, and what a reader
 * gets in headless Chromium. Then Lighthouse (mobile, default config) on the bundled content
 * and on the largest archive. Progress goes to stderr, the tables to stdout.
 *
 * Then the bundled content built alone and beside one hostile file of each class.
 * `BENCH_ONLY=hostile` runs that last part alone.
 *
 * At each size also: Hugo on the same files (the peer of issue #11; installed from Debian when
 * missing and possible, else skipped with a note), and the data-only update (`npm run
 * build:data`) after one new article, one edited and one deleted.
 *
 * `BENCH_CPU_PROFILES=<folder>` keeps a V8 CPU profile of each update there.
 *
 * Archives are kept in `.bench/archive-<count>` and reused, never changed (the benchmark
 * changes a hard-linked copy); builds go to a temporary folder.
 * Each part writes its results document itself, whole, on every run: `docs/performance.md`
 * (the method, the scale table, Lighthouse) and `docs/performance-hostile.md` (the hostile
 * build). No figure in them is pasted by hand; the other docs link to them.
 */
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { MANIFEST_PATH } from "../src/pipeline/output.ts";
import { ensureArchive, warmArchive, workingCopy } from "./bench/archive.ts";
import { measureBrowser, RUNS, type BrowserFigures, type Timing } from "./bench/browser.ts";
import { viteBuildInChild } from "./bench/build.ts";
import { measureHostile, type HostileFigures } from "./bench/hostile.ts";
import { HugoMissing, measureHugo, type HugoFigures } from "./bench/hugo.ts";
import { onInterrupt } from "./bench/cleanup.ts";
import { runLighthouse, type LighthouseFigures } from "./bench/lighthouse.ts";
import { measureBuild, ROOT, type BuildFigures } from "./bench/measure-build.ts";
import { measureUpdates, type UpdateFigures, type UpdateKind } from "./bench/update.ts";
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
  hugo?: HugoFigures;
  updates?: UpdateFigures[];
  /** `.broadsheet/manifest.json` after the updates: every update rewrites it (never uploaded). */
  manifestBytes?: number;
  /** Why a part failed or was skipped: the build (and all after it), the browser, Hugo, the updates. */
  error?: string;
  browserError?: string;
  hugoError?: string;
  updateError?: string;
}

type Part = "build" | "browser" | "hugo" | "update";
const partError = (column: Column, part: Part) =>
  column.error ?? (part === "browser" ? column.browserError : part === "hugo" ? column.hugoError : part === "update" ? column.updateError : undefined);

interface Row {
  name: string;
  part: Part;
  cell: (column: Column) => string | undefined;
  /** Issue #11's budget at 100k articles, and whether a column meets it. */
  budget?: string;
  meets?: (column: Column) => boolean | undefined;
}

const MB = 1_000_000;
const update = (column: Column, kind: UpdateKind) => column.updates?.find((figures) => figures.kind === kind);
const withUpdate = (column: Column, kind: UpdateKind, test: (figures: UpdateFigures) => boolean) => {
  const figures = update(column, kind);
  return figures && test(figures);
};
const updateTime = (kind: UpdateKind) => (column: Column) => {
  const figures = update(column, kind);
  if (!figures || !column.build) return undefined;
  const { run, summary } = figures;
  return `${duration(run.wallMs)} (CPU ${duration(run.cpuMs)}; writing ${duration(summary.writeMs)}), ${mib(run.maxRssBytes)}; ${ratio(run.wallMs, column.build.parse.wallMs)} the bare parse`;
};
const updateFiles = (kind: UpdateKind) => (column: Column) => {
  const figures = update(column, kind);
  if (!figures) return undefined;
  const { written, retired } = figures.summary;
  const largest = written.largest ? ` (largest \`${written.largest.path}\` ${bytes(written.largest.bytes)})` : "";
  return `${count(written.files)} files, ${bytes(written.bytes)}${largest}; ${count(retired)} retired` + (figures.problem ? ` **(wrong: ${figures.problem})**` : "");
};
/** The issue's budget for one kind of update, where it sets one. */
interface UpdateBudget {
  ms: number;
  bytes: number;
  files?: number;
}

/** An update's two rows: its time, and what it wrote, each beside the budget the issue sets for it. */
function updateRows(kind: UpdateKind, budget?: UpdateBudget): Row[] {
  const wrote = budget && `≤ ${budget.bytes / MB} MB${budget.files === undefined ? "" : ` in ≤ ${budget.files} files`}`;
  return [
    {
      name: `${UPDATE_NAMES[kind]}: wall time (CPU; the writing step alone), peak RSS; ÷ bare parse`,
      part: "update",
      cell: updateTime(kind),
      ...(budget && { budget: `≤ ${budget.ms / 1000} s`, meets: (column: Column) => withUpdate(column, kind, (figures) => figures.run.wallMs <= budget.ms) }),
    },
    {
      name: `${UPDATE_NAMES[kind]}: files written, bytes; files no longer used`,
      part: "update",
      cell: updateFiles(kind),
      ...(budget && {
        budget: wrote,
        meets: (column: Column) =>
          withUpdate(column, kind, ({ summary: { written } }) => written.bytes <= budget.bytes && (budget.files === undefined || written.files <= budget.files)),
      }),
    },
  ];
}

const UPDATE_NAMES: Record<UpdateKind, string> = {
  add: "update (`npm run build:data`) after adding one article, the newest",
  edit: "update after one word of a mid-archive article's excerpt changed",
  delete: "update after deleting one mid-archive article",
};

/** One row per figure, one column per archive size, then the issue's budget; a failed step shows as "failed" (the reason is below the table and on stderr). */
function scaleTable(columns: Column[]): string {
  const rows: Row[] = [
    {
      name: "build: wall time (CPU time)",
      part: "build",
      cell: ({ build }) => build && `${duration(build.build.wallMs)} (${duration(build.build.cpuMs)})`,
      budget: "≤ 20 s",
      meets: ({ build }) => build && build.build.wallMs <= 20_000,
    },
    {
      name: "build: peak memory (RSS)",
      part: "build",
      cell: ({ build }) => build && mib(build.build.maxRssBytes),
      budget: "≤ 800 MB",
      meets: ({ build }) => build && build.build.maxRssBytes <= 800 * MB,
    },
    { name: "build: content step, from .broadsheet/report.json", part: "build", cell: ({ build }) => build && (build.contentMs === undefined ? "–" : duration(build.contentMs)) },
    { name: "bare read + `matter(text, {})`: wall time (loop alone)", part: "build", cell: ({ build }) => build && `${duration(build.parse.wallMs)} (${duration(build.parseLoopMs)})` },
    { name: "bare read + `matter(text, {})`: peak memory (RSS)", part: "build", cell: ({ build }) => build && mib(build.parse.maxRssBytes) },
    { name: "build ÷ bare parse, wall time", part: "build", cell: ({ build }) => build && ratio(build.build.wallMs, build.parse.wallMs) },
    {
      name: "peer: Hugo, `hugo --quiet` on the same articles (HTML pages written): wall time (CPU time)",
      part: "hugo",
      cell: ({ hugo }) => hugo && `${hugo.version} (${count(hugo.pages)} pages): ${duration(hugo.run.wallMs)} (${duration(hugo.run.cpuMs)})`,
    },
    { name: "peer: Hugo, peak memory (RSS)", part: "hugo", cell: ({ hugo }) => hugo && mib(hugo.run.maxRssBytes) },
    {
      name: "Hugo ÷ `vite build`: wall time (peak RSS)",
      part: "hugo",
      cell: ({ hugo, build }) => hugo && build && `${ratio(hugo.run.wallMs, build.build.wallMs)} (${ratio(hugo.run.maxRssBytes, build.build.maxRssBytes)})`,
      budget: "≥ 4× (Broadsheet 4× faster)",
      meets: ({ hugo, build }) => hugo && build && hugo.run.wallMs >= 4 * build.build.wallMs,
    },
    {
      name: "rebuild (`vite build`) after one file's excerpt line gained a space",
      part: "build",
      cell: ({ build }) => build && duration(build.rebuild.wallMs) + (build.rebuildSameData ? "" : " (data changed!)"),
    },
    ...updateRows("add", { ms: 3000, bytes: MB, files: 50 }),
    ...updateRows("edit", { ms: 3000, bytes: MB }),
    ...updateRows("delete"),
    {
      name: "`.broadsheet/manifest.json` after the updates (rewritten by each; never uploaded)",
      part: "update",
      cell: ({ manifestBytes }) => (manifestBytes === undefined ? undefined : bytes(manifestBytes)),
    },
    { name: "build: files made besides the app (data, feeds, sitemaps, article pages), from its manifest", part: "build", cell: ({ build }) => build && `${count(build.made.files)}, ${bytes(build.made.bytes)}` },
    { name: "output: `data/` bytes, files", part: "build", cell: ({ build }) => build && `${bytes(build.output.dataBytes)}, ${count(build.output.dataFiles)}` },
    { name: "output: whole `dist/` bytes, files", part: "build", cell: ({ build }) => build && `${bytes(build.output.distBytes)}, ${count(build.output.distFiles)}` },
    {
      name: "output: largest data file",
      part: "build",
      cell: ({ build }) => build && `\`${build.output.largestData.path}\` ${bytes(build.output.largestData.bytes)}`,
      budget: "≤ 1 MB",
      meets: ({ build }) => build && build.output.largestData.bytes <= MB,
    },
    { name: "output: largest file", part: "build", cell: ({ build }) => build && `\`${build.output.largest.path}\` ${bytes(build.output.largest.bytes)}` },
    {
      name: "first visit to `/`: the page's responses, gzip on the wire, headers included (requests)",
      part: "browser",
      cell: ({ browser }) => browser && `${bytes(browser.firstVisit.pageBytes)} (${browser.firstVisit.requests})`,
      // Issue #12 set it (a front page drawn as HTML); #11's was no worse than 136 kB.
      budget: "≤ 150 kB (issue #12's)",
      meets: ({ browser }) => browser && browser.firstVisit.pageBytes <= 150_000,
    },
    { name: "first visit to `/`: of which JS", part: "browser", cell: ({ browser }) => browser && bytes(browser.firstVisit.jsBytes) },
    {
      name: "first visit to `/` with the service worker's precache and offline save: all the server sent",
      part: "browser",
      cell: ({ browser }) => browser && bytes(browser.firstVisit.wireBytes),
    },
    {
      name: "first visit to `/`: feed visible (first story link), from navigation start",
      part: "browser",
      cell: ({ browser }) => browser && spread(browser.feedVisible),
      budget: "no worse than 0.54 s",
      meets: ({ browser }) => browser && browser.feedVisible.median <= 540,
    },
    {
      name: "topic filter: click on the first topic → its h1 and newest story shown",
      part: "browser",
      cell: ({ browser }) => browser && spread(browser.topic.ms),
      budget: "no worse than 77 ms",
      meets: ({ browser }) => browser && browser.topic.ms.median <= 77,
    },
    {
      name:
        "first search, typed after the first visit (two words of a mid-archive title): all the server sent from focusing the box, gzip, headers included (files the page fetched); Enter → first result shown (last search file in → shown)",
      part: "browser",
      cell: ({ browser }) => {
        const search = browser?.firstSearch;
        return search && `“${search.query}”, ${search.matches}: ${bytes(search.bytes)} (${search.requests}); ${spread(search.ms)} (${spread(search.afterIndexMs)})`;
      },
    },
    {
      name: "deep link to a mid-archive story, fresh profile: its h1 visible",
      part: "browser",
      cell: ({ browser }) => browser && spread(browser.deepLink.ms),
      budget: "no worse than 0.56 s",
      meets: ({ browser }) => browser && browser.deepLink.ms.median <= 560,
    },
    {
      name: "DOM nodes after scrolling through 1,000 stories (when the feed first showed)",
      part: "browser",
      cell: ({ browser }) => browser && `${count(browser.dom.after)} (${count(browser.dom.atStart)})`,
    },
  ];
  const last = columns[columns.length - 1];
  const verdict = (row: Row) => {
    if (!row.budget) return "";
    const met = last && row.meets?.(last);
    return met === undefined ? row.budget : `${row.budget}: ${met ? "met" : "**not met**"}`;
  };
  const header = `| | ${columns.map((column) => `${label(column.size)} articles`).join(" | ")} | issue #11 budget at 100k${last ? `: met at ${label(last.size)}?` : ""} |`;
  const rule = `|---|${columns.map(() => "---").join("|")}|---|`;
  const body = rows.map(
    (row) => `| ${row.name} | ${columns.map((column) => row.cell(column) ?? (partError(column, row.part) ? (row.part === "hugo" && column.hugoError?.startsWith("skipped") ? "skipped" : "failed") : "–")).join(" | ")} | ${verdict(row)} |`,
  );
  return [header, rule, ...body].join("\n");
}

/** What failed or was skipped, one line per size and part, for below the table. */
function failureNotes(columns: Column[]): string {
  const firstLine = (text: string) => text.split("\n").find((line) => line.trim())?.trim().slice(0, 400) ?? text;
  const notes: string[] = [];
  for (const column of columns) {
    const parts: [string, string | undefined][] = [
      ["build", column.error],
      ["browser", column.browserError],
      ["Hugo", column.hugoError],
      ["updates", column.updateError],
    ];
    for (const [part, error] of parts) if (error) notes.push(`- ${label(column.size)}, ${part}: ${firstLine(error)}`);
  }
  return notes.length > 0 ? `\nFailed or skipped (the whole message is in the run's log):\n\n${notes.join("\n")}\n` : "";
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
    const copy = join(work, `content-${size}`);
    const cacheDir = join(work, `cache-${size}`);
    const failed = (part: string, error: unknown) => {
      log(`${label(size)}: ${part} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return error instanceof Error ? error.message : String(error);
    };
    try {
      const archive = await ensureArchive(size, log);
      // Every change the benchmark makes is made to this copy (hard links), never to the archive.
      const { linked } = await workingCopy(archive, copy);
      log(`${label(size)}: working copy of the archive (${linked ? "hard links" : "copied"}); warming the page cache…`);
      await warmArchive(archive);
      try {
        log(`${label(size)}: build`);
        column.build = await measureBuild(copy, site, cacheDir, log);
      } catch (error) {
        column.error = failed("build", error);
      }

      log(`${label(size)}: Hugo`);
      column.hugo = await measureHugo(archive, work, log).catch((error: unknown) => {
        column.hugoError = error instanceof HugoMissing ? `skipped: ${error.message}` : failed("Hugo", error);
        if (error instanceof HugoMissing) log(`${label(size)}: Hugo skipped: ${error.message}`);
        return undefined;
      });

      if (column.build) {
        // The app and its search change under other hands: a failure here leaves every other row standing.
        try {
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
          column.browserError = failed("browser", error);
        }

        try {
          log(`${label(size)}: updates with npm run build:data`);
          column.updates = await measureUpdates(copy, site, cacheDir, log);
          column.manifestBytes = (await stat(join(site, MANIFEST_PATH))).size;
        } catch (error) {
          column.updateError = failed("updates", error);
        }
      }
    } catch (error) {
      column.error = failed("archive", error);
    } finally {
      for (const folder of [site, copy, cacheDir]) await rm(folder, { recursive: true, force: true });
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
      await viteBuildInChild(join(ROOT, "content"), site);
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

/** What each document says of itself before its figures: written anew with them on every run. */
const preamble = (title: string, about: string) =>
  `# ${title}\n\n${about} \`npm run bench\` writes this file whole on every run; nothing in it is edited by hand.\n`;

const documents: [string, string][] = [];
if (!onlyHostile) {
  documents.push([
    "performance.md",
    [
      preamble(
        "Performance",
        "How Broadsheet scales: the build, its updates and a reader's visits on synthetic archives of 1k, 10k and 100k articles, then Lighthouse. " +
          "Why the build is shaped as it is, and where its time goes: [architecture.md](architecture.md#beyond-one-machine); hostile files: [performance-hostile.md](performance-hostile.md).",
      ),
      heading("Broadsheet benchmark"),
      "Synthetic archives from scripts/generate-archive.ts, built with `vite build` (times and peak RSS from `/usr/bin/time -v`). " +
        "Browser: headless Chromium at 1024×800 without throttling, the build served by scripts/static-server.ts (gzip) on localhost; " +
        "every visit in a fresh profile, after a request for /robots.txt has started the browser's renderer. " +
        `Times are read in the page with performance.now(): median (min–max) of ${RUNS} visits.\n`,
      "Each size works on a hard-linked copy of its archive. After the full build (empty parse cache) and the rebuild, three content changes, " +
        "each followed by the data-only update of the built folder (scripts/bench/update-child.ts, the `updateData` that `npm run build:data -- --outDir` runs, " +
        "under `/usr/bin/time -v`, with the builds' parse cache): one new article dated an hour after the newest, one word of a mid-archive excerpt, " +
        "one mid-archive article deleted. Files and bytes written are the update's own account (`BuildResult.write.written`: data, feeds, sitemaps, article pages; " +
        "the manifest is not among them), and each update must count exactly its one change. " +
        "The peer is Debian's Hugo on the same files (hard links named `.md`; minimal templates: one page per article, home and section lists and one list per topic, " +
        "50 a page, the topic index, RSS of the newest 50, the sitemap), `hugo --quiet` under `/usr/bin/time -v` right after the builds. " +
        "The budget column is issue #11's, at 100k articles, judged on the largest size of this run.\n",
      scaleTable(columns),
      failureNotes(columns),
      "\nLighthouse 12.2.3, mobile, default config (simulated slow 4G, 4× slower CPU)\n",
      lighthouseTable(lighthouse),
    ].join("\n"),
  ]);
}
documents.push([
  "performance-hostile.md",
  [
    preamble(
      "Performance with hostile files",
      "The bundled content built alone and beside one hostile file of each class (`scripts/hostile-corpus.ts`; the limits: [CONTENT_FORMAT.md](CONTENT_FORMAT.md#limits-and-why-these-figures)).",
    ),
    heading("Hostile files"),
    hostile ? hostileTable(hostile) : "The hostile build failed: see the log.",
  ].join("\n"),
]);

const docs = join(ROOT, "docs");
await mkdir(docs, { recursive: true });
for (const [name, text] of documents) {
  console.log(`\n${text}`);
  await writeFile(join(docs, name), `${text}\n`);
  log(`wrote docs/${name}`);
}
if (columns.some((column) => column.error || column.browserError || column.updateError || (column.hugoError && !column.hugoError.startsWith("skipped"))) || !hostile || hostile.mixed.json.broken > 0) process.exitCode = 1;

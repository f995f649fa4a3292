import { readFileSync } from "node:fs";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { DATA_DIR } from "../../src/contract/data-layout.ts";
import type { SiteIndex } from "../../src/contract/types.ts";
import { MANIFEST_PATH, readReport, type BuildManifest } from "../../src/pipeline/output.ts";
import { replaceFile } from "./archive.ts";
import { articleFiles } from "./bare-parse.ts";
import { runTimed, type TimedRun } from "./timed.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export interface OutputFigures {
  distBytes: number;
  distFiles: number;
  dataBytes: number;
  dataFiles: number;
  largest: { path: string; bytes: number };
  /** The largest file under `data/`. */
  largestData: { path: string; bytes: number };
}

export interface BuildFigures {
  build: TimedRun;
  /** The content step's own time (read, parse or take from the parse cache, build the model), from the build's report (`.broadsheet/report.json`). */
  contentMs: number | undefined;
  /** The bare read-and-parse loop (scripts/bench/bare-parse.ts) as a process of its own. */
  parse: TimedRun;
  /** The bare parse loop alone, without the process start-up. */
  parseLoopMs: number;
  rebuild: TimedRun;
  /** Whether the rebuild wrote the same build id: the edit was whitespace outside any value. */
  rebuildSameData: boolean;
  output: OutputFigures;
  /** What the cold build made besides the app (data, feeds, sitemaps, article pages), from its manifest. */
  made: { files: number; bytes: number };
}

/** `vite build` the way `npm run build` runs it (see build.ts), under `/usr/bin/time -v`, with its own parse cache. */
export function timedBuild(contentDir: string, outDir: string, cacheDir: string, env: Record<string, string> = {}): Promise<TimedRun> {
  return runTimed([join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir"], {
    CONTENT_DIR: contentDir,
    CONTENT_CACHE: cacheDir,
    NODE_ENV: "production",
    ...env,
  });
}

async function listFiles(dir: string): Promise<{ path: string; bytes: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { path: relative(dir, path), bytes: (await stat(path)).size };
      }),
  );
}

export async function outputFigures(outDir: string): Promise<OutputFigures> {
  const files = await listFiles(outDir);
  const data = files.filter((file) => file.path.startsWith(`${DATA_DIR}/`));
  const sum = (list: { bytes: number }[]) => list.reduce((total, file) => total + file.bytes, 0);
  const largestOf = (list: { path: string; bytes: number }[]) => list.reduce((big, file) => (file.bytes > big.bytes ? file : big), { path: "", bytes: 0 });
  return { distBytes: sum(files), distFiles: files.length, dataBytes: sum(data), dataFiles: data.length, largest: largestOf(files), largestData: largestOf(data) };
}

export async function readSiteIndex(outDir: string): Promise<SiteIndex> {
  return JSON.parse(await readFile(join(outDir, "data", "index.json"), "utf8")) as SiteIndex;
}

/** The manifest the build leaves in the folder (`.broadsheet/manifest.json`): every file it made, with its size. */
export async function readManifest(outDir: string): Promise<BuildManifest> {
  return JSON.parse(await readFile(join(outDir, MANIFEST_PATH), "utf8")) as BuildManifest;
}

/**
 * Appends a space to the `excerpt:` line of one article of `content` (the benchmark's working
 * copy: the file is replaced, not written into, and left so) and rebuilds into the same folder.
 */
async function rebuildAfterEdit(content: string, outDir: string, cacheDir: string, log: (line: string) => void): Promise<TimedRun> {
  const files = articleFiles(content);
  const file = files[Math.floor(files.length / 2)];
  if (file === undefined) throw new Error(`no article files in ${content}`);
  const original = readFileSync(file, "utf8");
  const edited = original.replace(/^excerpt:.*$/m, (line) => `${line} `);
  if (edited === original) throw new Error(`${file} has no excerpt line to edit`);
  replaceFile(file, edited);
  log(`  rebuild after editing ${relative(content, file)}…`);
  return timedBuild(content, outDir, cacheDir);
}

/**
 * The first build of `content` starts from an empty parse cache `cacheDir` (the caller's,
 * kept for the updates after it); the rebuild after one edit then finds every other file in it.
 */
export async function measureBuild(content: string, outDir: string, cacheDir: string, log: (line: string) => void): Promise<BuildFigures> {
  await rm(cacheDir, { recursive: true, force: true });
  log(`  vite build, parse cache empty…`);
  const build = await timedBuild(content, outDir, cacheDir);
  // The build's own record of its steps (.broadsheet/report.json, beside the manifest), not its log.
  const contentMs = (await readReport(outDir))?.content.ms;
  log(`  built in ${(build.wallMs / 1000).toFixed(1)} s, peak ${(build.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
  const output = await outputFigures(outDir);
  const manifest = await readManifest(outDir);
  const sizes = Object.values(manifest.files);
  const made = { files: sizes.length, bytes: sizes.reduce((total, bytes) => total + bytes, 0) };
  const { buildId } = await readSiteIndex(outDir);

  log(`  bare read + gray-matter loop…`);
  const parse = await runTimed(["--import", "tsx", join(ROOT, "scripts/bench/bare-parse.ts"), content]);
  const parseLoopMs = (JSON.parse(parse.stdout.trim().split("\n").pop() ?? "{}") as { ms?: number }).ms ?? NaN;
  log(`  parsed in ${(parse.wallMs / 1000).toFixed(1)} s (loop ${(parseLoopMs / 1000).toFixed(1)} s)`);

  const rebuild = await rebuildAfterEdit(content, outDir, cacheDir, log);
  const rebuildSameData = (await readSiteIndex(outDir)).buildId === buildId;
  if (!rebuildSameData) log(`  note: the rebuild wrote a different build id although the edit changed no value`);
  log(`  rebuilt in ${(rebuild.wallMs / 1000).toFixed(1)} s`);
  return { build, contentMs, parse, parseLoopMs, rebuild, rebuildSameData, output, made };
}

/**
 * The bundled content built alone and beside one hostile file of each class
 * (scripts/hostile-corpus.ts): time, peak memory and output, the clean build being the
 * reference measured in the same run. Each build starts from an empty parse cache.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { corpusBytes, hostileFiles, type HostileFile } from "../hostile-corpus.ts";
import { outputFigures, readSiteIndex, ROOT, timedBuild, type OutputFigures } from "./measure-build.ts";
import type { TimedRun } from "./timed.ts";

export interface HostileFigures {
  runs: number;
  /** Hostile files, and how many of them the pipeline keeps (within the limits), merges into the story they copy, or leaves out. */
  files: { total: number; kept: number; merged: number; skipped: number; bytes: number };
  clean: BuildSide;
  mixed: BuildSide;
}

interface BuildSide {
  /** Median of the runs. */
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
  output: OutputFigures;
  articles: number;
  /** JSON files in the output, and how many of them do not parse (must be none). */
  json: { files: number; broken: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function jsonCheck(outDir: string): Promise<BuildSide["json"]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile() && entry.name.endsWith(".json")).map((entry) => join(entry.parentPath, entry.name));
  let broken = 0;
  for (const path of paths) {
    try {
      JSON.parse(await readFile(path, "utf8"));
    } catch {
      broken++;
    }
  }
  return { files: paths.length, broken };
}

async function summarise(timed: TimedRun[], outDir: string): Promise<BuildSide> {
  return {
    wallMs: median(timed.map((run) => run.wallMs)),
    cpuMs: median(timed.map((run) => run.cpuMs)),
    maxRssBytes: median(timed.map((run) => run.maxRssBytes)),
    output: await outputFigures(outDir),
    articles: (await readSiteIndex(outDir)).totals.articles,
    json: await jsonCheck(outDir),
  };
}

export async function measureHostile(work: string, log: (line: string) => void, runs = 3): Promise<HostileFigures> {
  const hostile = hostileFiles();
  const sides = {
    clean: { contentDir: join(ROOT, "content"), timed: [] as TimedRun[] },
    hostile: { contentDir: join(work, "hostile-content"), timed: [] as TimedRun[] },
  };
  await mkdir(sides.hostile.contentDir, { recursive: true });
  await cp(sides.clean.contentDir, sides.hostile.contentDir, { recursive: true });
  for (const file of hostile) await writeFile(join(sides.hostile.contentDir, file.name), file.content);
  // Turn about, so a busy spell on the machine falls on both sides alike.
  for (let run = 1; run <= runs; run++) {
    for (const [name, { contentDir, timed }] of Object.entries(sides)) {
      const cacheDir = join(work, `${name}-cache`);
      await rm(cacheDir, { recursive: true, force: true });
      log(`  ${name}: build ${run} of ${runs}`);
      timed.push(await timedBuild(contentDir, join(work, `${name}-dist`), cacheDir, { CONTENT_INVALID: "skip" }));
    }
  }
  const count = (outcome: HostileFile["outcome"]) => hostile.filter((file) => file.outcome === outcome).length;
  const bytes = corpusBytes(hostile);
  return {
    runs,
    files: { total: hostile.length, kept: count("kept"), merged: count("merged"), skipped: count("skipped"), bytes },
    clean: await summarise(sides.clean.timed, join(work, "clean-dist")),
    mixed: await summarise(sides.hostile.timed, join(work, "hostile-dist")),
  };
}

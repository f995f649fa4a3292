/**
 * The update path of issue #11: after the full build, one content change at a time and
 * `npm run build:data` on the built folder (update-child.ts, which calls the same
 * `updateData`), timed under `/usr/bin/time -v`. Files and bytes written come from the
 * update's own `BuildResult` (its JSON summary), not from its log lines.
 *
 * The changes are made to the benchmark's working copy of the archive (`workingCopy` in archive.ts),
 * never to `.bench/archive-<count>` itself: a file is replaced by renaming a new one over it,
 * so a hard-linked original keeps its bytes.
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { generateArticle } from "../generate-archive.ts";
import { seededRandom } from "../seeded-random.ts";
import { replaceFile } from "./archive.ts";
import { articleFiles } from "./bare-parse.ts";
import { readSiteIndex, ROOT } from "./measure-build.ts";
import { runTimed, type TimedRun } from "./timed.ts";
import type { UpdateSummary } from "./update-child.ts";

export type UpdateKind = "add" | "edit" | "delete";

export interface UpdateFigures {
  kind: UpdateKind;
  /** The content file added, edited or deleted. */
  file: string;
  run: TimedRun;
  summary: UpdateSummary;
  /** What is wrong with the outcome (content counts, the index's article total), if anything. */
  problem?: string;
}

/** One more article in the generator's format, an hour newer than the newest one. */
function newArticle(count: number, newestAt: string | null): { name: string; text: string } {
  // The same in every run; seeded apart from the archive's own numbers (generateArchive seeds them with `count`).
  const rng = seededRandom(count + 2 ** 31);
  const providers = Array.from({ length: 300 }, (_, n) => ({ name: `Outlet ${n}`, domain: `outlet${n}.example.com` }));
  const text = generateArticle(count, rng, providers);
  const newest = newestAt ? Date.parse(newestAt) : Date.UTC(2025, 0, 1);
  const date = new Date(newest + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  // The first `publishedDateTime:` at the start of a line is the article's own (related items' are indented).
  const dated = text.replace(/^publishedDateTime: .*$/m, `publishedDateTime: ${date}`);
  const hash = Math.floor(rng() * 2 ** 32).toString(16).padStart(8, "0");
  return { name: `${String(count).padStart(7, "0")}_${hash}.txt`, text: dated };
}

/** `build:data` on `outDir` after the change just made, under `/usr/bin/time -v`. */
async function timedUpdate(content: string, outDir: string, cacheDir: string): Promise<{ run: TimedRun; summary: UpdateSummary }> {
  // BENCH_CPU_PROFILES=<folder> keeps a V8 CPU profile of every update (open it in Chrome's DevTools).
  const profiles = process.env.BENCH_CPU_PROFILES;
  const profile = profiles ? ["--cpu-prof", "--cpu-prof-dir", resolve(profiles)] : [];
  const run = await runTimed([...profile, "--import", "tsx", join(ROOT, "scripts/bench/update-child.ts"), outDir], {
    CONTENT_DIR: content,
    CONTENT_CACHE: cacheDir,
    NODE_ENV: "production",
  });
  const last = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return { run, summary: JSON.parse(last) as UpdateSummary };
  } catch {
    throw new Error(`the update printed no summary on its last line:\n${run.output.slice(-2000)}`);
  }
}

/**
 * Adds one article (the newest), edits one mid-archive article's excerpt (one word), deletes
 * another mid-archive article, each followed by one update of `outDir`, which the full build
 * made from `content` with the parse cache `cacheDir`. `content` is left changed.
 */
export async function measureUpdates(content: string, outDir: string, cacheDir: string, log: (line: string) => void): Promise<UpdateFigures[]> {
  const files = articleFiles(content);
  const middle = Math.floor(files.length / 2);
  // Not the middle file itself: the rebuild row already touched that one.
  const editFile = files[middle + 1];
  const deleteFile = files[Math.max(0, middle - 1)];
  if (editFile === undefined || deleteFile === undefined) throw new Error(`too few article files in ${content}`);
  const before = await readSiteIndex(outDir);
  const results: UpdateFigures[] = [];

  const step = async (kind: UpdateKind, file: string, change: () => void, expected: UpdateSummary["content"], articles: number) => {
    change();
    log(`  update after ${kind === "add" ? "adding" : kind === "edit" ? "editing" : "deleting"} ${basename(file)}…`);
    const { run, summary } = await timedUpdate(content, outDir, cacheDir);
    const problems: string[] = [];
    const { added, edited, removed } = summary.content;
    if (added !== expected.added || edited !== expected.edited || removed !== expected.removed) {
      problems.push(`content ${added} new, ${edited} edited, ${removed} removed`);
    }
    const total = (await readSiteIndex(outDir)).totals.articles;
    if (total !== articles) problems.push(`index says ${total} articles, not ${articles}`);
    const problem = problems.length > 0 ? problems.join("; ") : undefined;
    log(
      `  ${kind}: ${(run.wallMs / 1000).toFixed(2)} s, peak ${(run.maxRssBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `${summary.written.files} files written (${(summary.written.bytes / 1000).toFixed(1)} kB)${problem ? `: ${problem}` : ""}`,
    );
    results.push({ kind, file: basename(file), run, summary, problem });
  };

  const added = newArticle(files.length, before.newestAt);
  const addedPath = join(content, added.name);
  const count = before.totals.articles;
  await step("add", addedPath, () => writeFileSync(addedPath, added.text), { added: 1, edited: 0, removed: 0 }, count + 1);
  await step(
    "edit",
    editFile,
    () => {
      const text = readFileSync(editFile, "utf8");
      const edited = text.replace(/^(excerpt: ")(\p{L}+)/mu, (_match, start: string, word: string) => `${start}${word === "Edited" ? "Changed" : "Edited"}`);
      if (edited === text) throw new Error(`${editFile} has no excerpt to edit`);
      replaceFile(editFile, edited);
    },
    { added: 0, edited: 1, removed: 0 },
    count + 1,
  );
  await step("delete", deleteFile, () => unlinkSync(deleteFile), { added: 0, edited: 0, removed: 1 }, count);
  return results;
}

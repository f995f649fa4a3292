/**
 * The floor under the build's content step: read every article file and parse its front
 * matter with gray-matter, one after another, and nothing else (no validation, no merge,
 * no output). The benchmark runs it under `/usr/bin/time -v` and compares the build to it.
 *
 *   node --import tsx scripts/bench/bare-parse.ts <folder>
 *
 * Prints `{"files":…,"ms":…}` (the loop alone, without start-up) on stdout.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";

/** Every `.txt` and `.md` file below `dir`, the way the build finds articles (hidden and `_` names left out). */
export function articleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(txt|md)$/.test(entry.name) && !/^[._]/.test(entry.name))
    .filter((entry) => entry.name.toLowerCase() !== "readme.md")
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node --import tsx scripts/bench/bare-parse.ts <folder>");
    process.exit(2);
  }
  const started = performance.now();
  const files = articleFiles(dir);
  let keys = 0;
  for (const file of files) {
    // Options turn off gray-matter's cache, as in the build.
    keys += Object.keys(matter(readFileSync(file, "utf8"), {}).data).length;
  }
  // `keys` keeps the parse from being optimised away.
  console.log(JSON.stringify({ files: files.length, keys, ms: Math.round(performance.now() - started) }));
}

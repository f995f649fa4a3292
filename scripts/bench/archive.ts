import { execFile } from "node:child_process";
import { cp, readdir, readFile, rm } from "node:fs/promises";
import { renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { generateArchive } from "../generate-archive.ts";

/** Where the benchmark keeps its archives between runs (gitignored). */
export const BENCH_DIR = resolve(import.meta.dirname, "..", "..", ".bench");

async function fileCount(folder: string): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

/**
 * `.bench/archive-<count>`, generated unless it is already there with `count` files: the
 * generator always writes the same files for the same count, so a complete folder is reused.
 */
export async function ensureArchive(count: number, log: (line: string) => void): Promise<string> {
  const folder = join(BENCH_DIR, `archive-${count}`);
  if ((await fileCount(folder)) === count) {
    log(`archive ${count}: reusing ${folder}`);
  } else {
    log(`archive ${count}: generating into ${folder}…`);
    const started = performance.now();
    await generateArchive(count, folder);
    log(`archive ${count}: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return folder;
}

/** Reads every file once, so that neither the build nor the bare parse pays for a cold disk and the other not. */
export async function warmArchive(folder: string): Promise<void> {
  const names = await readdir(folder);
  for (let start = 0; start < names.length; start += 256) {
    await Promise.all(names.slice(start, start + 256).map((name) => readFile(join(folder, name))));
  }
}

/**
 * A copy of `archive` at `folder` that the benchmark may change: hard links (`cp -al`, a
 * second or two for 100k files) when the file system allows them, a real copy otherwise.
 * Whoever changes a file in it must write a new file and rename it over the old one
 * (`replaceFile`), never write into it: that would change the archive too.
 */
export async function workingCopy(archive: string, folder: string): Promise<{ folder: string; linked: boolean }> {
  await rm(folder, { recursive: true, force: true });
  const linked = await new Promise<boolean>((done) => execFile("cp", ["-al", archive, folder], (error) => done(error === null)));
  if (!linked) {
    await rm(folder, { recursive: true, force: true });
    await cp(archive, folder, { recursive: true });
  }
  return { folder, linked };
}

/** Writes `text` to `path` through a new file renamed over it: a hard link to the old bytes is left alone. */
export function replaceFile(path: string, text: string): void {
  const partial = join(dirname(path), `.${basename(path)}.bench-partial`);
  writeFileSync(partial, text);
  renameSync(partial, path);
}

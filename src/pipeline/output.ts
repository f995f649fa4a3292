/**
 * Writing a build into its folder, and keeping account of what is in it: each build
 * writes only the files the folder does not already hold with the same bytes, the index
 * last; a manifest says which files the build uses, which it retired, and when an old
 * file may go. A deploy reads the same manifest (see docs/publishing.md, "Publishing all day").
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { DATA_DIR, dataPaths, isShardPath, SHARD_KINDS } from "../contract/data-layout.ts";
import { mapLimit } from "./collections.ts";
import type { DataFile } from "./shards.ts";
import { nameOnDisk } from "./slug.ts";

/** Where a build keeps its own account of the folder: never served, never uploaded. */
export const STATE_DIR = ".broadsheet";
export const MANIFEST_PATH = `${STATE_DIR}/manifest.json`;
/** What the last build (or update) did, in numbers (`BuildReportFile`): what the benchmark reads, not the log. */
export const REPORT_PATH = `${STATE_DIR}/report.json`;
/** The files a deploy must keep on the host (this build's and those still in their grace period), one per line. */
export const KEEP_LIST_PATH = `${STATE_DIR}/keep.txt`;

/** How long a file the data no longer uses stays, by default: a reader still on the previous index keeps finding it. */
export const DEFAULT_GRACE_HOURS = 72;

export interface BuildManifest {
  /** When this build was written. */
  writtenAt: string;
  /** Data files, feeds, sitemaps and pages this build made, with their sizes. */
  files: Record<string, number>;
  /** The app's own files (the bundler's output), which the data-only update leaves alone. */
  app: string[];
  /** Files earlier builds used and this one does not, with when they stopped being used. */
  retired: Record<string, string>;
  /** Each content file's cache key, by a digest of its path, as this build read it: what the next update compares. */
  content: Record<string, string>;
}

/** The content step in numbers: the summary line's figures. */
export interface ContentFigures {
  /** Reading and parsing (or taking from the parse cache) every file, and building the model. */
  ms: number;
  articles: number;
  topics: number;
  /** Drafts left out. */
  drafts: number;
  /** Duplicates merged. */
  duplicates: number;
  /** Files with a problem: skipped (a build that fails on them writes no report). */
  skipped: number;
  warnings: number;
}

/** `.broadsheet/report.json`: what the last build or update of the folder did, in numbers. */
export interface BuildReportFile {
  writtenAt: string;
  /** `build` for the full build (the Vite plugin), `update` for `npm run build:data`. */
  by: "build" | "update";
  content: ContentFigures;
  /** Content files since the previous build in this folder. */
  changes: { added: number; edited: number; removed: number };
  /** Files written (with their bytes), left unchanged, and every file of the build (with their bytes). */
  write: { written: number; writtenBytes: number; unchanged: number; files: number; bytes: number };
  /** Pages as HTML: how many, left as they were, first screens drawn, failed, and the page step's time. */
  pages: { total: number; kept: number; renders: number; failed: number; ms: number; articlePages: number };
  retire: { retired: number; pruned: number };
  /** Writing the build (data, pages, the account), after the content step. */
  writeMs: number;
}

/** Writes the build's report beside its manifest. */
export async function writeReport(outDir: string, report: BuildReportFile): Promise<void> {
  await mkdir(join(outDir, STATE_DIR), { recursive: true });
  await writeWhole(join(outDir, REPORT_PATH), `${JSON.stringify(report, null, 2)}\n`);
}

/** The report the last build left in `outDir`, if it left one that can be read. */
export async function readReport(outDir: string): Promise<BuildReportFile | undefined> {
  try {
    const report = JSON.parse(await readFile(join(outDir, REPORT_PATH), "utf8")) as BuildReportFile;
    return typeof report.content === "object" && typeof report.write === "object" ? report : undefined;
  } catch {
    return undefined;
  }
}

/** What one write did, for the publisher's summary and the benchmark. */
export interface WriteResult {
  /** Files written because the folder did not hold them (or held other bytes), with their sizes. */
  written: { path: string; bytes: number }[];
  /** Files the build made that were already there, byte for byte, and were left untouched. */
  unchanged: number;
  /** Every file of the build, with its size. */
  files: Map<string, number>;
}

/**
 * Writes beside and renames: a reader never sees half a file, and a failed write leaves the
 * old one whole. The partial's name is this call's own, so two writes of one file never share it.
 */
export async function writeWhole(target: string, text: string): Promise<void> {
  const partial = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  await writeFile(partial, text);
  await rename(partial, target);
}

/**
 * Writes `files` under `outDir`, leaving alone every file already there with the same
 * bytes; `data/index.json` goes last, once every file it names is in place. No two files
 * of a build may share a path (as a case-insensitive disk compares them): names are made
 * unique upstream, and this is the proof.
 */
export async function writeFiles(outDir: string, files: Iterable<DataFile> | AsyncIterable<DataFile>, previous?: BuildManifest): Promise<WriteResult> {
  const result: WriteResult = { written: [], unchanged: 0, files: new Map() };
  const seen = new Set<string>();
  const folders = new Map<string, Promise<unknown>>();
  // The data files already there, from one listing per folder rather than a look at each file.
  const present = new Set<string>();
  for (const kind of SHARD_KINDS) {
    for (const name of await readdir(join(outDir, DATA_DIR, kind)).catch(() => [])) present.add(`${DATA_DIR}/${kind}/${name}`);
  }
  let index: DataFile | undefined;
  const put = async (file: DataFile) => {
    const text = file.render();
    const bytes = Buffer.byteLength(text);
    result.files.set(file.path, bytes);
    // A data file there is taken at its name, unless the last build recorded another size for it (a write cut short by a crash).
    const recorded = previous?.files[file.path];
    if (isShardPath(file.path) && present.has(file.path) && (recorded === undefined || recorded === bytes)) {
      result.unchanged++;
      return;
    }
    const target = join(outDir, file.path);
    if (!isShardPath(file.path)) {
      const before = await readFile(target).catch(() => undefined);
      if (before?.length === bytes && before.equals(Buffer.from(text))) {
        result.unchanged++;
        return;
      }
    }
    const folder = dirname(target);
    if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
    await folders.get(folder);
    await writeWhole(target, text);
    result.written.push({ path: file.path, bytes });
  };
  const batch: DataFile[] = [];
  const flush = () => mapLimit(batch.splice(0), 32, put);
  // A batch at a time: a 100k archive is never held as text all at once.
  for await (const file of files) {
    const onDisk = nameOnDisk(file.path);
    if (seen.has(onDisk)) {
      // Two lists alike (a small topic's Hot and Top, say) are one file: its name is its content.
      if (isShardPath(file.path)) continue;
      throw new Error(`Broadsheet: two files of this build would be written to ${file.path}`);
    }
    seen.add(onDisk);
    if (file.path === dataPaths.index) index = file;
    else batch.push(file);
    if (batch.length === 256) await flush();
  }
  await flush();
  if (index) await put(index);
  return result;
}

/** Every file below `dir`, relative and `/`-separated, but the build's own state. */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((path) => !path.startsWith(`${STATE_DIR}/`))
    .sort();
}

/** The manifest an earlier build left in `outDir`, if it left one that can be read. */
export async function readManifest(outDir: string): Promise<BuildManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(outDir, MANIFEST_PATH), "utf8")) as BuildManifest;
    return typeof manifest.files === "object" && Array.isArray(manifest.app) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export interface RetireOptions {
  /** Hours a file stays after the data stops using it; default `DEFAULT_GRACE_HOURS`. */
  graceHours?: number;
  now?: Date;
}

export interface RetireResult {
  /** Files earlier builds used and this one does not, newly retired now. */
  retired: string[];
  /** Files past their grace period, deleted from the folder (and to delete from the host). */
  pruned: string[];
  manifest: BuildManifest;
}

/**
 * Settles the account after a build: files the previous build used and this one does not
 * are retired as of now; retired files past the grace period are deleted. Writes the
 * manifest and the keep list (this build's files, the app's, and those still in grace).
 */
export async function retireAndRecord(
  outDir: string,
  previous: BuildManifest | undefined,
  current: Pick<BuildManifest, "files" | "app" | "content">,
  { graceHours = DEFAULT_GRACE_HOURS, now = new Date() }: RetireOptions = {},
): Promise<RetireResult> {
  const inUse = (path: string) => path in current.files || current.app.includes(path);
  const retiredAt = new Map<string, string>();
  for (const [path, at] of Object.entries(previous?.retired ?? {})) if (!inUse(path)) retiredAt.set(path, at);
  const newlyRetired: string[] = [];
  for (const path of [...Object.keys(previous?.files ?? {}), ...(previous?.app ?? [])]) {
    if (inUse(path) || retiredAt.has(path)) continue;
    retiredAt.set(path, now.toISOString());
    newlyRetired.push(path);
  }
  const retiredNow = new Set(newlyRetired);
  const pruned: string[] = [];
  const cutoff = now.getTime() - graceHours * 3_600_000;
  for (const [path, at] of retiredAt) {
    // Never a file retired by this very build: the index readers hold until now names it.
    if (Date.parse(at) > cutoff || retiredNow.has(path)) continue;
    pruned.push(path);
    retiredAt.delete(path);
  }
  await mapLimit(pruned, 32, (path) => rm(join(outDir, path), { force: true }));
  const manifest: BuildManifest = { writtenAt: now.toISOString(), ...current, retired: Object.fromEntries(retiredAt) };
  await mkdir(join(outDir, STATE_DIR), { recursive: true });
  await writeWhole(join(outDir, MANIFEST_PATH), JSON.stringify(manifest));
  const keep = [...Object.keys(current.files), ...current.app, ...retiredAt.keys(), MANIFEST_PATH, KEEP_LIST_PATH].sort();
  await writeWhole(join(outDir, KEEP_LIST_PATH), `${keep.join("\n")}\n`);
  return { retired: newlyRetired.sort(), pruned: pruned.sort(), manifest };
}

/**
 * The data-only update as `npm run build:data -- --outDir <folder>` runs it (scripts/build-data.ts
 * calls the same `updateData`), for the benchmark to time under `/usr/bin/time -v`:
 *
 *   CONTENT_DIR=<archive> CONTENT_CACHE=<cache> node --import tsx scripts/bench/update-child.ts <folder>
 *
 * The update's own lines go to stderr; its last line on stdout is `UpdateSummary` as JSON,
 * read from the update's `BuildResult`, so the benchmark never reads figures out of log text.
 */
import { updateData } from "../../src/pipeline/update-data.ts";

export interface UpdateSummary {
  /** Content files since the previous build in the folder. */
  content: { added: number; edited: number; removed: number };
  /** Files the update wrote (data, feeds, sitemaps, article pages): the host must take these. */
  written: { files: number; bytes: number; largest: { path: string; bytes: number } | null; paths: string[] };
  /** Files the build used and this one does not. */
  retired: number;
  /** Files the build uses in all, and their bytes. */
  uses: { files: number; bytes: number };
  /** The writing step's own time (the update minus its content step). */
  writeMs: number;
}

/** At most this many written paths are listed: enough to see what one article costs. */
const LISTED = 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error("usage: node --import tsx scripts/bench/update-child.ts <built site>");
    process.exit(2);
  }
  const result = await updateData(outDir, { info: (line) => console.error(line), warn: (line) => console.error(line) });
  const written = result.write.written;
  const summary: UpdateSummary = {
    content: result.content,
    written: {
      files: written.length,
      bytes: written.reduce((total, file) => total + file.bytes, 0),
      largest: written.reduce<{ path: string; bytes: number } | null>((big, file) => (big === null || file.bytes > big.bytes ? file : big), null),
      paths: written.slice(0, LISTED).map((file) => file.path),
    },
    retired: result.retire.retired.length,
    uses: { files: result.write.files.size, bytes: [...result.write.files.values()].reduce((total, bytes) => total + bytes, 0) },
    writeMs: Math.round(result.milliseconds),
  };
  console.log(JSON.stringify(summary));
}

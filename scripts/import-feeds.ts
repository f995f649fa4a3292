/**
 * `npm run import`: fetches every feed of the OPML file (`feeds.opml`, or FEEDS) and writes
 * each new item into the content folder (`content/`, or CONTENT_DIR) as an article file;
 * `-- --force` also asks feeds that back off after failures. Exits 0 when at least one feed
 * was read, 1 when the OPML is missing or invalid or every feed failed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { resolveContentOptions } from "../src/pipeline/content-options.ts";
import { DEFAULT_USER_AGENT } from "../src/pipeline/import/fetch-feed.ts";
import { feedLine, importSucceeded, runImport, summaryLine } from "../src/pipeline/import/run-import.ts";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const opmlPath = resolve(process.env.FEEDS ?? "feeds.opml");
const { dir: contentDir, cacheRoot } = resolveContentOptions();
const siteUrl = process.env.SITE_URL;
const live = process.stderr.isTTY;

const result = await runImport({
  opmlPath,
  contentDir,
  cacheRoot,
  force: process.argv.includes("--force"),
  fetch: { userAgent: `${DEFAULT_USER_AGENT.replace(/^Broadsheet\b/, `Broadsheet/${version}`)}${siteUrl ? ` (+${siteUrl})` : ""}` },
  onProgress: (done, total) => live && process.stderr.write(`\rBroadsheet import: ${done} of ${total} feeds done`),
});
if (live) process.stderr.write("\r\x1b[K");
if (!result.ok) {
  console.error(`Broadsheet import: ${result.error}`);
  process.exit(1);
}
if (result.stateProblem) console.warn(`Broadsheet import: ${result.stateProblem}`);
for (const outline of result.skippedOutlines) console.warn(`Broadsheet import: skipped an outline: ${outline}`);
for (const feed of result.feeds) console.log(feedLine(feed));
console.log(summaryLine(result.feeds, result.ms));
if (!importSucceeded(result.feeds)) {
  console.error("Broadsheet import: no feed could be read");
  process.exit(1);
}

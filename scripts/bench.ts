/**
 * `npm run bench`: builds the bundled content and measures what a reader gets, with
 * Lighthouse (mobile, default config) in Debian's Chromium. Prints one table.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLighthouse } from "./bench/lighthouse.ts";
import { buildSite } from "./bench/build.ts";
import { serveStatic } from "./static-server.ts";

const work = await mkdtemp(join(tmpdir(), "broadsheet-bench-"));
try {
  const site = join(work, "site");
  await buildSite("content", site);
  const server = await serveStatic(site);
  const lighthouse = await runLighthouse(server.url).finally(() => server.close());
  const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
  console.log(`\nLighthouse 12.2.3, mobile, default config, bundled content (median of 3 runs)\n`);
  console.log("| performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |");
  console.log("|---|---|---|---|---|---|---|---|");
  console.log(
    `| ${lighthouse.performance} | ${lighthouse.accessibility} | ${lighthouse.bestPractices} | ${lighthouse.seo} | ` +
      `${ms(lighthouse.fcp)} | ${ms(lighthouse.lcp)} | ${Math.round(lighthouse.tbt)} ms | ${lighthouse.cls.toFixed(3)} |`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}

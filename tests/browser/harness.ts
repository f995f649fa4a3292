import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURE_CONTENT = join(ROOT, "tests", "fixtures", "site");

export { launchBrowser } from "../../scripts/chromium.ts";
export { serveStatic as serveSite } from "../../scripts/static-server.ts";
export { buildSite } from "../../scripts/bench/build.ts";

import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isFileLoadingAllowed, normalizePath, resolveConfig } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viteBuildInChild } from "../../scripts/bench/build.ts";
import { dataPaths, SHARD_KINDS } from "../../src/contract/data-layout.ts";
import type { SiteIndex } from "../../src/contract/types.ts";
import { headersFor, parseHeaderRules, type HeaderRule } from "../../scripts/static-server.ts";
import { contentFolderGuard } from "../../src/pipeline/publish/security.ts";
import { FIXTURES, removeDir, ROOT } from "../unit/helpers.ts";

const BUILD_TIMEOUT = 120_000;

/** A policy as its directives, each name with its sources. */
const directives = (policy: string) => new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

const metaPolicy = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/.exec(html)?.[1];

/**
 * sha256 of each inline script of a page, as a CSP source, worked out here rather than by the module under test.
 * A prerendered page's state is a data block (`type="application/json"`): never run, so no policy governs it.
 */
const inlineScriptHashes = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)].map(([, text]) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`);

describe("the build's security headers: dist/_headers and the <meta> in every page", { timeout: BUILD_TIMEOUT }, () => {
  let outDir: string;
  let rules: HeaderRule[];
  let index: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "broadsheet-security-"));
    // `npm run build` as it runs, with the service worker and every plugin that touches index.html.
    await viteBuildInChild(join(FIXTURES, "site"), outDir);
    rules = parseHeaderRules(await readFile(join(outDir, "_headers"), "utf8"));
    index = await readFile(join(outDir, "index.html"), "utf8");
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(outDir));

  it("sends one policy with every page, the one index.html's <meta> carries, frame-ancestors aside", () => {
    const page = headersFor(rules, "/topics/climate");
    expect(page.get("x-content-type-options")).toBe("nosniff");
    expect(page.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const header = directives(page.get("content-security-policy") ?? "");
    expect(header.get("frame-ancestors")).toEqual(["'none'"]);
    header.delete("frame-ancestors");
    expect(directives(metaPolicy(index) ?? "")).toEqual(header);
    for (const name of ["default-src", "connect-src", "worker-src", "manifest-src", "base-uri", "form-action"]) expect(header.get(name)).toEqual(["'self'"]);
    expect(header.get("object-src")).toEqual(["'none'"]);
    expect(header.get("img-src")).toEqual(["'self'", "https:", "http:"]);
    // Style attributes alone (a prerendered page's markup carries React's): never scripts, never style sheets.
    expect(header.get("style-src")).toEqual(["'self'"]);
    expect(header.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    header.delete("style-src-attr");
    expect([...header.values()].flat().join(" ")).not.toMatch(/unsafe-/);
  });

  it("allows the theme script by the hash of its text in the final index.html, and no other", () => {
    const hashes = inlineScriptHashes(index);
    expect(hashes).toHaveLength(1);
    const scriptSources = directives(headersFor(rules, "/").get("content-security-policy") ?? "").get("script-src");
    expect(scriptSources).toEqual(["'self'", ...hashes]);
    // A <meta> policy governs only what comes after it.
    expect(index.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(index.indexOf("<script"));
  });

  it("gives every prerendered article page the same <meta> policy and the same inline script", async () => {
    const pages = await readdir(join(outDir, "articles"));
    expect(pages).toHaveLength(3);
    for (const name of pages) {
      const html = await readFile(join(outDir, "articles", name), "utf8");
      expect(metaPolicy(html)).toBe(metaPolicy(index));
      expect(inlineScriptHashes(html)).toEqual(inlineScriptHashes(index));
    }
  });

  it("gives the service worker a policy of its own: the pages' with connect-src as wide as img-src, sent alone", () => {
    const worker = headersFor(rules, "/sw.js").get("content-security-policy") ?? "";
    // Two policies in one header would both be enforced: the site-wide one is detached first.
    expect(worker).not.toContain(",");
    const expected = directives(headersFor(rules, "/").get("content-security-policy") ?? "");
    expected.set("connect-src", expected.get("img-src") ?? []);
    expect(directives(worker)).toEqual(expected);
  });

  it("caches assets/ and every data/<kind>/ folder for good, as the README's nginx rules do, but not the index", async () => {
    const index = JSON.parse(await readFile(join(outDir, dataPaths.index), "utf8")) as SiteIndex;
    const immutable = "public, max-age=31536000, immutable";
    expect(headersFor(rules, "/assets/index-abc.js").get("cache-control")).toBe(immutable);
    for (const kind of SHARD_KINDS) expect(headersFor(rules, `/${dataPaths.shard(kind, "0123456789abcdef")}`).get("cache-control"), kind).toBe(immutable);
    // The files this build wrote, by the names its index gives them.
    for (const path of [dataPaths.shard("lists", index.feed), dataPaths.shard("catalogs", index.topics), dataPaths.shard("tables", index.articles.tables[0])]) {
      expect(headersFor(rules, `/${path}`).get("cache-control"), path).toBe(immutable);
    }
    expect(headersFor(rules, "/data/index.json").get("cache-control")).toBeUndefined();
    // Nothing outside the content-named folders is cached for good.
    expect(headersFor(rules, "/data/other/0123456789abcdef.json").get("cache-control")).toBeUndefined();
    expect(headersFor(rules, "/index.html").get("cache-control")).toBeUndefined();
  });
});

describe("the dev server's file rules", () => {
  it("deny the content folder and keep Vite's own denials", async () => {
    const dir = join(ROOT, "content");
    const config = await resolveConfig({ configFile: false, root: ROOT, logLevel: "silent", plugins: [contentFolderGuard(dir)] }, "serve");
    const defaults = (await resolveConfig({ configFile: false, root: ROOT, logLevel: "silent" }, "serve")).server.fs.deny;
    expect(config.server.fs.deny).toEqual(expect.arrayContaining(defaults));
    const allowed = (path: string) => isFileLoadingAllowed(config, normalizePath(path));
    expect(allowed(join(dir, "000_adea7733bfa5600a.txt"))).toBe(false);
    expect(allowed(join(dir, "2019", "any.md"))).toBe(false);
    expect(allowed(join(ROOT, ".env"))).toBe(false);
    expect(allowed(join(ROOT, "src", "main.tsx"))).toBe(true);
    // A folder whose name starts the same is another folder.
    expect(allowed(join(ROOT, "content-notes", "a.txt"))).toBe(true);
  });
});

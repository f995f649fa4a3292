import { writeFile, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_SITE_URL, resolveContentOptions } from "../../src/pipeline/content-options.ts";
import { assertValid, summaryLine } from "../../src/pipeline/content-report.ts";
import { createContentStore, type ContentBuild } from "../../src/pipeline/content-store.ts";
import { InvalidContentError } from "../../src/pipeline/problems.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { articleText, recordOf, removeDir, SEED_FILE, seedText, tempContentDir } from "./helpers.ts";

/** Three valid articles (one a duplicate of the seed), a draft and four broken files. */
const FILES: Record<string, string> = {
  [SEED_FILE]: seedText,
  "2019/12/mint-copy.txt": articleText({
    title: "Facebook says group used AI-generated faces (copy)",
    sourceUrl:
      "http://www.livemint.com/technology/tech-news/facebook-says-group-used-ai-generated-faces-to-push-pro-trump-messages-11577018518743.html?utm_source=rss",
    topics: "\n  - ai\n  - Disinformation",
  }),
  "2019/12/reuters.md": articleText({
    title: "Markets rally on rate cut",
    sourceUrl: "https://www.reuters.com/markets/rally",
    publishedDateTime: "2019-12-24T09:00:00+05:30",
    topics: "\n  - Markets",
    heat: "500",
  }),
  "drafts-in-progress.txt": articleText({
    title: "Embargoed merger story",
    sourceUrl: "https://www.reuters.com/embargoed",
    published: "false",
  }),
  "broken/no-front-matter.txt": "Just a headline, no front matter\n",
  "broken/bad-yaml.txt": "---\ntitle: Brexit: what happens next\nsourceUrl: https://example.com/brexit\n---\n",
  "broken/missing-title.txt": articleText({ title: undefined, sourceUrl: '"javascript:alert(1)"' }),
  "broken/bad-date.md": articleText({ publishedDateTime: "yesterday" }),
  "_template.txt": "not an article, never read",
};
const BROKEN = ["broken/bad-date.md", "broken/bad-yaml.txt", "broken/missing-title.txt", "broken/no-front-matter.txt"];

describe("createContentStore over a folder", () => {
  let dir: string;
  let build: ContentBuild;

  beforeAll(async () => {
    dir = await tempContentDir(FILES);
    const store = createContentStore(dir);
    await store.loadAll();
    build = store.build();
  });
  afterAll(() => removeDir(dir));

  it("reads every article file and no other", () => {
    expect(build.files).toBe(8);
  });

  it("lists every invalid file, each with every reason, in file order", () => {
    expect([...new Set(build.invalid.map((problem) => problem.file))]).toEqual(BROKEN);
    expect(build.invalid.filter((problem) => problem.file === "broken/missing-title.txt").map((p) => p.field)).toEqual([
      "title",
      "sourceUrl",
    ]);
  });

  it("leaves invalid files and drafts out of the model, and merges the duplicate", () => {
    expect(build.model.articles.map((article) => article.title)).toEqual([
      "Markets rally on rate cut",
      "Facebook says group used AI-generated faces to push pro-Trump messages",
    ]);
    expect(build.model.stats).toEqual({ drafts: 1, duplicatesMerged: 1 });
    expect(build.model.topics.map((topic) => [topic.name, topic.count])).toEqual([
      ["AI", 1],
      ["Disinformation", 1],
      ["Facebook AI", 1],
      ["Markets", 1],
    ]);
  });

  it("collects warnings from valid files", () => {
    expect(build.warnings).toEqual([
      { file: "2019/12/reuters.md", field: "heat", line: 10, message: "must be a number from 0 to 100; left out" },
      // The seed is the fuller copy of the same article: it leads, whatever the file names.
      { file: "2019/12/mint-copy.txt", field: "sourceUrl", message: `is the same article as ${SEED_FILE} (the same sourceUrl); merged into it, which leads` },
    ]);
  });

  it("fails with every invalid file named in the message, with its field", () => {
    let error: unknown;
    try {
      assertValid(build, "fail", dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidContentError);
    const { message, problems } = error as InvalidContentError;
    expect(message).toMatch(/^4 invalid content files in .*broadsheet-test-\w+\/:\n/);
    for (const file of BROKEN) expect(message).toContain(file);
    expect(message).toContain("broken/bad-yaml.txt:2: YAML does not parse");
    expect(message).toContain("broken/missing-title.txt: title is required");
    expect(message).toContain("broken/missing-title.txt:");
    expect(message).toMatch(/broken\/missing-title\.txt:\d+: sourceUrl must be an http\(s\) URL/);
    expect(message).toMatch(/broken\/bad-date\.md:\d+: publishedDateTime must be an ISO 8601 date-time/);
    expect(message).toContain("broken/no-front-matter.txt: has no front matter");
    expect(message).toContain("CONTENT_INVALID=skip");
    expect(message).not.toMatch(/\n\s+at /);
    expect(problems).toEqual(build.invalid);
  });

  it("does not fail when invalid files are skipped, and still lists them", () => {
    expect(() => assertValid(build, "skip", dir)).not.toThrow();
    expect(build.invalid).toHaveLength(5);
  });

  it.each([
    ["skip", "4 files skipped"],
    ["fail", "4 invalid files"],
  ] as const)("sums the build up in one line when invalid files %s", (mode, invalidPart) => {
    expect(summaryLine(build, mode, 12.4)).toBe(
      `Broadsheet content: 2 articles, 4 topics, 1 draft left out, 1 duplicate merged, ${invalidPart}, 2 warnings, in 12 ms`,
    );
  });

  it("re-reads one file on update, and forgets it on remove", async () => {
    const store = createContentStore(dir);
    await store.loadAll();
    await writeFile(join(dir, "broken/bad-date.md"), articleText({ title: "Fixed story", sourceUrl: "https://example.com/fixed" }));
    await store.update("broken/bad-date.md");
    let next = store.build();
    expect(next.invalid.map((problem) => problem.file)).not.toContain("broken/bad-date.md");
    expect(next.model.articles.map((article) => article.title)).toContain("Fixed story");

    await unlink(join(dir, "broken/bad-date.md"));
    store.remove("broken/bad-date.md");
    next = store.build();
    expect(next.files).toBe(7);
    expect(next.model.articles.map((article) => article.title)).not.toContain("Fixed story");
  });
});

describe("a folder with only valid files", () => {
  it("passes assertValid in fail mode", async () => {
    const dir = await tempContentDir({ [SEED_FILE]: seedText });
    try {
      const store = createContentStore(dir);
      await store.loadAll();
      const build = store.build();
      expect(build.invalid).toEqual([]);
      expect(() => assertValid(build, "fail", dir)).not.toThrow();
      expect(summaryLine(build, "fail", 3)).toBe(
        "Broadsheet content: 1 article, 2 topics, 0 drafts left out, 0 duplicates merged, 0 files skipped, 0 warnings, in 3 ms",
      );
    } finally {
      await removeDir(dir);
    }
  });
});

describe("InvalidContentError", () => {
  const problems = [
    { file: "a.txt", field: "title", line: 2, message: "is required" },
    { file: "a.txt", field: "sourceUrl", line: 3, message: "must be an http(s) URL" },
  ];

  it("says 'file' for one file with several problems, and names the folder", () => {
    const error = new InvalidContentError(problems, "content/");
    expect(error.message).toBe(
      "1 invalid content file in content/:\n  a.txt:2: title is required\n  a.txt:3: sourceUrl must be an http(s) URL\n" +
        "Fix them, or set CONTENT_INVALID=skip to build without them.",
    );
    expect(error.name).toBe("InvalidContentError");
    expect(error.problems).toEqual(problems);
  });

  it("shows the list, not a stack trace, when printed", () => {
    const error = new InvalidContentError(problems);
    expect(error.stack).toBe(error.message);
    expect(error.message).toMatch(/^1 invalid content file in the content folder:/);
  });
});

describe("summaryLine", () => {
  it("uses the build's own time when none is given", () => {
    const build: ContentBuild = {
      model: buildSiteModel([recordOf("a.txt")]),
      invalid: [],
      warnings: [],
      files: 1,
      contentKeys: { "a.txt": "key" },
      milliseconds: 1234.6,
    };
    expect(summaryLine(build, "fail")).toMatch(/, in 1235 ms$/);
  });
});

describe("resolveContentOptions", () => {
  const DEFAULTS = {
    dir: resolve("content"),
    invalid: "fail",
    offlineArticleBudget: 5 * 1024 * 1024,
    cacheRoot: resolve("node_modules/.cache/broadsheet"),
    siteUrl: PLACEHOLDER_SITE_URL,
    siteUrlWarning: expect.stringContaining("SITE_URL is not set"),
    prerenderedArticles: 10_000,
    graceHours: 72,
  };
  const SITE = { siteUrl: "https://news.example.com/", siteUrlWarning: undefined };
  it.each([
    ["defaults", {}, {}, DEFAULTS],
    ["CONTENT_DIR", {}, { CONTENT_DIR: "tests/fixtures/site" }, { ...DEFAULTS, dir: resolve("tests/fixtures/site") }],
    ["CONTENT_INVALID=skip", {}, { CONTENT_INVALID: "skip" }, { ...DEFAULTS, invalid: "skip" }],
    ["CONTENT_INVALID=other", {}, { CONTENT_INVALID: "yes" }, DEFAULTS],
    ["OFFLINE_ARTICLES_MAX_BYTES", {}, { OFFLINE_ARTICLES_MAX_BYTES: "1000" }, { ...DEFAULTS, offlineArticleBudget: 1000 }],
    ["CONTENT_CACHE=off", {}, { CONTENT_CACHE: "off" }, { ...DEFAULTS, cacheRoot: undefined }],
    ["CONTENT_CACHE as a folder", {}, { CONTENT_CACHE: "/tmp/parsed" }, { ...DEFAULTS, cacheRoot: "/tmp/parsed" }],
    [
      "options over env",
      { dir: "/srv/news", invalid: "fail" as const, offlineArticleBudget: 7, cache: false as const, siteUrl: "https://news.example.com", prerenderedArticles: 3, graceHours: 1 },
      { CONTENT_DIR: "x", CONTENT_INVALID: "skip", OFFLINE_ARTICLES_MAX_BYTES: "9", CONTENT_CACHE: "/tmp/parsed", SITE_URL: "https://a.example", PRERENDERED_ARTICLES: "5", DATA_GRACE_HOURS: "2" },
      { dir: "/srv/news", invalid: "fail", offlineArticleBudget: 7, cacheRoot: undefined, ...SITE, prerenderedArticles: 3, graceHours: 1 },
    ],
    ["SITE_URL", {}, { SITE_URL: "https://news.example.com" }, { ...DEFAULTS, ...SITE }],
    ["SITE_URL with a trailing slash", {}, { SITE_URL: "https://news.example.com/" }, { ...DEFAULTS, ...SITE }],
    ["SITE_URL with a path", {}, { SITE_URL: " https://Example.com/news " }, { ...DEFAULTS, siteUrl: "https://example.com/news/", siteUrlWarning: undefined }],
    ["SITE_URL over http, on a port", {}, { SITE_URL: "http://localhost:8080/" }, { ...DEFAULTS, siteUrl: "http://localhost:8080/", siteUrlWarning: undefined }],
    ["SITE_URL empty", {}, { SITE_URL: "" }, DEFAULTS],
    ["PRERENDERED_ARTICLES", {}, { PRERENDERED_ARTICLES: "250000" }, { ...DEFAULTS, prerenderedArticles: 250_000 }],
    ["PRERENDERED_ARTICLES=0", {}, { PRERENDERED_ARTICLES: "0" }, { ...DEFAULTS, prerenderedArticles: 0 }],
    ["DATA_GRACE_HOURS", {}, { DATA_GRACE_HOURS: "12" }, { ...DEFAULTS, graceHours: 12 }],
    ["DATA_GRACE_HOURS=0", {}, { DATA_GRACE_HOURS: "0" }, { ...DEFAULTS, graceHours: 0 }],
    ["DATA_GRACE_HOURS empty", {}, { DATA_GRACE_HOURS: "" }, DEFAULTS],
  ])("%s", (_case, options, env, expected) => {
    expect(resolveContentOptions(options, env)).toEqual(expected);
  });

  it.each(["all", "-1", "2.5"])("refuses PRERENDERED_ARTICLES=%s, naming it and the value", (value) => {
    expect(() => resolveContentOptions({}, { PRERENDERED_ARTICLES: value })).toThrow(`PRERENDERED_ARTICLES must be a whole number of articles, such as 10000; it is "${value}"`);
  });

  it("without SITE_URL, warns once that feeds, sitemap and link previews carry the local placeholder, and how to set it", () => {
    const { siteUrl, siteUrlWarning } = resolveContentOptions({}, {});
    expect(siteUrl).toBe("http://localhost:4173/");
    expect(siteUrlWarning).toBe(
      "SITE_URL is not set: the feeds, sitemap and link previews carry the placeholder http://localhost:4173/. " +
        "Set SITE_URL to the site's public address when building, such as SITE_URL=https://news.example.com npm run build",
    );
  });

  it.each(["news.example.com", "ftp://news.example.com", "javascript:alert(1)", "https://news.example.com/?edition=uk", "https://news.example.com/#top", "https://user:pw@news.example.com"])(
    "fails on SITE_URL=%s, naming SITE_URL and the value",
    (value) => {
      expect(() => resolveContentOptions({}, { SITE_URL: value })).toThrow(`SITE_URL must be the site's http(s) address`);
      expect(() => resolveContentOptions({}, { SITE_URL: value })).toThrow(`it is "${value}"`);
    },
  );

  it.each(["3d", "-1", "forever"])("refuses DATA_GRACE_HOURS=%s, naming it and the value, rather than pruning at once or never", (value) => {
    expect(() => resolveContentOptions({}, { DATA_GRACE_HOURS: value })).toThrow(`DATA_GRACE_HOURS must be a number of hours, such as 72; it is "${value}"`);
  });

  it("refuses an offline budget that is not a number of bytes, rather than saving everything", () => {
    expect(() => resolveContentOptions({}, { OFFLINE_ARTICLES_MAX_BYTES: "5MB" })).toThrow(/OFFLINE_ARTICLES_MAX_BYTES.*"5MB"/);
  });
});

import fc from "fast-check";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { isPortableName, LONE_SURROGATE } from "../../src/contract/names.ts";
import { isTopicSlug } from "../../src/contract/names.ts";
import { parseHttpUrl } from "../../src/contract/urls.ts";
import { CONTENT_LIMITS, lengthOf } from "../../src/pipeline/limits.ts";
import { parseArticleFile, type ArticleRecord, type FileResult } from "../../src/pipeline/parse-file.ts";
import { formatProblem } from "../../src/pipeline/problems.ts";
import { claimedDomain } from "../../src/pipeline/outlets.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { nameOnDisk } from "../../src/pipeline/slug.ts";
import { hostileFiles } from "../../scripts/hostile-corpus.ts";
import { recordOf, seedText } from "./helpers.ts";

const FILE = "feeds/incoming.txt";
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Text as the format keeps it: within `max` code points, one line, no control characters, well-formed. */
function expectCleanText(value: string | undefined, max: number, field: string) {
  if (value === undefined) return;
  expect(lengthOf(value), field).toBeLessThanOrEqual(max);
  expect(value, field).not.toMatch(CONTROL);
  expect(value.search(LONE_SURROGATE), field).toBe(-1);
  expect(value, field).toBe(value.trim());
}

function expectSafeUrl(value: string | undefined, field: string) {
  if (value === undefined) return;
  expect(parseHttpUrl(value), field).toBeDefined();
  expect(value.length, field).toBeLessThanOrEqual(CONTENT_LIMITS.urlLength);
}

/** Everything a valid record holds is within the format's limits. */
function expectWithinLimits(record: ArticleRecord) {
  const { text, lists } = CONTENT_LIMITS;
  expect(record.title.length).toBeGreaterThan(0);
  expectCleanText(record.title, text.title, "title");
  expectCleanText(record.excerpt, text.excerpt, "excerpt");
  expectCleanText(record.category, text.category, "category");
  expectCleanText(record.type, text.type, "type");
  expectCleanText(record.provider?.name, text.outletName, "provider.name");
  if (record.provider?.domain) expect(claimedDomain(record.provider, record.sourceUrl)).toBeDefined();
  for (const url of [record.sourceUrl, record.ampUrl, record.cdnAmpUrl]) expectSafeUrl(url, "url");
  expect(record.topics.length).toBeLessThanOrEqual(lists.topics);
  for (const topic of record.topics) expectCleanText(topic, text.topic, "topics");
  expect(record.images.length).toBeLessThanOrEqual(lists.images);
  expect(record.related.length).toBeLessThanOrEqual(lists.related);
  for (const image of [...record.images, ...record.related.flatMap((item) => item.images)]) {
    expectSafeUrl(image.url, "image");
    expectCleanText(image.title, text.imageTitle, "image title");
  }
  for (const item of record.related) {
    expectCleanText(item.title, text.title, "related title");
    expectCleanText(item.excerpt, text.excerpt, "related excerpt");
    expectSafeUrl(item.sourceUrl, "related sourceUrl");
    expect(item.images.length).toBeLessThanOrEqual(lists.relatedImages);
  }
  expect(JSON.stringify(record)).not.toContain("secured");
}

/** Whatever the input, a result: a record within the limits, or problems that name the file. */
function expectSettled(result: FileResult, file = FILE) {
  if (result.ok) return expectWithinLimits(result.record);
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) expect(formatProblem(problem).startsWith(file)).toBe(true);
}

describe("hostile files, one of each class", () => {
  it.each(hostileFiles().map((file) => [file.name, file] as const))("%s", (_name, { name, content, outcome, field }) => {
    const result = parseArticleFile(name, content);
    expect(result.ok ? "kept" : "skipped").toBe(outcome === "merged" ? "kept" : outcome);
    expectSettled(result, name);
    if (!result.ok && field) expect(result.problems.some((problem) => problem.field?.startsWith(field))).toBe(true);
    for (const warning of result.warnings) expect(formatProblem(warning).startsWith(name)).toBe(true);
  });

  it("tells which field was cut, and to what", () => {
    const result = parseArticleFile(FILE, `---\ntitle: ${"word ".repeat(100)}\npublishedDateTime: 2020-01-01\nsourceUrl: https://a.example/1\ntopics: [${Array(25).fill("x").map((x, i) => x + i).join(",")}]\n---\n`);
    expect(result.warnings.map(formatProblem)).toEqual([
      `${FILE}:5: topics has 25 entries; the first 20 are kept`,
      `${FILE}:2: title is 499 characters long; cut to 300`,
    ]);
    if (!result.ok) throw new Error("expected a valid article");
    expect(result.record.title).toMatch(/^(word ){20,}…$|^(word )+word…$/);
    expect(lengthOf(result.record.title)).toBeLessThanOrEqual(300);
  });

  it("keeps a harmless alias of a scalar, and its value", () => {
    const result = parseArticleFile(FILE, `---\ntitle: &t Rates rise\npublishedDateTime: 2020-01-01\nsourceUrl: https://a.example/1\nimages: [{url: "https://img.example/a.jpg", title: *t}]\n---\n`);
    expect(result.ok && result.record.images[0].title).toBe("Rates rise");
  });
});

/** Any YAML value of a few levels, as a hostile or careless source could write one. */
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom("https://example.com/a", "javascript:alert(1)", "2020-02-30", "2020-01-01T10:00:00+05:30", "", " "),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom("title", "url", "sourceUrl", "name", "domain", "width", "secured", "x"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const FIELDS = ["title", "publishedDateTime", "sourceUrl", "excerpt", "category", "type", "ampUrl", "cdnAmpUrl", "quality", "heat", "published", "provider", "topics", "images", "related", "secured"];

/** Hundreds of generated cases each: on a busy 2-core machine that is more than the default 5 s. */
const PROPERTY_BUDGET = { timeout: 60_000 };

describe("property: generated front matter of every shape parses into a valid record or a named problem", PROPERTY_BUDGET, () => {
  it("fields of any shape and value", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: FIELDS.length }), (fields) => {
        const text = `---\n${yaml.dump(fields, { skipInvalid: true })}---\n`;
        expectSettled(parseArticleFile(FILE, text));
      }),
      { numRuns: 400 },
    );
  });

  it("a valid article with any one field replaced by any value", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), anyValue, (field, value) => {
        const base = yaml.load(seedText.split("---")[1]) as Record<string, unknown>;
        expectSettled(parseArticleFile(FILE, `---\n${yaml.dump({ ...base, [field]: value }, { skipInvalid: true })}---\n`));
      }),
      { numRuns: 300 },
    );
  });

  it("any text at all, and any bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string().map((body) => `---\n${body}\n---\n`), fc.uint8Array()), (content) => {
        expectSettled(parseArticleFile(FILE, content));
      }),
      { numRuns: 400 },
    );
  });

  it("a valid article's text cut short anywhere is never a different valid article", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seedText.length - 1 }), (end) => {
        const result = parseArticleFile(FILE, seedText.slice(0, end));
        expectSettled(result);
        // Only cuts inside the body after the closing line leave the whole front matter.
        if (result.ok) expect(end).toBeGreaterThan(seedText.lastIndexOf("\n---"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("property: names that become paths", PROPERTY_BUDGET, () => {
  const anyName = fc.oneof(
    fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
    fc.constantFrom("con", "NUL", "Aux", "com1", "lpt9", "prn.txt", "ai", "AI!", "ß", "ss", "ı", "i", "ς", "σ", "x".repeat(200), "東京".repeat(50)),
  );

  it("two different topics never share a slug, on any disk, and every slug is a portable name", () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyName, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (topicLists) => {
        const records = topicLists.map((topics, i) =>
          recordOf(`${i}.txt`, { sourceUrl: `https://a.example/${i}`, topics: `[${topics.map((topic) => JSON.stringify(topic)).join(", ")}]` }),
        );
        const { topics } = buildSiteModel(records);
        const onDisk = topics.map((topic) => nameOnDisk(topic.slug));
        expect(new Set(onDisk).size).toBe(topics.length);
        for (const { slug } of topics) {
          expect(isPortableName(slug), slug).toBe(true);
          expect(isTopicSlug(slug), slug).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("two different articles never share an id, whatever their titles and addresses", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyName, fc.webUrl()), { minLength: 1, maxLength: 20 }), (pairs) => {
        const records = pairs.map(([title, url], i) => recordOf(`${i}.txt`, { title: JSON.stringify(`${title}.`), sourceUrl: JSON.stringify(url) }));
        const { articles } = buildSiteModel(records);
        expect(new Set(articles.map((article) => nameOnDisk(article.id))).size).toBe(articles.length);
        for (const { id } of articles) expect(isPortableName(`${id}.html`), id).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("resolves a clash of short hashes the same way whatever the file order", () => {
    const files = hostileFiles().filter((file) => file.name.startsWith("names-id-collision"));
    const records = files.map((file) => {
      const result = parseArticleFile(file.name, file.content);
      if (!result.ok) throw new Error("fixture is invalid");
      return result.record;
    });
    const ids = (list: ArticleRecord[]) => buildSiteModel(list).articles.map((article) => `${article.sourceUrl} ${article.id}`).sort();
    expect(new Set(buildSiteModel(records).articles.map((article) => article.id)).size).toBe(2);
    expect(ids(records)).toEqual(ids([...records].reverse()));
  });

  it("gives Windows device names and another topic's hashed slug a slug of their own", () => {
    const names = ["con", "NUL", "Aux", "com1", "LPT9", "prn.txt", "AI", "ai!"];
    const { topics } = buildSiteModel([recordOf("a.txt", { topics: `[${names.map((name) => JSON.stringify(name)).join(", ")}]` })]);
    const slugs = topics.map((topic) => topic.slug);
    expect(slugs).toContain("ai");
    for (const slug of slugs) expect(isPortableName(slug)).toBe(true);
    expect(slugs.filter((slug) => /^(con|nul|aux|com1|lpt9|prn)$/.test(slug))).toEqual([]);
  });
});

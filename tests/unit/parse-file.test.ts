import { describe, expect, it } from "vitest";
import { parseArticleFile, shareStrings, type ArticleRecord, type FileResult } from "../../src/pipeline/parse-file.ts";
import { formatProblem, type ContentProblem } from "../../src/pipeline/problems.ts";
import { articleText, expectProblemAbout, SEED_FILE, securedValuesOf, seedText, type Fields } from "./helpers.ts";

const FILE = "news/2019/story.txt";

function parse(fields: Fields, file = FILE): FileResult {
  return parseArticleFile(file, articleText(fields));
}

function valid(fields: Fields): { record: ArticleRecord; warnings: ContentProblem[] } {
  const result = parse(fields);
  if (!result.ok) throw new Error(`expected a valid article, got ${result.problems.map(formatProblem).join("; ")}`);
  return result;
}

function invalid(fields: Fields): ContentProblem[] {
  const result = parse(fields);
  if (result.ok) throw new Error(`expected an invalid article, got ${JSON.stringify(result.record)}`);
  return result.problems;
}

function invalidText(text: string, file = FILE): ContentProblem {
  const result = parseArticleFile(file, text);
  if (result.ok) throw new Error(`expected an invalid file, got ${JSON.stringify(result.record)}`);
  expect(result.problems).toHaveLength(1);
  const [problem] = result.problems;
  expect(problem.file).toBe(file);
  expect(formatProblem(problem)).toContain(file);
  return problem;
}

describe("parseArticleFile: the seed article", () => {
  const result = parseArticleFile(SEED_FILE, seedText);

  it("is valid, with no warnings", () => {
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("keeps every public field, normalised", () => {
    if (!result.ok) throw new Error("seed is invalid");
    const { record } = result;
    expect(record).toMatchObject({
      file: SEED_FILE,
      draft: false,
      title: "Facebook says group used AI-generated faces to push pro-Trump messages",
      publishedAt: "2019-12-22T12:58:00.000Z",
      sourceUrl:
        "https://www.livemint.com/technology/tech-news/facebook-says-group-used-ai-generated-faces-to-push-pro-trump-messages-11577018518743.html",
      key: "www.livemint.com/technology/tech-news/facebook-says-group-used-ai-generated-faces-to-push-pro-trump-messages-11577018518743.html",
      category: "news",
      type: "article",
      quality: 59,
      heat: 79,
      provider: { name: "Mint", domain: "livemint.com" },
      topics: ["AI", "Facebook AI"],
      images: [
        {
          url: "https://www.bing.com/th?id=ON.FEA4B48A57A75D28B4EB6C80294BA8A6",
          width: 600,
          height: 337,
          title: "Facebook says group used AI-generated faces to push pro-Trump messages",
        },
      ],
    });
    expect(record.ampUrl).toMatch(/^https:\/\/www\.livemint\.com\/.*amp-11577018518743\.html$/);
    expect(record.cdnAmpUrl).toMatch(/^https:\/\/www-livemint-com\.cdn\.ampproject\.org\//);
    expect(record.excerpt).toMatch(/^Facebook Inc has taken down/);
  });

  it("keeps its related coverage, dates in UTC", () => {
    if (!result.ok) throw new Error("seed is invalid");
    expect(result.record.related.map((item) => [item.title, item.publishedAt, item.provider?.name, item.quality])).toEqual([
      [
        "Facebook, Twitter disable sprawling inauthentic operation that used AI to make fake faces",
        "2019-12-23T16:45:00.000Z",
        "Santa Rosa Press Democrat",
        50,
      ],
      [
        "Twitter, Facebook take down global network of fake accounts pushing pro-Trump messages",
        "2019-12-22T15:31:00.000Z",
        "MarketWatch",
        46,
      ],
    ]);
    expect(result.record.related[0].ampUrl).toContain("view=AMP");
    expect(result.record.related[1].images).toEqual([
      { url: "https://www.bing.com/th?id=ON.99F031CF84883FB69D19AF871087A9CB", width: 700, height: 393 },
    ]);
  });

  it("leaves out the secured payload", () => {
    const [secured] = securedValuesOf(seedText);
    expect(secured.length).toBeGreaterThan(40);
    const json = JSON.stringify(result);
    // Any long slice would do: the payload must not survive in part either.
    expect(json).not.toContain(secured.slice(0, 32));
    expect(json).not.toContain("secured");
  });

  it("reads the same with a byte order mark, and with CRLF line ends", () => {
    expect(parseArticleFile(SEED_FILE, `\uFEFF${seedText}`)).toEqual(result);
    expect(parseArticleFile(SEED_FILE, seedText.replace(/\n/g, "\r\n"))).toEqual(result);
  });
});

describe("parseArticleFile: title", () => {
  it("is trimmed", () => {
    expect(valid({ title: '"   Markets rally on rate cut  "' }).record.title).toBe("Markets rally on rate cut");
  });

  it.each([
    ["missing", undefined, "is required"],
    ["empty", '""', "must not be empty"],
    ["only spaces", '"    "', "must not be empty"],
    ["empty YAML value", "", "is required"],
    ["a list", "[a, b]", "must be text"],
    ["a mapping", "\n  text: Hello", "must be text"],
  ])("%s makes the file invalid", (_case, yaml, message) => {
    const problem = expectProblemAbout(invalid({ title: yaml }), FILE, "title");
    expect(problem.message).toBe(message);
  });
});

describe("parseArticleFile: publishedDateTime", () => {
  it.each([
    ["a YAML date-time in UTC", "2019-12-22T12:58:00Z", "2019-12-22T12:58:00.000Z"],
    ["a quoted date-time in UTC", '"2019-12-22T12:58:00Z"', "2019-12-22T12:58:00.000Z"],
    ["a YAML date-time at +05:30", "2019-12-22T12:58:00+05:30", "2019-12-22T07:28:00.000Z"],
    ["a quoted date-time at +05:30", '"2019-12-22T12:58:00+05:30"', "2019-12-22T07:28:00.000Z"],
    ["a quoted date-time at +0530", '"2019-12-22T12:58:00+0530"', "2019-12-22T07:28:00.000Z"],
    ["a quoted date-time at -08:00", '"2019-12-22T20:00:00-08:00"', "2019-12-23T04:00:00.000Z"],
    ["a date-time with fractions of a second", '"2019-12-22T12:58:00.250Z"', "2019-12-22T12:58:00.250Z"],
    ["a date-time with a space and no zone", '"2019-12-22 12:58"', "2019-12-22T12:58:00.000Z"],
    ["a YAML date alone", "2019-12-22", "2019-12-22T00:00:00.000Z"],
    ["a quoted date alone", '"2019-12-22"', "2019-12-22T00:00:00.000Z"],
    ["a leap day", '"2020-02-29"', "2020-02-29T00:00:00.000Z"],
  ])("reads %s as UTC", (_case, yaml, expected) => {
    expect(valid({ publishedDateTime: yaml }).record.publishedAt).toBe(expected);
  });

  it.each([
    ["missing", undefined, "is required"],
    ["31 February", '"2019-02-31"', "must be an ISO 8601 date-time"],
    ["29 February in a common year", '"2019-02-29"', "must be an ISO 8601 date-time"],
    ["month 13", '"2019-13-01"', "must be an ISO 8601 date-time"],
    ["a word", "yesterday", "must be an ISO 8601 date-time"],
    ["a day-first date", '"22/12/2019"', "must be an ISO 8601 date-time"],
    ["an empty string", '""', "must be an ISO 8601 date-time"],
    ["a number", "1577019480", "must be an ISO 8601 date-time"],
  ])("rejects %s, naming file and field", (_case, yaml, message) => {
    const problem = expectProblemAbout(invalid({ publishedDateTime: yaml }), FILE, "publishedDateTime");
    expect(problem.message).toBe(message);
  });

  it("rejects an unquoted 2019-02-31 rather than rolling it over into March", () => {
    expectProblemAbout(invalid({ publishedDateTime: "2019-02-31" }), FILE, "publishedDateTime");
  });
});

describe("parseArticleFile: sourceUrl", () => {
  it.each([
    ["https", "https://www.reuters.com/article/us-facebook-ai", "https://www.reuters.com/article/us-facebook-ai"],
    ["http", "http://example.com/story?id=7", "http://example.com/story?id=7"],
    ["a bare host", "https://Example.COM", "https://example.com/"],
    ["surrounding spaces", '"  https://example.com/story  "', "https://example.com/story"],
  ])("accepts %s", (_case, yaml, expected) => {
    expect(valid({ sourceUrl: yaml }).record.sourceUrl).toBe(expected);
  });

  it.each([
    ["missing", undefined, "is required"],
    ["javascript:", '"javascript:alert(document.cookie)"', "must be an http(s) URL"],
    ["data:", '"data:text/html,<script>alert(1)</script>"', "must be an http(s) URL"],
    ["ftp:", "ftp://files.example.com/story.txt", "must be an http(s) URL"],
    ["mailto:", "mailto:desk@example.com", "must be an http(s) URL"],
    ["a relative path", "/technology/story.html", "must be an http(s) URL"],
    ["a host without a scheme", "www.example.com/story", "must be an http(s) URL"],
    ["a scheme without a host", '"https://"', "must be an http(s) URL"],
    ["a malformed host", '"http://[::1"', "must be an http(s) URL"],
    ["a number", "42", "must be an http(s) URL"],
  ])("rejects %s, naming file and field", (_case, yaml, message) => {
    const problem = expectProblemAbout(invalid({ sourceUrl: yaml }), FILE, "sourceUrl");
    expect(problem.message).toBe(message);
    // A missing field has no line to point at.
    expect(problem.line).toBe(yaml === undefined ? undefined : 4);
  });
});

describe("parseArticleFile: several bad required fields", () => {
  it("lists every one, not only the first", () => {
    const problems = invalid({ title: '""', publishedDateTime: "yesterday", sourceUrl: "ftp://x.example" });
    expect(problems.map((problem) => problem.field)).toEqual(["title", "publishedDateTime", "sourceUrl"]);
    for (const field of ["title", "publishedDateTime", "sourceUrl"]) expectProblemAbout(problems, FILE, field);
  });

  it("reports the bad required field as the problem, not an optional one beside it", () => {
    const problems = invalid({ title: undefined, heat: "500" });
    expect(problems.map((problem) => problem.field)).toEqual(["title"]);
  });
});

describe.each(["ampUrl", "cdnAmpUrl"])("parseArticleFile: optional %s", (field) => {
  it("is kept when it is an http(s) URL", () => {
    const url = "https://www-livemint-com.cdn.ampproject.org/c/s/www.livemint.com/amp-1.html";
    const { record, warnings } = valid({ [field]: url });
    expect(record[field as "ampUrl" | "cdnAmpUrl"]).toBe(url);
    expect(warnings).toEqual([]);
  });

  it.each([
    ["javascript:", '"javascript:alert(1)"'],
    ["ftp:", "ftp://files.example.com/amp"],
    ["relative", "/amp/story.html"],
    ["malformed", '"https://exa mple.com/amp"'],
    ["not text", "[1, 2]"],
  ])("is dropped with a warning when %s, and the article stays", (_case, yaml) => {
    const { record, warnings } = valid({ [field]: yaml });
    expect(record[field as "ampUrl" | "cdnAmpUrl"]).toBeUndefined();
    expect(record.title).toBe("Facebook says group used AI-generated faces to push pro-Trump messages");
    expect(warnings).toHaveLength(1);
    const warning = expectProblemAbout(warnings, FILE, field);
    expect(warning.message).toMatch(/left out$/);
  });
});

describe.each(["quality", "heat"])("parseArticleFile: %s", (field) => {
  it.each([["0", 0], ["100", 100], ["59", 59], ["72.5", 72.5]])("keeps %s", (yaml, expected) => {
    const { record, warnings } = valid({ [field]: yaml });
    expect(record[field as "quality" | "heat"]).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it.each([["-1"], ["101"], ["1000"], ['"high"'], ['"50"']])("drops %s with a warning, and the article stays", (yaml) => {
    const { record, warnings } = valid({ [field]: yaml });
    expect(record[field as "quality" | "heat"]).toBeUndefined();
    const warning = expectProblemAbout(warnings, FILE, field);
    expect(warning.message).toBe("must be a number from 0 to 100; left out");
  });
});

describe("parseArticleFile: published", () => {
  it.each([
    ["absent", undefined, false],
    ["true", "true", false],
    ["false", "false", true],
  ])("%s: draft is %s", (_case, yaml, draft) => {
    expect(valid({ published: yaml }).record.draft).toBe(draft);
  });

  it.each([['"false"'], ["no"], ["0"], ["yes"], ["[true]"]])("%s is not a boolean: the file is invalid", (yaml) => {
    const problem = expectProblemAbout(invalid({ published: yaml }), FILE, "published");
    expect(problem.message).toBe("must be true or false");
  });
});

describe("parseArticleFile: provider", () => {
  it("keeps name and domain", () => {
    expect(valid({ sourceUrl: "https://www.reuters.com/a", provider: "\n  name: Reuters\n  domain: reuters.com" }).record.provider).toEqual({
      name: "Reuters",
      domain: "reuters.com",
    });
  });

  it("is optional", () => {
    expect(valid({ provider: undefined }).record.provider).toBeUndefined();
  });

  it.each([
    ["without a name", "\n  domain: reuters.com", "provider.name", "is required; provider left out"],
    ["with an empty name", '\n  name: ""\n  domain: reuters.com', "provider.name", "must not be empty; provider left out"],
    ["as plain text", "Reuters", "provider", "must be a mapping with a name; left out"],
  ])("%s is dropped with a warning", (_case, yaml, field, message) => {
    const { record, warnings } = valid({ provider: yaml });
    expect(record.provider).toBeUndefined();
    expect(expectProblemAbout(warnings, FILE, field).message).toBe(message);
  });
});

describe("parseArticleFile: topics", () => {
  it("are trimmed, inner spaces collapsed and blanks left out", () => {
    const { record, warnings } = valid({ topics: '\n  - "  AI "\n  - "Facebook   AI"\n  - "   "\n  - Elections' });
    expect(record.topics).toEqual(["AI", "Facebook AI", "Elections"]);
    expect(warnings).toEqual([]);
  });

  it("read a number as its text", () => {
    expect(valid({ topics: "\n  - 2020\n  - AI" }).record.topics).toEqual(["2020", "AI"]);
  });

  it.each([
    ["a mapping", "\n  - AI\n  - name: Elections\n  - Facebook"],
    ["a list", "\n  - AI\n  - [a, b]\n  - Facebook"],
    ["an empty", "\n  - AI\n  -\n  - Facebook"],
  ])("drop %s item with a warning and keep the rest", (_case, yaml) => {
    const { record, warnings } = valid({ topics: yaml });
    expect(record.topics).toEqual(["AI", "Facebook"]);
    expect(expectProblemAbout(warnings, FILE, "topics[1]").message).toBe("must be text; left out");
  });

  it("that are not a list are dropped with a warning", () => {
    const { record, warnings } = valid({ topics: "AI" });
    expect(record.topics).toEqual([]);
    expect(expectProblemAbout(warnings, FILE, "topics").message).toBe("must be a list; left out");
  });
});

describe("parseArticleFile: images", () => {
  const good = "\n  - url: https://www.bing.com/th?id=ON.A\n    width: 600\n    height: 337\n    title: Lead";

  it("keep url, width, height and title, in order", () => {
    const { record } = valid({ images: `${good}\n  - url: https://www.bing.com/th?id=ON.B` });
    expect(record.images).toEqual([
      { url: "https://www.bing.com/th?id=ON.A", width: 600, height: 337, title: "Lead" },
      { url: "https://www.bing.com/th?id=ON.B" },
    ]);
  });

  it.each([
    ["an unsafe url", '\n  - url: "javascript:alert(1)"', "images[0].url", "images[0] left out"],
    ["a relative url", "\n  - url: /img/lead.jpg", "images[0].url", "images[0] left out"],
    ["no url", "\n  - width: 600", "images[0].url", "images[0] left out"],
    ["plain text", "\n  - https://www.bing.com/th?id=ON.C", "images[0]", "left out"],
  ])("drop an image with %s, with a warning, and keep the next", (_case, yaml, field, outcome) => {
    const { record, warnings } = valid({ images: `${yaml}${good}` });
    expect(record.images.map((image) => image.url)).toEqual(["https://www.bing.com/th?id=ON.A"]);
    expect(expectProblemAbout(warnings, FILE, field).message).toMatch(new RegExp(`; ${outcome.replace(/[[\]]/g, "\\$&")}$`));
  });

  it("drop only a bad width, keeping the image", () => {
    const { record, warnings } = valid({ images: "\n  - url: https://www.bing.com/th?id=ON.A\n    width: -5\n    height: 337" });
    expect(record.images).toEqual([{ url: "https://www.bing.com/th?id=ON.A", height: 337 }]);
    expectProblemAbout(warnings, FILE, "images[0].width");
  });
});

describe("parseArticleFile: related coverage", () => {
  const item = (lines: string) => `\n  - ${lines.trim().split("\n").join("\n    ")}`;
  const kept = item("title: Kept story\nsourceUrl: https://www.marketwatch.com/story/kept");

  it("keeps each item's fields, its date in UTC", () => {
    const { record, warnings } = valid({
      related: item(
        [
          "title: Twitter, Facebook take down global network",
          "sourceUrl: https://www.marketwatch.com/story/twitter-facebook",
          "excerpt: Facebook Inc. and Twitter Inc. have taken down",
          "publishedDateTime: 2019-12-22T15:31:00+05:30",
          "ampUrl: https://www.marketwatch.com/amp/story/twitter-facebook",
          "type: article",
          "quality: 46",
          "provider:\n  name: MarketWatch\n  domain: marketwatch.com",
          "images:\n  - url: https://www.bing.com/th?id=ON.99F0\n    width: 700\n    height: 393",
          "secured: RELATED-SECRET",
        ].join("\n"),
      ),
    });
    expect(warnings).toEqual([]);
    expect(record.related).toEqual([
      {
        title: "Twitter, Facebook take down global network",
        sourceUrl: "https://www.marketwatch.com/story/twitter-facebook",
        excerpt: "Facebook Inc. and Twitter Inc. have taken down",
        publishedAt: "2019-12-22T10:01:00.000Z",
        ampUrl: "https://www.marketwatch.com/amp/story/twitter-facebook",
        type: "article",
        quality: 46,
        provider: { name: "MarketWatch", domain: "marketwatch.com" },
        images: [{ url: "https://www.bing.com/th?id=ON.99F0", width: 700, height: 393 }],
      },
    ]);
    expect(JSON.stringify(record)).not.toContain("RELATED-SECRET");
  });

  it.each([
    ["no title", item("sourceUrl: https://www.example.com/a"), "related[0].title"],
    ["an empty title", item('title: "  "\nsourceUrl: https://www.example.com/a'), "related[0].title"],
    ["no sourceUrl", item("title: Lost story"), "related[0].sourceUrl"],
    ["a javascript: sourceUrl", item('title: Lost story\nsourceUrl: "javascript:alert(1)"'), "related[0].sourceUrl"],
    ["a relative sourceUrl", item("title: Lost story\nsourceUrl: /story/a"), "related[0].sourceUrl"],
    ["plain text for an item", "\n  - Lost story", "related[0]"],
  ])("drops an item with %s, with a warning, and keeps the others", (_case, yaml, field) => {
    const { record, warnings } = valid({ related: `${yaml}${kept}` });
    expect(record.related.map((related) => related.title)).toEqual(["Kept story"]);
    expect(warnings).toHaveLength(1);
    expectProblemAbout(warnings, FILE, field);
  });

  it.each([
    ["ampUrl", 'ampUrl: "javascript:alert(1)"'],
    ["cdnAmpUrl", "cdnAmpUrl: ftp://cdn.example.com/a"],
    ["publishedDateTime", 'publishedDateTime: "2019-02-31"'],
    ["quality", "quality: 250"],
  ])("drops a bad %s but keeps the item", (field, line) => {
    const { record, warnings } = valid({ related: item(`title: Kept story\nsourceUrl: https://www.example.com/k\n${line}`) });
    expect(record.related).toHaveLength(1);
    expect(record.related[0].title).toBe("Kept story");
    const kept = record.related[0] as unknown as Record<string, unknown>;
    expect(kept[field === "publishedDateTime" ? "publishedAt" : field]).toBeUndefined();
    expect(expectProblemAbout(warnings, FILE, `related[0].${field}`).message).toMatch(/; left out$/);
  });

  it("that is not a list is dropped with a warning", () => {
    const { record, warnings } = valid({ related: "https://www.example.com/a" });
    expect(record.related).toEqual([]);
    expectProblemAbout(warnings, FILE, "related");
  });
});

describe("parseArticleFile: keys that never reach the record", () => {
  it.each([
    ["secured", '"gzC5qQunctgujHOmsgTP9UP1XkmtdxkbK0egWmgr34dcPvAp5tHD3Eal3nm45GJKcL0V==;aii/sAYaESzh=="', "gzC5qQunctgujHOmsgTP9UP1"],
    ["editorNote", '"INTERNAL: call the desk before running this"', "call the desk"],
    ["__proto__", "\n  polluted: YES-POLLUTED", "YES-POLLUTED"],
    ["trackingId", "UA-000000-1", "UA-000000-1"],
  ])("%s is left out", (key, yaml, value) => {
    const result = parse({ [key]: yaml });
    expect(result.ok).toBe(true);
    const json = JSON.stringify(result);
    expect(json).not.toContain(key);
    expect(json).not.toContain(value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseArticleFile: files that are not articles", () => {
  it.each([
    ["an empty file", ""],
    ["plain text", "Facebook says group used AI-generated faces\n"],
    ["YAML without the opening ---", "title: A story\nsourceUrl: https://example.com/a\n---\n"],
    ["a ---- line", "----\ntitle: A story\n----\n"],
  ])("%s has no front matter", (_case, text) => {
    expect(invalidText(text).message).toMatch(/has no front matter/);
  });

  it.each([
    ["empty front matter", "---\n---\n"],
    ["front matter with only a comment", "---\n# nothing yet\n---\n"],
    ["a list", "---\n- title: A story\n- sourceUrl: https://example.com/a\n---\n"],
    ["a single line of text", "---\nA story about AI\n---\n"],
  ])("%s is not a mapping of fields", (_case, text) => {
    expect(invalidText(text).message).toBe("front matter is empty or not a mapping of fields");
  });

  it.each([
    ["a duplicated key", "---\ntitle: A story\ntitle: Another story\nsourceUrl: https://example.com/a\n---\n", 3],
    ["bad indentation", "---\ntitle: A story\nsourceUrl: https://example.com/a\n  provider: : Mint\n---\n", 4],
    ["a colon in an unquoted title", "---\nsourceUrl: https://example.com/a\ntitle: Brexit: what happens next\n---\n", 3],
    ["CRLF line ends", "---\r\ntitle: A story\r\ntitle: Another story\r\n---\r\n", 3],
    ["a key after a blank line", "---\n\ntitle: A story\nexcerpt: one\n  bad: : indent\n---\n", 5],
  ])("YAML with %s does not parse, and the message has its line", (_case, text, line) => {
    const problem = invalidText(text);
    expect(problem.message).toMatch(/^YAML does not parse: /);
    expect(problem.line).toBe(line);
    expect(formatProblem(problem)).toMatch(new RegExp(`^${FILE}:${line}: YAML does not parse`));
  });

  it("names the line of the failing field in its message", () => {
    const problem = expectProblemAbout(invalid({ sourceUrl: "ftp://x.example" }), FILE, "sourceUrl");
    expect(formatProblem(problem)).toBe(`${FILE}:4: sourceUrl must be an http(s) URL`);
  });
});

describe("parseArticleFile: related coverage, once each", () => {
  it("lists an outlet's story once, and never the article itself", () => {
    const { record } = valid({
      related:
        "\n  - title: Once\n    sourceUrl: https://other.example/story" +
        "\n  - title: Twice\n    sourceUrl: https://other.example/story/?utm_source=x" +
        "\n  - title: Itself\n    sourceUrl: https://www.livemint.com/technology/tech-news/facebook-ai-faces-11577018518743.html",
    });
    expect(record.related.map((item) => item.title)).toEqual(["Once"]);
  });
});

describe("parseArticleFile: front matter that is code", () => {
  it("never runs JavaScript front matter", () => {
    const problem = invalidText("---js\n{ title: (globalThis.ran = 'yes') }\n---\n");
    expect(problem.file).toBe(FILE);
    expect((globalThis as { ran?: string }).ran).toBeUndefined();
  });
});

describe("shareStrings", () => {
  it("leaves every value as it was, whatever copies of equal text it shares", () => {
    const share = shareStrings();
    const results = [seedText, seedText.replace("published: true", "published: false")].map((text) => parseArticleFile(SEED_FILE, text));
    const before = structuredClone(results);
    for (const result of results) share(result);
    share(undefined);
    share({ ok: false, problems: [{ file: SEED_FILE, message: "x" }], warnings: [] });
    expect(results).toEqual(before);
    const [first, second] = results.map((result) => (result.ok ? result.record : undefined));
    expect(first?.key).toBe(second?.key);
    expect(first?.related.length).toBeGreaterThan(0);
  });
});

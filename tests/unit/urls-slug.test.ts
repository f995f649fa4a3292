import { describe, expect, it } from "vitest";
import { shortHash, slugify } from "../../src/pipeline/slug.ts";
import { parseHttpUrl } from "../../src/contract/urls.ts";
import { normaliseUrl } from "../../src/pipeline/urls.ts";

describe("parseHttpUrl", () => {
  it.each([
    ["https://www.livemint.com/technology/story.html", "https://www.livemint.com/technology/story.html"],
    ["http://example.com", "http://example.com/"],
    ["  https://example.com/a?b=1  ", "https://example.com/a?b=1"],
    ["HTTPS://EXAMPLE.COM/Path", "https://example.com/Path"],
  ])("accepts %j", (input, href) => {
    expect(parseHttpUrl(input)?.href).toBe(href);
  });

  it.each([
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    ["data:text/html,<b>x</b>"],
    ["ftp://files.example.com/a"],
    ["mailto:desk@example.com"],
    ["file:///etc/passwd"],
    ["/relative/path"],
    ["www.example.com/story"],
    ["//example.com/protocol-relative"],
    ["https://"],
    ["http://[::1"],
    [""],
  ])("rejects %j", (input) => {
    expect(parseHttpUrl(input)).toBeUndefined();
  });
});

describe("normaliseUrl", () => {
  const base = "www.livemint.com/technology/story-1157.html";

  it.each([
    ["https://www.livemint.com/technology/story-1157.html"],
    ["http://www.livemint.com/technology/story-1157.html"],
    ["https://WWW.LiveMint.com/technology/story-1157.html"],
    ["https://www.livemint.com/technology/story-1157.html/"],
    ["https://www.livemint.com/technology/story-1157.html//"],
    ["https://www.livemint.com/technology/story-1157.html#comments"],
    ["https://www.livemint.com:443/technology/story-1157.html"],
    ["http://www.livemint.com:80/technology/story-1157.html"],
    ["https://www.livemint.com/technology/story-1157.html?utm_source=rss&utm_medium=feed"],
    ["https://www.livemint.com/technology/story-1157.html?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2"],
    ["  https://www.livemint.com/technology/story-1157.html  "],
  ])("reads %j as the same story", (input) => {
    expect(normaliseUrl(input)).toBe(base);
  });

  it("keeps parameters that pick the story, sorted", () => {
    expect(normaliseUrl("https://example.com/a?id=7&utm_source=x&page=2")).toBe("example.com/a?id=7&page=2");
    expect(normaliseUrl("https://example.com/a?page=2&id=7")).toBe(normaliseUrl("https://example.com/a?id=7&page=2"));
  });

  it("drops the root path of a bare host", () => {
    expect(normaliseUrl("https://example.com/")).toBe("example.com");
    expect(normaliseUrl("https://example.com")).toBe("example.com");
  });

  it.each([
    ["path case", "https://example.com/Story", "https://example.com/story"],
    ["a non-default port", "https://example.com:8443/a", "https://example.com/a"],
    ["a subdomain", "https://www.example.com/a", "https://example.com/a"],
    ["a parameter value", "https://example.com/a?id=1", "https://example.com/a?id=2"],
    ["a parameter that only starts like a tracker", "https://example.com/a?utmost=1", "https://example.com/a"],
  ])("tells stories apart by %s", (_case, a, b) => {
    expect(normaliseUrl(a)).not.toBe(normaliseUrl(b));
  });

  it("hands back anything that is not an http(s) URL trimmed, as it is", () => {
    expect(normaliseUrl("  not a url ")).toBe("not a url");
    expect(normaliseUrl("ftp://Example.com/a")).toBe("ftp://Example.com/a");
  });
});

describe("slugify", () => {
  it.each([
    ["Facebook says group used AI-generated faces to push pro-Trump messages", "facebook-says-group-used-ai-generated-faces-to-push-pro-trump-messages"],
    ["  Hello,   World!  ", "hello-world"],
    ["Café crème & Brûlée", "cafe-creme-brulee"],
    ["C++ / C#", "c-c"],
    ["2019: the year in review", "2019-the-year-in-review"],
    ["Ünïcödé", "unicode"],
    ["Việt Nam", "viet-nam"],
    ["東京 オリンピック", "東京-オリンピック"],
    ["Москва сегодня", "москва-сегодня"],
    ["Нью-Йорк", "нью-йорк"],
    ["हिन्दी समाचार", "हिन्दी-समाचार"],
    ["한국 뉴스", "한국-뉴스"],
    ["ﬁnance ①", "finance-1"],
    ["---", ""],
    ["", ""],
  ])("%j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("only ever holds letters (with their marks), digits and single hyphens, in NFC", () => {
    for (const text of ["a -- b", "¿Qué?", "x\ty\nz", "émoji 🎉 here", "  lead and trail  ", "ガザ «停戦»", "हिन्दी!"]) {
      const slug = slugify(text);
      expect(slug).toMatch(/^[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*$/u);
      expect(slug).toBe(slug.normalize("NFC"));
    }
  });

  it("cuts a long title at a word break within the limit", () => {
    const slug = slugify("Facebook says group used AI-generated faces to push pro-Trump messages", 30);
    expect(slug).toBe("facebook-says-group-used-ai");
    expect(slug.length).toBeLessThanOrEqual(30);
  });

  it("cuts a long single word at the limit", () => {
    expect(slugify("a".repeat(100), 20)).toBe("a".repeat(20));
  });

  it("never ends in a hyphen after a cut", () => {
    for (let max = 5; max <= 60; max++) {
      const slug = slugify("Twitter, Facebook take down global network of fake accounts pushing pro-Trump messages", max);
      expect(slug.length).toBeLessThanOrEqual(max);
      expect(slug).not.toMatch(/-$/);
    }
  });
});

describe("shortHash", () => {
  it("is hex of the asked length and depends only on the text", () => {
    expect(shortHash("example.com/a", 8)).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash("example.com/a", 8)).toBe(shortHash("example.com/a", 8));
    expect(shortHash("example.com/a", 8)).not.toBe(shortHash("example.com/b", 8));
  });
});

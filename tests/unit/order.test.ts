import { describe, expect, it } from "vitest";
import { compareStories, hotScore, isSortOrder, type Orderable } from "../../src/contract/order.ts";
import { isProviderKey } from "../../src/contract/paths.ts";

const NEWEST = "2024-03-10T12:00:00.000Z";
const story = (id: string, publishedAt: string, fields: Partial<Orderable> = {}): Orderable => ({ id, publishedAt, ...fields });

describe("hotScore", () => {
  it.each([
    ["the newest story keeps its heat", NEWEST, 80, 80],
    ["a day older keeps half", "2024-03-09T12:00:00.000Z", 80, 40],
    ["two days older keeps a quarter", "2024-03-08T12:00:00.000Z", 80, 20],
    ["no heat is no score", NEWEST, undefined, 0],
  ])("%s", (_case, publishedAt, heat, score) => {
    expect(hotScore(story("a", publishedAt, { heat }), NEWEST)).toBeCloseTo(score);
  });
});

describe("compareStories", () => {
  const fresh = story("fresh", NEWEST, { heat: 30, quality: 10 });
  const old = story("old", "2024-03-07T12:00:00.000Z", { heat: 100, quality: 90 });
  const plain = story("plain", "2024-03-10T11:00:00.000Z");
  const twin = story("twin", "2024-03-10T11:00:00.000Z");
  const order = (sort: "latest" | "hot" | "top") => [old, twin, plain, fresh].sort(compareStories(sort, NEWEST)).map((s) => s.id);

  it("latest: newest first, ties by id", () => {
    expect(order("latest")).toEqual(["fresh", "plain", "twin", "old"]);
  });

  it("hot: heat faded by age, so 30 now beats 100 three days ago; no heat last", () => {
    expect(order("hot")).toEqual(["fresh", "old", "plain", "twin"]);
  });

  it("top: quality first; stories without one last, newest first", () => {
    expect(order("top")).toEqual(["old", "fresh", "plain", "twin"]);
  });
});

describe("isSortOrder", () => {
  it.each([
    ["latest", true],
    ["hot", true],
    ["top", true],
    ["Hot", false],
    ["", false],
    [null, false],
  ])("%j → %s", (text, expected) => {
    expect(isSortOrder(text)).toBe(expected);
  });
});

describe("isProviderKey", () => {
  it.each([
    ["livemint.com", true],
    ["bbc.co.uk", true],
    ["xn--80ak6aa92e.com", true],
    ["localhost", false],
    ["LiveMint.com", false],
    ["../feed", false],
    ["a..b", false],
    ["-a.com", false],
    ["a.com/feed", false],
  ])("%j → %s", (text, expected) => {
    expect(isProviderKey(text)).toBe(expected);
  });
});

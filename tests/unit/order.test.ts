import { describe, expect, it } from "vitest";
import { compareStories, hotRank, isSortOrder, type Orderable } from "../../src/contract/order.ts";
import { isOutletKey } from "../../src/contract/names.ts";

const NEWEST = "2024-03-10T12:00:00.000Z";
const story = (id: string, publishedAt: string, fields: Partial<Orderable> = {}): Orderable => ({ id, publishedAt, ...fields });

describe("hotRank", () => {
  const rank = (publishedAt: string, heat?: number) => hotRank(story("a", publishedAt, { heat }));

  it("ranks as heat halved for every day older: 80 a day ago is 40 today", () => {
    expect(rank("2024-03-09T12:00:00.000Z", 80)).toBeCloseTo(rank(NEWEST, 40));
    expect(rank("2024-03-08T12:00:00.000Z", 80)).toBeCloseTo(rank(NEWEST, 20));
  });

  it("never fades to nothing: years apart, stories still rank by heat and date", () => {
    expect(rank("2016-01-01T00:00:00.000Z", 90)).toBeGreaterThan(rank("2016-01-01T00:00:00.000Z", 10));
    expect(rank("2016-01-02T00:00:00.000Z", 10)).toBeGreaterThan(rank("2016-01-01T00:00:00.000Z", 10));
  });

  it("puts a story without heat last", () => {
    expect(rank(NEWEST, undefined)).toBe(-Infinity);
    expect(rank(NEWEST, 0)).toBe(-Infinity);
  });
});

describe("compareStories", () => {
  const fresh = story("fresh", NEWEST, { heat: 30, quality: 10 });
  const old = story("old", "2024-03-07T12:00:00.000Z", { heat: 100, quality: 90 });
  const plain = story("plain", "2024-03-10T11:00:00.000Z");
  const twin = story("twin", "2024-03-10T11:00:00.000Z");
  const order = (sort: "latest" | "hot" | "top") => [old, twin, plain, fresh].sort(compareStories(sort)).map((s) => s.id);

  it("latest: newest first, ties by id", () => {
    expect(order("latest")).toEqual(["fresh", "plain", "twin", "old"]);
  });

  it("hot: heat faded by age, so 30 now beats 100 three days ago; no heat last", () => {
    expect(order("hot")).toEqual(["fresh", "old", "plain", "twin"]);
  });

  it("hot: a newer story never changes the order of the others", () => {
    const newer = story("newer", "2030-01-01T00:00:00.000Z", { heat: 1 });
    const before = order("hot");
    expect([old, twin, plain, fresh, newer].sort(compareStories("hot")).map((s) => s.id).filter((id) => id !== "newer")).toEqual(before);
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

describe("isOutletKey", () => {
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
    expect(isOutletKey(text)).toBe(expected);
  });
});

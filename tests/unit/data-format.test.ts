/**
 * The shape of every data file, as keys and types, recorded against `DATA_FORMAT_VERSION`: the
 * app reads only the format it was built for, so a change of shape with the same number would
 * have an app read files it does not understand. When this test fails, bump the version in
 * src/contract/data-layout.ts and update the snapshot with it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_DIR, DATA_FORMAT_VERSION, dataPaths } from "../../src/contract/data-layout.ts";
import { dataFiles, MAX_PAGE_ARTICLES } from "../../src/pipeline/data-files.ts";
import { discoverArticleFiles, loadArticleFileSync } from "../../src/pipeline/load.ts";
import type { ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { buildSiteModel } from "../../src/pipeline/site.ts";
import { FIXTURES, recordOf } from "./helpers.ts";

/** Objects whose keys are data (article ids, words), not fields: their values' shape is recorded under `[key]`. */
const RECORDS: Record<string, readonly string[]> = { articles: ["articles"], search: ["words"] };

type Shape = string | Shape[] | { [key: string]: Shape };

/** The shape of several values at one place: objects merged field by field (`?` for a field some lack), other kinds listed with `|`. */
function shapeOfAll(values: readonly unknown[], records: readonly string[] = []): Shape {
  const objects = values.filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value));
  const arrays = values.filter((value): value is unknown[] => Array.isArray(value));
  const others = [...new Set(values.filter((value) => typeof value !== "object" || value === null).map((value) => (value === null ? "null" : typeof value)))];
  const shapes: Shape[] = [];
  if (arrays.length > 0) {
    const items = arrays.flat();
    shapes.push(items.length === 0 ? "[]" : [shapeOfAll(items)]);
  }
  if (objects.length > 0) {
    const keys = [...new Set(objects.flatMap((object) => Object.keys(object)))].sort();
    const shape: Record<string, Shape> = {};
    for (const key of keys) {
      const holders = objects.filter((object) => key in object);
      shape[holders.length === objects.length ? key : `${key}?`] = records.includes(key)
        ? { "[key]": shapeOfAll(holders.flatMap((object) => Object.values(object[key] as object))) }
        : shapeOfAll(holders.map((object) => object[key]));
    }
    shapes.push(shape);
  }
  if (others.length > 0) shapes.push(others.sort().join(" | "));
  return shapes.length === 1 ? shapes[0] : shapes;
}

const WORDS = ["harbour", "glacier", "orchard", "senate", "lantern", "meadow", "quarry", "tariff", "vaccine", "satellite"];

/**
 * The fixture site's articles, and enough more that every field of every kind shows: lists
 * past their head (page tables and pages), and a story told by two outlets (its links).
 */
async function fixtureFiles() {
  const dir = join(FIXTURES, "site");
  const records: ArticleRecord[] = [];
  for (const file of await discoverArticleFiles(dir)) {
    const { result } = loadArticleFileSync(dir, file);
    if (result?.ok) records.push(result.record);
  }
  for (let i = 0; i < 3 * MAX_PAGE_ARTICLES; i++) {
    records.push(
      recordOf(`more-${i}.txt`, {
        title: JSON.stringify(`The ${WORDS[i % 10]} ${WORDS[Math.floor(i / 10) % 10]} ${WORDS[Math.floor(i / 100)]} report`),
        sourceUrl: `https://outlet${i % 3}.example/report-${i}`,
        publishedDateTime: new Date(Date.UTC(2024, 3, 1, i)).toISOString(),
        topics: "\n  - Reports",
      }),
    );
  }
  for (const outlet of ["first", "second"]) {
    records.push(recordOf(`${outlet}-telling.txt`, { title: '"Storm floods the northern valley towns"', sourceUrl: `https://${outlet}.example/storm` }));
  }
  return [...dataFiles(buildSiteModel(records))];
}

describe("the data format", () => {
  it("is the one DATA_FORMAT_VERSION names: a data file's shape changes only with the version", async () => {
    const files = await fixtureFiles();
    // Each kind of file, by its folder and its first field (a folder holds more than one kind: a list's head and its pages).
    const kinds = new Map<string, unknown[]>();
    for (const file of files) {
      const value = JSON.parse(file.render()) as Record<string, unknown>;
      const kind = file.path === dataPaths.index ? "index" : `${file.path.split("/")[1]} {${Object.keys(value)[0]}}`;
      kinds.set(kind, [...(kinds.get(kind) ?? []), value]);
    }
    expect(files.every((file) => file.path.startsWith(`${DATA_DIR}/`))).toBe(true);
    const shapes = Object.fromEntries(
      [...kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, values]) => [kind, shapeOfAll(values, RECORDS[kind.split(" ")[0]])]),
    );

    expect({ format: DATA_FORMAT_VERSION, shapes }, "the shape of a data file changed: bump DATA_FORMAT_VERSION").toMatchInlineSnapshot(`
      {
        "format": 4,
        "shapes": {
          "articles {articles}": {
            "articles": {
              "[key]": {
                "ampUrl?": "string",
                "category?": "string",
                "cdnAmpUrl?": "string",
                "excerpt?": "string",
                "heat?": "number",
                "id": "string",
                "images": [
                  {
                    "height": "number",
                    "title": "string",
                    "url": "string",
                    "width": "number",
                  },
                ],
                "provider": {
                  "domain?": "string",
                  "name": "string",
                },
                "providerKey": "string",
                "publishedAt": "string",
                "quality?": "number",
                "related": [
                  {
                    "ampUrl?": "string",
                    "cdnAmpUrl?": "string",
                    "excerpt": "string",
                    "images": [
                      {
                        "height": "number",
                        "url": "string",
                        "width": "number",
                      },
                    ],
                    "provider": {
                      "domain": "string",
                      "name": "string",
                    },
                    "publishedAt": "string",
                    "quality": "number",
                    "sourceUrl": "string",
                    "title": "string",
                    "type": "string",
                  },
                ],
                "sourceUrl": "string",
                "story": {
                  "articleCount": "number",
                  "articles": [
                    {
                      "id": "string",
                      "provider": {
                        "domain": "string",
                        "name": "string",
                      },
                      "publishedAt": "string",
                      "title": "string",
                    },
                  ],
                  "outletCount": "number",
                  "outlets": [
                    {
                      "count": "number",
                      "key": "string",
                      "latestAt": "string",
                      "listed": "boolean",
                      "name": "string",
                    },
                  ],
                },
                "title": "string",
                "topics": [
                  {
                    "name": "string",
                    "slug": "string",
                  },
                ],
                "type?": "string",
              },
            },
          },
          "catalogs {providers}": {
            "providers": [
              {
                "count": "number",
                "key": "string",
                "list": "string",
                "name": "string",
              },
            ],
          },
          "catalogs {topics}": {
            "topics": [
              {
                "count": "number",
                "list": "string",
                "name": "string",
                "slug": "string",
              },
            ],
          },
          "index": {
            "articles": {
              "bits": "number",
              "tables": [
                "string",
              ],
            },
            "buildId": "string",
            "feed": "string",
            "format": "number",
            "newestAt": "string",
            "offlineArticles": "boolean",
            "providers": "string",
            "search": "string",
            "topTopics": [
              {
                "count": "number",
                "list": "string",
                "name": "string",
                "slug": "string",
              },
            ],
            "topics": "string",
            "totals": {
              "articles": "number",
              "stories": "number",
              "topics": "number",
            },
          },
          "lists {total}": {
            "items": [
              {
                "excerpt?": "string",
                "headlines?": [
                  {
                    "outlet": "string",
                    "sourceUrl": "string",
                    "title": "string",
                  },
                ],
                "heat?": "number",
                "id": "string",
                "image?": {
                  "height": "number",
                  "url": "string",
                  "width": "number",
                },
                "outlets?": "number",
                "provider": {
                  "domain?": "string",
                  "name": "string",
                },
                "providerKey": "string",
                "publishedAt": "string",
                "quality?": "number",
                "title": "string",
                "topics": [
                  {
                    "name": "string",
                    "slug": "string",
                  },
                ],
              },
            ],
            "orders?": {
              "hot": "string",
              "top": "string",
            },
            "pages": "null | string",
            "provider?": {
              "count": "number",
              "key": "string",
              "name": "string",
            },
            "topic?": {
              "count": "number",
              "name": "string",
              "slug": "string",
            },
            "total": "number",
          },
          "pages {items}": {
            "items": [
              {
                "id": "string",
                "outlets?": "number",
                "provider": {
                  "domain": "string",
                  "name": "string",
                },
                "providerKey": "string",
                "publishedAt": "string",
                "title": "string",
                "topics": [
                  {
                    "name": "string",
                    "slug": "string",
                  },
                ],
              },
            ],
          },
          "search {items}": {
            "items": [
              {
                "excerpt?": "string",
                "headlines?": [
                  {
                    "outlet": "string",
                    "sourceUrl": "string",
                    "title": "string",
                  },
                ],
                "heat?": "number",
                "id": "string",
                "image?": {
                  "height": "number",
                  "url": "string",
                  "width": "number",
                },
                "outlets?": "number",
                "provider": {
                  "domain?": "string",
                  "name": "string",
                },
                "providerKey": "string",
                "publishedAt": "string",
                "quality?": "number",
                "title": "string",
                "topics": [
                  {
                    "name": "string",
                    "slug": "string",
                  },
                ],
              },
            ],
          },
          "search {stories}": {
            "chunks": {
              "hot": [
                "number",
              ],
              "latest": [
                "number",
              ],
              "names": [
                "string",
              ],
              "quality": [
                "number",
              ],
            },
            "segments": [
              {
                "files": [
                  "string",
                ],
                "from": "number",
                "words": [
                  "string",
                ],
              },
            ],
            "stories": "number",
          },
          "search {summaries}": {
            "at": "number",
            "heat": [
              "number",
            ],
            "latest": [
              "number",
            ],
            "quality": [
              "number",
            ],
            "summaries": [
              "string",
            ],
            "unit": "number",
          },
          "search {words}": {
            "words": {
              "[key]": [
                "number",
              ],
            },
          },
          "tables {groups}": {
            "groups": [
              "string",
            ],
          },
          "tables {pages}": {
            "counts": [
              "number",
            ],
            "pages": [
              "string",
            ],
          },
        },
      }
    `);
  });
});

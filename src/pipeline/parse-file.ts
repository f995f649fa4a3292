import matter from "gray-matter";
import yaml from "js-yaml";
import type { ContentImage, Provider, RelatedItem } from "../contract/types.ts";
import type { ContentProblem } from "./problems.ts";
import { frontMatterDropRule, frontMatterSchema, type DropRule, type FrontMatter } from "./schema.ts";
import { normaliseUrl } from "./urls.ts";

/** One valid article file, normalised, before it meets the other files. */
export interface ArticleRecord {
  file: string;
  /** The normalised source URL: files with the same key are one article. */
  key: string;
  draft: boolean;
  title: string;
  publishedAt: string;
  sourceUrl: string;
  excerpt?: string;
  category?: string;
  type?: string;
  ampUrl?: string;
  cdnAmpUrl?: string;
  quality?: number;
  heat?: number;
  provider?: Provider;
  /** Trimmed, in the file's own spelling; the site-wide spelling is chosen later. */
  topics: string[];
  images: ContentImage[];
  related: RelatedItem[];
  /** Each related item's normalised source URL, in the same order. */
  relatedKeys: string[];
}

export type FileResult =
  | { ok: true; record: ArticleRecord; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[]; warnings: ContentProblem[] };

type Path = readonly PropertyKey[];

function fieldName(path: Path): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`)).join("");
}

/** The 1-based line where a top-level key is written, so a message can point at it. */
function lineOf(text: string, key: PropertyKey | undefined): number | undefined {
  if (typeof key !== "string") return undefined;
  const at = text.search(new RegExp(`^${key}\\s*:`, "m"));
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

/** The part of the input a failing field takes with it, or null when it takes the whole. */
function dropPath(path: Path, rule: DropRule): PropertyKey[] | null {
  const [key, next] = path;
  if (key === undefined || rule.required?.includes(String(key))) return null;
  const listRule = rule.lists?.[String(key)];
  if (listRule && typeof next === "number") {
    const inner = dropPath(path.slice(2), listRule);
    return inner ? [key, next, ...inner] : [key, next];
  }
  const mappingRule = rule.mappings?.[String(key)];
  if (mappingRule && path.length > 1) {
    const inner = dropPath(path.slice(1), mappingRule);
    return inner ? [key, ...inner] : [key];
  }
  return [key];
}

const DROPPED = Symbol("dropped");

function removeDropped(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== DROPPED).map(removeDropped);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== DROPPED)
        .map(([key, item]) => [key, removeDropped(item)]),
    );
  }
  return value;
}

/** Marks `path` in `data` as dropped, if it is still there. */
function markDropped(data: unknown, path: PropertyKey[]): void {
  let parent = data as Record<PropertyKey, unknown>;
  for (const part of path.slice(0, -1)) {
    parent = parent?.[part] as Record<PropertyKey, unknown>;
    if (!parent || typeof parent !== "object") return;
  }
  parent[path[path.length - 1]] = DROPPED;
}

/** YAML's `key:` with no value means the key was not given. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null && item !== undefined)
        .map(([key, item]) => [key, withoutNulls(item)]),
    );
  }
  return value;
}

/**
 * Validates front matter against the schema. Failing optional parts are dropped with a
 * warning each; failing required fields make the file invalid, every one listed.
 */
function validate(file: string, text: string, input: unknown) {
  const warnings: ContentProblem[] = [];
  let data = input;
  // Each round drops what failed; a dropped part cannot fail again, so the second round
  // settles it. The third is a guard against a schema that would loop.
  for (let round = 0; round < 3; round++) {
    const result = frontMatterSchema.safeParse(data);
    if (result.success) return { ok: true as const, data: result.data, warnings };
    const fatal = result.error.issues.filter((issue) => dropPath(issue.path, frontMatterDropRule) === null);
    if (fatal.length > 0) {
      const problems = fatal.map((issue) => ({
        file,
        field: fieldName(issue.path),
        line: lineOf(text, issue.path[0]),
        message: issue.message,
      }));
      return { ok: false as const, problems, warnings };
    }
    for (const issue of result.error.issues) {
      const path = dropPath(issue.path, frontMatterDropRule) as PropertyKey[];
      const field = fieldName(issue.path);
      const what = fieldName(path);
      warnings.push({
        file,
        field,
        line: lineOf(text, issue.path[0]),
        message: `${issue.message}; ${what === field ? "left out" : `${what} left out`}`,
      });
      markDropped(data, path);
    }
    data = removeDropped(data);
  }
  throw new Error(`${file}: front matter did not settle after dropping invalid fields`);
}

const images = (list: FrontMatter["images"]): ContentImage[] => list ?? [];

/**
 * Related coverage once per source URL, and never the article itself, with each item's
 * normalised URL (`keys`, worked out here unless given: stories are found by them).
 */
export function uniqueRelated(
  ownKey: string,
  items: readonly RelatedItem[],
  keys: readonly string[] = items.map((item) => normaliseUrl(item.sourceUrl)),
): Pick<ArticleRecord, "related" | "relatedKeys"> {
  const seen = new Set([ownKey]);
  const related: RelatedItem[] = [];
  const relatedKeys: string[] = [];
  items.forEach((item, index) => {
    if (seen.has(keys[index])) return;
    seen.add(keys[index]);
    related.push(item);
    relatedKeys.push(keys[index]);
  });
  return { related, relatedKeys };
}

function toRecord(file: string, data: FrontMatter): ArticleRecord {
  const key = normaliseUrl(data.sourceUrl);
  return {
    file,
    key,
    draft: !data.published,
    title: data.title,
    publishedAt: data.publishedDateTime,
    sourceUrl: data.sourceUrl,
    excerpt: data.excerpt || undefined,
    category: data.category || undefined,
    type: data.type || undefined,
    ampUrl: data.ampUrl,
    cdnAmpUrl: data.cdnAmpUrl,
    quality: data.quality,
    heat: data.heat,
    provider: data.provider,
    topics: (data.topics ?? []).map((topic) => topic.trim().replace(/\s+/g, " ")).filter(Boolean),
    images: images(data.images),
    ...uniqueRelated(
      key,
      (data.related ?? []).map((item) => ({
        title: item.title,
        sourceUrl: item.sourceUrl,
        excerpt: item.excerpt || undefined,
        publishedAt: item.publishedDateTime,
        ampUrl: item.ampUrl,
        cdnAmpUrl: item.cdnAmpUrl,
        type: item.type || undefined,
        provider: item.provider,
        quality: item.quality,
        images: images(item.images),
      })),
    ),
  };
}

/**
 * Passing options turns off gray-matter's cache, which keeps a copy of every file. YAML's
 * core schema leaves dates as text: js-yaml's own timestamps roll 31 February over into
 * March, and the schema checks dates strictly.
 */
const refuseScript = () => {
  throw new Error("front matter must be YAML; JavaScript front matter is never run");
};
const MATTER_OPTIONS = {
  // gray-matter would eval `---js` front matter: content is data, never code.
  engines: {
    yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object,
    js: refuseScript,
    javascript: refuseScript,
  },
};

interface YamlError {
  reason?: string;
  mark?: { line: number };
}

/** read → parse → validate → normalise, for one file; needs nothing from other files. */
export function parseArticleFile(file: string, rawText: string): FileResult {
  const text = rawText.replace(/^\uFEFF/, "");
  const fail = (message: string, line?: number): FileResult => ({
    ok: false,
    problems: [{ file, line, message }],
    warnings: [],
  });
  if (!/^---[ \t]*\r?\n/.test(text)) return fail("has no front matter (it must start with a --- line)");
  let data: unknown;
  try {
    data = matter(text, MATTER_OPTIONS).data;
  } catch (error) {
    const yaml = error as YamlError;
    // gray-matter hands js-yaml the text from just after the opening `---`, so js-yaml's
    // 0-based line 0 is file line 1.
    return fail(`YAML does not parse: ${yaml.reason ?? String(error)}`, yaml.mark ? yaml.mark.line + 1 : undefined);
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || Object.keys(data).length === 0) {
    return fail("front matter is empty or not a mapping of fields");
  }
  const result = validate(file, text, withoutNulls(data));
  return result.ok
    ? { ok: true, record: toRecord(file, result.data), warnings: result.warnings }
    : { ok: false, problems: result.problems, warnings: result.warnings };
}

import yaml from "js-yaml";
import type { ContentImage, ContentOutlet, RelatedItem } from "../contract/types.ts";
import { cutText } from "../contract/text.ts";
import { CONTENT_LIMITS, lengthOf } from "./limits.ts";
import type { ContentProblem } from "./problems.ts";
import { frontMatterDropRule, frontMatterSchema, type DropRule, type FrontMatter } from "./schema.ts";
import { claimedDomain } from "./outlets.ts";
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
  provider?: ContentOutlet;
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

/** Finds the 1-based line where a top-level key is written, so a message can point at it; each key is looked for once. */
function lineFinder(text: string): (key: PropertyKey | undefined) => number | undefined {
  const found = new Map<string, number | undefined>();
  return (key) => {
    if (typeof key !== "string") return undefined;
    if (!found.has(key)) {
      const at = text.search(new RegExp(`^${key}\\s*:`, "m"));
      found.set(key, at < 0 ? undefined : text.slice(0, at).split("\n").length);
    }
    return found.get(key);
  };
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

/** Where a walk of the front matter stopped: the part of the file it names, and why. */
class Unbounded extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Where a value sits in the front matter, as a chain from the value up: the walk below
 * makes one small link per value and spells the path out only for a message.
 */
interface Trail {
  readonly up: Trail | undefined;
  readonly key: PropertyKey;
  readonly depth: number;
}

function pathOf(trail: Trail): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Trail | undefined = trail; at; at = at.up) path.push(at.key);
  return path.reverse();
}

/** A list of the format that keeps only its first entries, by its place in the front matter. */
function listLimit(trail: Trail): number | undefined {
  const { lists } = CONTENT_LIMITS;
  if (trail.depth === 1) return (lists as Record<string, number>)[String(trail.key)];
  return trail.depth === 3 && trail.key === "images" && trail.up?.up?.key === "related" ? lists.relatedImages : undefined;
}

/**
 * The fields of the format, copied out of what YAML made of the file, within the limits:
 * keys the format does not know are never visited (`secured` among them); YAML's `key:`
 * with no value means the key was not given; long lists keep their first entries, with a
 * warning. YAML aliases hand the same list or mapping over many times, so the copy counts
 * every value and character it makes and stops past `CONTENT_LIMITS.expansion` times the
 * file's length, or at an alias that holds itself: however a file is written, the work
 * after parsing stays linear in its size.
 */
function boundedFields(data: Record<string, unknown>, known: readonly string[], budget: number, warn: (path: Path, message: string) => void) {
  let left = budget;
  const open = new Set<object>();
  const copy = (value: unknown, trail: Trail): unknown => {
    left -= typeof value === "string" ? value.length + 1 : 1;
    if (left < 0) {
      throw new Unbounded(fieldName(pathOf(trail)), "expands to far more than the file holds (YAML aliases repeat its values); write the values out");
    }
    if (value === null || typeof value !== "object") return value;
    if (open.has(value)) throw new Unbounded(fieldName(pathOf(trail)), "holds itself (a YAML alias inside its own anchor)");
    if (trail.depth >= CONTENT_LIMITS.depth) return TOO_DEEP;
    open.add(value);
    const depth = trail.depth + 1;
    let result: unknown;
    if (Array.isArray(value)) {
      const limit = listLimit(trail);
      if (limit !== undefined && value.length > limit) {
        warn(pathOf(trail), `has ${value.length.toLocaleString("en-US")} entries; the first ${limit} are kept`);
      }
      const kept = limit === undefined ? value.length : Math.min(limit, value.length);
      const items = new Array<unknown>(kept);
      for (let index = 0; index < kept; index++) items[index] = copy(value[index], { up: trail, key: index, depth });
      result = items;
    } else {
      const entries: [string, unknown][] = [];
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== null && item !== undefined) entries.push([key, copy(item, { up: trail, key, depth })]);
      }
      result = Object.fromEntries(entries);
    }
    open.delete(value);
    return result;
  };
  const fields: Record<string, unknown> = {};
  for (const key of known) {
    if (Object.hasOwn(data, key) && data[key] !== null && data[key] !== undefined) fields[key] = copy(data[key], { up: undefined, key, depth: 1 });
  }
  return fields;
}

/** Stands in for a value nested deeper than any field of the format: no schema type accepts it. */
const TOO_DEEP = Symbol("nested too deep");

type LineFinder = ReturnType<typeof lineFinder>;

/**
 * Validates front matter against the schema. Failing optional parts are dropped with a
 * warning each; failing required fields make the file invalid, every one listed.
 */
function validate(file: string, lineOf: LineFinder, input: unknown, warnings: ContentProblem[]) {
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
        line: lineOf(issue.path[0]),
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
        line: lineOf(issue.path[0]),
        message: `${issue.message}; ${what === field ? "left out" : `${what} left out`}`,
      });
      markDropped(data, path);
    }
    data = removeDropped(data);
  }
  return {
    ok: false as const,
    problems: [{ file, message: "front matter did not settle after dropping invalid fields" }],
    warnings,
  };
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
    topics: (data.topics ?? []).filter(Boolean),
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
 * The front matter block as gray-matter cuts it, and what it makes of it, without
 * gray-matter: called on a file that passed `OPENING_FENCE` and `CLOSING_FENCE`, for which
 * gray-matter reads no language after `---` (a `---js` file never gets this far: gray-matter
 * would eval it, and content is data, never code), hands its YAML engine the text from just
 * after the opening `---` to the first `\n---`, and returns `{}` when that block is only
 * comments and whitespace or YAML makes nothing of it. Doing it here spares a copy of every file into a Buffer (gray-matter's
 * `orig`) and a regular expression over every block: about a sixth of the parse stage.
 *
 * YAML's core schema leaves dates as text: js-yaml's own timestamps roll 31 February over
 * into March, and the schema checks dates strictly.
 */
export function frontMatterData(text: string): unknown {
  const rest = text.slice(3);
  const close = rest.indexOf("\n---");
  const block = close < 0 ? rest : rest.slice(0, close);
  if (onlyComments(block)) return {};
  return yaml.load(block, { schema: yaml.CORE_SCHEMA }) ?? {};
}

/** gray-matter's test for an empty block; the regular expression runs only when the block's first character (after whitespace) is `#`. */
function onlyComments(block: string): boolean {
  const first = block.search(/\S/);
  if (first < 0) return true;
  if (block[first] !== "#") return false;
  return block.replace(/^\s*#[^\n]+/gm, "").trim() === "";
}

interface YamlError {
  reason?: string;
  mark?: { line: number };
}

/** The cut each text field of the format gets, by its name in a mapping (`related[0].title` is a title). */
const TEXT_LIMIT_OF: Record<string, number> = {
  title: CONTENT_LIMITS.text.title,
  excerpt: CONTENT_LIMITS.text.excerpt,
  category: CONTENT_LIMITS.text.category,
  type: CONTENT_LIMITS.text.type,
};

/**
 * Every text field within its limit: long text is cut, with a warning naming the field. An
 * outlet's domain that is not its source's (see `claimedDomain`) is left out, with a warning.
 */
function withinLimits(data: FrontMatter, warn: (path: Path, message: string) => void): FrontMatter {
  const cut = (value: string, max: number, path: Path): string => {
    if (value.length <= max || lengthOf(value) <= max) return value;
    warn(path, `is ${lengthOf(value).toLocaleString("en-US")} characters long; cut to ${max}`);
    return cutText(value, max);
  };
  const fields = <T extends object>(record: T, path: Path): T => {
    const out = { ...record } as Record<string, unknown>;
    for (const [key, max] of Object.entries(TEXT_LIMIT_OF)) {
      if (typeof out[key] === "string") out[key] = cut(out[key], max, [...path, key]);
    }
    return out as T;
  };
  const provider = (value: ContentOutlet | undefined, sourceUrl: string, path: Path): ContentOutlet | undefined => {
    if (!value) return value;
    const name = cut(value.name, CONTENT_LIMITS.text.outletName, [...path, "name"]);
    if (value.domain === undefined || claimedDomain(value, sourceUrl)) return { ...value, name };
    const host = new URL(sourceUrl).hostname;
    warn([...path, "domain"], `is not the host of its sourceUrl (${host}); left out: an outlet is known by where it publishes`);
    return { name };
  };
  const imageList = (list: FrontMatter["images"], path: Path) =>
    list?.map((image, index) => (image.title === undefined ? image : { ...image, title: cut(image.title, CONTENT_LIMITS.text.imageTitle, [...path, index, "title"]) }));
  return {
    ...fields(data, []),
    provider: provider(data.provider, data.sourceUrl, ["provider"]),
    topics: data.topics?.map((topic, index) => cut(topic, CONTENT_LIMITS.text.topic, ["topics", index])),
    images: imageList(data.images, ["images"]),
    related: data.related?.map((item, index) => ({
      ...fields(item, ["related", index]),
      provider: provider(item.provider, item.sourceUrl, ["related", index, "provider"]),
      images: imageList(item.images, ["related", index, "images"]),
    })),
  };
}

const KNOWN_FIELDS = Object.keys(frontMatterSchema.shape);

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const LENIENT_UTF8 = new TextDecoder("utf-8");

/**
 * A file's text: UTF-8, or UTF-16 when it starts with UTF-16's byte order mark. Bytes that
 * are not UTF-8 read as U+FFFD, and the first line they are on is told.
 */
function decodeBytes(bytes: Uint8Array): { text: string; invalidAtLine?: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes) };
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    const text = LENIENT_UTF8.decode(bytes);
    return { text, invalidAtLine: text.slice(0, text.indexOf("\uFFFD")).split("\n").length };
  }
}

/** A front matter block that is opened, and closed by a `---` line of its own. */
const OPENING_FENCE = /^---[ \t]*\n/;
const CLOSING_FENCE = /\n---[ \t]*(?:\n|$)/;

/** Any alias at all: `*name` where a YAML node starts. */
const ALIAS = /(?:^|[\s[{,])\*[^\s,[\]{}]/m;
/**
 * A key that is a list, a mapping or an alias, written on its own (`? `), at the start of a
 * line (`[*a, *a]: x`, `*a: x`) or inside a flow mapping (`{[*a]: x}`).
 */
const COMPLEX_KEY =
  /^[ \t]*(?:-[ \t]+)*(?:[!&]\S*[ \t]+)*(?:\?(?:[ \t]|$)|[[{].*[\]}][ \t]*:(?:[ \t]|$)|\*[^\s,:{}[\]]+[ \t]*:(?:[ \t]|$))|[{,][ \t]*(?:\[[^\]\n]*\*|\*[^\s,:{}[\]]+[ \t]*:)/m;

/**
 * The line of a key that would hold an alias, or undefined. js-yaml turns a list used as a
 * key into text, expanding every alias inside it, while it parses, before anything else can
 * bound it: a file of a few kilobytes could fill the memory. Keys of the format are plain
 * names, so a file that uses aliases and writes a key of any other kind is refused.
 */
function aliasInKey(text: string): number | undefined {
  // Most files have no `*` at all: one scan for it is far cheaper than the expression.
  if (!text.includes("*") || !ALIAS.test(text)) return undefined;
  const match = COMPLEX_KEY.exec(text);
  return match ? text.slice(0, match.index + 1).split("\n").length : undefined;
}

/** `tail`, as a slice of `text` when `text` ends with it. */
const tailOf = (text: string, tail: string) => (tail !== text && text.endsWith(tail) ? text.slice(text.length - tail.length) : tail);

/** Text fields that repeat from file to file: outlets, categories, types, topics. */
const SHORT = 100;

/**
 * Makes each result hold one copy of text it repeats, and of text many results repeat: a
 * string that crossed from a worker thread (or came out of JSON) is a new copy each time.
 * A file's key is usually the end of its source URL written out again (`normaliseUrl` drops
 * the scheme), and so is each related item's: it becomes a slice of the URL, which V8 keeps
 * as a reference into the URL's text. An outlet's name and domain, the category, type and
 * topics come again in thousands of files. On the 100k bench archive the records take 543
 * MiB of heap instead of 628. The values are unchanged: only which copy of equal text a
 * field holds.
 */
export function shareStrings(): (result: FileResult | undefined) => void {
  const pool = new Map<string, string>();
  const one = <S extends string | undefined>(value: S): S => {
    if (value === undefined || value.length > SHORT) return value;
    const held = pool.get(value);
    if (held !== undefined) return held as S;
    pool.set(value, value);
    return value;
  };
  const provider = (value: ContentOutlet | undefined) => {
    if (value === undefined) return;
    value.name = one(value.name);
    if (value.domain !== undefined) value.domain = one(value.domain);
  };
  return (result) => {
    if (!result?.ok) return;
    const record = result.record;
    record.key = tailOf(record.sourceUrl, record.key);
    if (record.category !== undefined) record.category = one(record.category);
    if (record.type !== undefined) record.type = one(record.type);
    provider(record.provider);
    record.topics = record.topics.map(one);
    record.related.forEach((item, index) => {
      record.relatedKeys[index] = tailOf(item.sourceUrl, record.relatedKeys[index]);
      if (item.type !== undefined) item.type = one(item.type);
      provider(item.provider);
    });
  };
}

/** What a file over the size limit comes to: the loader says so without reading it. */
export const oversizedFile = (file: string): FileResult => ({
  ok: false,
  problems: [{ file, message: `is larger than ${CONTENT_LIMITS.fileBytes / 1024} KiB, the most an article file may be` }],
  warnings: [],
});

/**
 * read → parse → validate → normalise, for one file; needs nothing from other files.
 * Whatever the text holds, the answer is a result: never an exception.
 */
export function parseArticleFile(file: string, content: string | Uint8Array): FileResult {
  const warnings: ContentProblem[] = [];
  const fail = (message: string, line?: number): FileResult => ({ ok: false, problems: [{ file, line, message }], warnings });
  try {
    const size = typeof content === "string" ? content.length : content.byteLength;
    if (size > CONTENT_LIMITS.fileBytes) return oversizedFile(file);
    const decoded = typeof content === "string" ? { text: content } : decodeBytes(content);
    if (decoded.invalidAtLine !== undefined) {
      warnings.push({
        file,
        line: decoded.invalidAtLine,
        message: "is not valid UTF-8 from this line on: the bytes that are not text read as \u201c\uFFFD\u201d",
      });
    }
    // One kind of line ending: a file written on Windows, or half on Windows, reads as written.
    const text = decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const nul = text.indexOf("\0");
    if (nul >= 0) return fail("holds NUL characters: it is binary data, not a text file", text.slice(0, nul).split("\n").length);
    if (!OPENING_FENCE.test(text)) return fail("has no front matter (it must start with a --- line)");
    if (!CLOSING_FENCE.test(text.slice(3))) {
      return fail("has no closing --- line after its front matter: the file may have been cut short");
    }
    const keyLine = aliasInKey(text);
    if (keyLine !== undefined) return fail("YAML aliases may not be used with keys that are lists, mappings or aliases", keyLine);
    const lineOf = lineFinder(text);
    const warn = (path: Path, message: string) => warnings.push({ file, field: fieldName(path), line: lineOf(path[0]), message });
    let data: unknown;
    try {
      data = frontMatterData(text);
    } catch (error) {
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        return fail("YAML does not parse: its lists or mappings are nested too deeply to read");
      }
      const yaml = error as YamlError;
      // js-yaml reads the text from just after the opening `---`, so its 0-based line 0 is
      // file line 1.
      return fail(`YAML does not parse: ${yaml.reason ?? String(error)}`, yaml.mark ? yaml.mark.line + 1 : undefined);
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || Object.keys(data).length === 0) {
      return fail("front matter is empty or not a mapping of fields");
    }
    let fields: Record<string, unknown>;
    try {
      const budget = Math.max(CONTENT_LIMITS.expansion.perCharacter * text.length, CONTENT_LIMITS.expansion.atLeast);
      fields = boundedFields(data as Record<string, unknown>, KNOWN_FIELDS, budget, warn);
    } catch (error) {
      if (!(error instanceof Unbounded)) throw error;
      const field = error.field.match(/^[^.[]+/)?.[0];
      return { ok: false, problems: [{ file, field: error.field, line: lineOf(field), message: error.message }], warnings };
    }
    const result = validate(file, lineOf, fields, warnings);
    return result.ok
      ? { ok: true, record: toRecord(file, withinLimits(result.data, warn)), warnings }
      : { ok: false, problems: result.problems, warnings };
  } catch (error) {
    // A bug, not the file's fault; still only this file is set aside, and it is named.
    return fail(`could not be read as an article (${error instanceof Error ? error.message : String(error)})`);
  }
}

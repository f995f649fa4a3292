import { z } from "zod";
import { parseHttpUrl } from "../contract/urls.ts";
import { cleanText, CONTENT_LIMITS } from "./limits.ts";

/** The rules of CONTENT_FORMAT.md as one schema. Messages read after the field's name. */

/** Text as the format keeps it: one line, no control characters, never half a surrogate pair. */
const text = (what = "text") =>
  z.string({ error: (issue) => (issue.input === undefined ? "is required" : `must be ${what}`) }).overwrite(cleanText);

const nonEmptyText = () => text().min(1, { error: "must not be empty" });

/**
 * The value's href, remembered for the last value: the refinement and the transform
 * below ask for the same URL one after the other, and parsing URLs is most of the work.
 */
const hrefOf = lastValueMemo((value: string) => parseHttpUrl(value)?.href);

/** Past the limit a URL is not even parsed: its length alone rules it out. */
const tooLong = (value: string) => value.length > CONTENT_LIMITS.urlLength || (hrefOf(value)?.length ?? 0) > CONTENT_LIMITS.urlLength;

function lastValueMemo<In, Out>(compute: (input: In) => Out): (input: In) => Out {
  let lastInput: In | undefined;
  let lastOutput: Out;
  return (input) => {
    if (input !== lastInput) {
      lastOutput = compute(input);
      lastInput = input;
    }
    return lastOutput;
  };
}

// Checks are refinements, not transforms: zod runs every refinement, so one bad field
// never hides another.
const httpUrl = () =>
  text("an http(s) URL")
    .refine((value) => value.length > CONTENT_LIMITS.urlLength || hrefOf(value) !== undefined, { error: "must be an http(s) URL" })
    .refine((value) => !tooLong(value), {
      error: `must be a URL of at most ${CONTENT_LIMITS.urlLength.toLocaleString("en-US")} characters`,
    })
    .transform((value) => hrefOf(value) as string);

const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** `+0530` and `+05` as Date.parse reads them: `+05:30`, `+05:00`. */
function offset(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === "Z") return "Z";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || "00"}`;
}

/** Milliseconds since the epoch, or NaN when `value` is no ISO 8601 date or date-time. */
const timeOf = lastValueMemo(function timeOf(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  const match = ISO_8601.exec(value.trim());
  if (!match) return NaN;
  // Date.parse rolls 31 February over into March; a real calendar day survives a round trip.
  const [year, month, day] = match[1].split("-").map(Number);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return NaN;
  return Date.parse(`${match[1]}T${match[2] ?? "00:00"}${offset(match[3])}`);
});

/** An ISO 8601 date-time or date, from YAML's Date or a string; always UTC out. */
const dateTime = () =>
  z
    .union([z.date(), z.string()], {
      error: (issue) => (issue.input === undefined ? "is required" : "must be an ISO 8601 date-time"),
    })
    .refine((value) => Number.isFinite(timeOf(value)), { error: "must be an ISO 8601 date-time" })
    .transform((value) => new Date(timeOf(value)).toISOString());

const score = () =>
  z
    .number({ error: "must be a number from 0 to 100" })
    .min(0, { error: "must be a number from 0 to 100" })
    .max(100, { error: "must be a number from 0 to 100" });

const pixels = () => z.number({ error: "must be a whole number of pixels" }).int().positive();

const outletSchema = z.object(
  { name: nonEmptyText(), domain: text().optional() },
  { error: "must be a mapping with a name" },
);

const imageSchema = z.object(
  { url: httpUrl(), width: pixels().optional(), height: pixels().optional(), title: text().optional() },
  { error: "must be a mapping with a url" },
);

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: "must be a list" });

const relatedSchema = z.object(
  {
    title: nonEmptyText(),
    sourceUrl: httpUrl(),
    excerpt: text().optional(),
    publishedDateTime: dateTime().optional(),
    ampUrl: httpUrl().optional(),
    cdnAmpUrl: httpUrl().optional(),
    type: text().optional(),
    provider: outletSchema.optional(),
    quality: score().optional(),
    images: list(imageSchema).optional(),
  },
  { error: "must be a mapping with a title and a sourceUrl" },
);

export const frontMatterSchema = z.object({
  title: nonEmptyText(),
  publishedDateTime: dateTime(),
  sourceUrl: httpUrl(),
  excerpt: text().optional(),
  category: text().optional(),
  type: text().optional(),
  ampUrl: httpUrl().optional(),
  cdnAmpUrl: httpUrl().optional(),
  quality: score().optional(),
  heat: score().optional(),
  published: z.boolean({ error: "must be true or false" }).default(true),
  provider: outletSchema.optional(),
  topics: list(z.union([text(), z.number()], { error: "must be text" }).transform(String)).optional(),
  images: list(imageSchema).optional(),
  related: list(relatedSchema).optional(),
  // `secured` and every other key are left out by z.object: they never reach the output.
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

/**
 * Which part of the input goes when a field fails: an optional field is dropped on its
 * own; a list item or mapping whose required field fails goes whole; a required
 * top-level field makes the file invalid.
 */
export interface DropRule {
  required?: readonly string[];
  lists?: Readonly<Record<string, DropRule>>;
  mappings?: Readonly<Record<string, DropRule>>;
}

const outletRule: DropRule = { required: ["name"] };
const imageRule: DropRule = { required: ["url"] };

export const frontMatterDropRule: DropRule = {
  required: ["title", "publishedDateTime", "sourceUrl", "published"],
  mappings: { provider: outletRule },
  lists: {
    topics: {},
    images: imageRule,
    related: {
      required: ["title", "sourceUrl"],
      mappings: { provider: outletRule },
      lists: { images: imageRule },
    },
  },
};

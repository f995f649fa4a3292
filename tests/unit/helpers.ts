import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { seededRandom } from "../../scripts/seeded-random.ts";
import { parseHttpUrl } from "../../src/contract/urls.ts";
import { parseArticleFile, type ArticleRecord } from "../../src/pipeline/parse-file.ts";
import { formatProblem, type ContentProblem } from "../../src/pipeline/problems.ts";

// From the folder, not a file URL: a test in the jsdom environment has jsdom's URL, which node:url refuses.
export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURES = join(ROOT, "tests/fixtures");

/** The reference article shipped in `content/`. */
export const SEED_FILE = "000_adea7733bfa5600a.txt";
export const seedText = readFileSync(join(ROOT, "content", SEED_FILE), "utf8");

/** The `secured:` values written in a file's text, so a test can look for them in output. */
export function securedValuesOf(text: string): string[] {
  return [...text.matchAll(/^\s*secured:\s*"?([^"\n]+)"?\s*$/gm)].map((match) => match[1]);
}

/**
 * Front matter of a small valid article, as YAML text per field. A test overrides or adds
 * fields with their YAML text (a nested block starts with a newline), or drops one with
 * `undefined`.
 */
const BASE_FIELDS: Record<string, string> = {
  title: '"Facebook says group used AI-generated faces to push pro-Trump messages"',
  publishedDateTime: "2019-12-22T12:58:00Z",
  sourceUrl: "https://www.livemint.com/technology/tech-news/facebook-ai-faces-11577018518743.html",
  provider: "\n  name: Mint\n  domain: livemint.com",
};

export type Fields = Record<string, string | undefined>;

/** The host a `sourceUrl:` value names, without `www.`, or undefined when it names none. */
function hostOf(yamlValue: string | undefined): string | undefined {
  return parseHttpUrl(yamlValue?.replace(/^"|"$/g, "") ?? "")?.hostname.replace(/^www\./, "") || undefined;
}

export function articleText(fields: Fields = {}): string {
  // The default outlet publishes where the article is: an outlet is known by its host.
  const host = "sourceUrl" in fields ? hostOf(fields.sourceUrl) : undefined;
  const provider = host ? `\n  name: Mint\n  domain: ${host}` : BASE_FIELDS.provider;
  const merged: Fields = { ...BASE_FIELDS, provider, ...fields };
  const lines = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => (value.startsWith("\n") ? `${key}:${value}` : `${key}: ${value}`));
  return `---\n${lines.join("\n")}\n---\n`;
}

/** Parses an article that must be valid, and hands back its record. */
export function recordOf(file: string, fields: Fields = {}): ArticleRecord {
  const result = parseArticleFile(file, articleText(fields));
  if (!result.ok) throw new Error(`fixture ${file} is invalid: ${result.problems.map(formatProblem).join("; ")}`);
  return result.record;
}

/** The problem list names the file, and the formatted message names file and field. */
export function expectProblemAbout(problems: readonly ContentProblem[], file: string, field: string): ContentProblem {
  const problem = problems.find((candidate) => candidate.field === field);
  expect(problem, `no problem about ${field} in ${JSON.stringify(problems)}`).toBeDefined();
  const found = problem as ContentProblem;
  expect(found.file).toBe(file);
  const message = formatProblem(found);
  expect(message).toContain(file);
  expect(message).toContain(field);
  return found;
}

/** A fresh folder under the system temp folder, with `files` written into it. */
export async function tempContentDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "broadsheet-test-"));
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const target = join(dir, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

/** A repeatable shuffle (scripts/seeded-random.ts), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * What a prerendered page carries besides its markup: the data its first screen was drawn
 * from (the app's query cache entries but the index, and the id of the build it was drawn from), the address it was drawn for
 * and the clock its times were written with. The build writes it (src/prerender/server.tsx,
 * src/pipeline/publish/first-screen.ts) and the app reads it before it hydrates
 * (src/prerender/hydrate.ts): one definition for both.
 */

/** The id of the `<script type="application/json">` that holds the state. */
export const PAGE_STATE_ID = "broadsheet-page";

/**
 * Set on `<html>` once the app runs in the page (src/app/layout.tsx): a prerendered page
 * shows its stories before that, but its keys and buttons answer only from then on.
 */
export const LIVE_ATTRIBUTE = "data-live";

/**
 * One query cache entry: its key and its data, as the app's own queries made them; `part`
 * when the page carries only what it shows of the data (one article of a bucket),
 * which the app then asks for in full.
 */
export type PageQuery = [key: readonly unknown[], data: unknown, part?: "part"];

export interface PageState {
  /** The address the markup was drawn for, base included: the app hydrates only there. */
  path: string;
  /** The "now" every time on the page was written with (ms since 1970): the browser's first render uses it too. */
  renderedAt: number;
  /**
   * The build whose index the page was drawn with: its id is in the keys of the entries made
   * from them. The index itself is not carried: the app reads the host's before it hydrates
   * (src/prerender/hydrate.ts), and a page holds only what its index fields draw the same.
   */
  buildId: string;
  /** The entries the first screen read, but the index. */
  queries: PageQuery[];
}

/** What stands for a value met earlier in the entries: the path to it (entry, then keys). */
const SAME = "$same";
type Path = (string | number)[];

/**
 * The entries with every object or array met a second time (a list's head is also its
 * feed's first page) written as the path to the first: the page carries each once.
 * `withSharedValuesRestored` undoes it.
 */
export function withSharedValuesMarked(queries: readonly PageQuery[]): PageQuery[] {
  // Where each value was met: the value it is in and its key there; an entry's data is in none.
  type Place = { up: object | undefined; key: string | number };
  const seen = new Map<object, Place>();
  const pathTo = (value: object): Path => {
    const keys: Path = [];
    let at = seen.get(value) as Place;
    for (; at.up; at = seen.get(at.up) as Place) keys.push(at.key);
    return [at.key, 1, ...keys.reverse()];
  };
  const mark = (value: unknown, up: object | undefined, key: string | number): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (seen.has(value)) return { [SAME]: pathTo(value) };
    seen.set(value, { up, key });
    if (Array.isArray(value)) return value.map((item, at) => mark(item, value, at));
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, mark(item, value, name)]));
  };
  return queries.map(([key, data, ...part], at) => [key, mark(data, undefined, at), ...part]);
}

/** The entries with each marked value in place again (the same object where the path leads), in place. */
export function withSharedValuesRestored(queries: PageQuery[]): PageQuery[] {
  const at = (path: Path) => path.reduce<unknown>((value, step) => (value as Record<string | number, unknown>)[step], queries);
  const restore = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const path = (value as { [SAME]?: Path })[SAME];
    if (Array.isArray(path) && Object.keys(value).length === 1) return at(path);
    const fields = value as Record<string, unknown>;
    for (const name of Object.keys(fields)) fields[name] = restore(fields[name]);
    return value;
  };
  // In the order they were marked: a path always leads to a value restored already.
  for (const entry of queries) entry[1] = restore(entry[1]);
  return queries;
}

/**
 * The state as a `<script type="application/json">` element. The JSON is escaped so the
 * HTML parser can never see markup in it: `<` (so no `</script>` and no `<!--` ends or
 * opens anything), `>` and `&`, and the two line separators JavaScript once refused.
 */
export function pageStateScript(state: PageState): string {
  const json = JSON.stringify(state).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<script type="application/json" id="${PAGE_STATE_ID}">${json}</script>`;
}

const STATE_ELEMENT = new RegExp(`<script type="application/json" id="${PAGE_STATE_ID}">([^<]*)</script>`);

/** A state is what pageStateScript wrote, checked at the top: the page may be any file. */
function asPageState(value: unknown): PageState | undefined {
  const state = value as Partial<PageState> | null;
  return typeof state?.path === "string" &&
    typeof state.renderedAt === "number" &&
    typeof state.buildId === "string" &&
    Array.isArray(state.queries)
    ? (state as PageState)
    : undefined;
}

/** The state a page's HTML carries, if it carries one. */
export function pageStateIn(html: string): PageState | undefined {
  const json = STATE_ELEMENT.exec(html)?.[1];
  return json === undefined ? undefined : parsePageState(json);
}

/** The state from the element's text. */
export function parsePageState(json: string): PageState | undefined {
  try {
    return asPageState(JSON.parse(json));
  } catch {
    return undefined;
  }
}

/**
 * The entries with every key element that names the build `from` naming `to`: what a
 * page's entries are keyed by when read with another build's index. Lists and buckets
 * are keyed by the build id so that two builds' data never meet in one view; a
 * page the build found unchanged under its new index holds the same data under both.
 */
export const rekeyed = (queries: readonly PageQuery[], from: string, to: string): PageQuery[] =>
  queries.map(([key, ...rest]) => [key.map((part) => (part === from ? to : part)), ...rest]);

/**
 * A page drawn by the build: its markup (what goes inside the app's root), its state, and
 * the fields of the index it was drawn from (`indexRead`: deep, as `articles.tables.3`, or
 * `topTopics.*` for a whole object listed; never the build id, which only names the build):
 * with the same values there it would come out the same, every other file being named by
 * its content. Or why it could not be drawn.
 */
export type RenderedPage = { body: string; state: PageState; indexRead: string[] } | { error: string };

/** What the build's server bundle (src/prerender/server.tsx) hands the pipeline. */
export interface PageRenderer {
  /** The page at the app's `path` (`/topics/ai`: the base is the bundle's own), its times written as at `renderedAt`. */
  render(path: string, renderedAt: number): Promise<RenderedPage>;
  /** Ends the renderer's hold on the process (its answer to fetch). */
  close(): void;
}

/**
 * The import rules of eslint.config.js fail lint when broken: a planted cycle
 * (tests/fixtures/lint/, which `npm run lint` ignores) and a leaf feature importing another.
 * Each allowed import is checked to resolve too, so that "no error" cannot come from a
 * resolver that finds nothing.
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// ESLint loads its parsers and plugins on the first file: slow on a loaded machine.
const LINT_TIMEOUT = 60_000;

const eslint = new ESLint({ cwd: ROOT, ignore: false, overrideConfig: { rules: { "import-x/no-unresolved": "error" } } });

/** The rule ids ESLint reports for `code` as if it were the file `filePath` (from the root). */
async function rulesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe("lint", () => {
  it(
    "fails on an import cycle, .ts and .tsx alike",
    async () => {
      const results = await eslint.lintFiles(["tests/fixtures/lint/"]);
      const byFile = Object.fromEntries(results.map((result) => [result.filePath.slice(ROOT.length), result.messages.map((message) => message.ruleId)]));
      expect(byFile).toEqual({
        "tests/fixtures/lint/cycle-a.ts": ["import-x/no-cycle"],
        "tests/fixtures/lint/cycle-b.tsx": ["import-x/no-cycle"],
      });
    },
    LINT_TIMEOUT,
  );

  it(
    "fails when a leaf feature imports another leaf",
    async () => {
      const rules = await rulesFor("src/features/search/probe.ts", 'import { TopicFilter } from "../topics/topic-filter.tsx";\n\nexport const probe = TopicFilter;\n');
      expect(rules).toEqual(["import-x/no-restricted-paths"]);
    },
    LINT_TIMEOUT,
  );

  it(
    "fails when a building block imports one after it",
    async () => {
      const rules = await rulesFor("src/features/library/probe.ts", 'import { StoryCard } from "../feed/story-card.tsx";\n\nexport const probe = StoryCard;\n');
      expect(rules).toEqual(["import-x/no-restricted-paths"]);
    },
    LINT_TIMEOUT,
  );

  it(
    "lets a leaf import the building blocks, src/lib, src/components and the contract",
    async () => {
      const code = [
        'import { dataPaths } from "../../contract/data-layout.ts";',
        'import { ShareButton } from "../../components/share-button.tsx";',
        'import { useSortOrder } from "../../lib/sort-order.ts";',
        'import { StoryCard } from "../feed/story-card.tsx";',
        'import { SaveToggle } from "../library/save-toggle.tsx";',
        'import { Highlight } from "./highlight.tsx";',
        "",
        "export const probe = [dataPaths, ShareButton, useSortOrder, StoryCard, SaveToggle, Highlight];",
        "",
      ].join("\n");
      expect(await rulesFor("src/features/search/probe.ts", code)).toEqual([]);
    },
    LINT_TIMEOUT,
  );
});

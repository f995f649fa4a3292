import { plural } from "../contract/text.ts";

/** A problem with one content file, as a value: the adapter decides to fail or skip. */
export interface ContentProblem {
  /** Path relative to the content folder. */
  file: string;
  /** Field path such as `related[1].sourceUrl`; absent for file-level problems. */
  field?: string;
  /** 1-based line in the file, where one is known. */
  line?: number;
  message: string;
}

export function formatProblem({ file, field, line, message }: ContentProblem): string {
  return `${file}${line ? `:${line}` : ""}: ${field ? `${field} ` : ""}${message}`;
}

/** Thrown by the build when invalid files are not to be skipped; lists every one. */
export class InvalidContentError extends Error {
  declare readonly problems: readonly ContentProblem[];

  /** `folder` is the content folder as the reader should see it, e.g. `content/`. */
  constructor(problems: readonly ContentProblem[], folder = "the content folder") {
    const files = new Set(problems.map((problem) => problem.file)).size;
    super(
      `${files} invalid content ${plural(files, "file")} in ${folder}:\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join("\n") +
        "\nFix them, or set CONTENT_INVALID=skip to build without them.",
    );
    // Not enumerable, so a printed error shows the list once, not the list and its data.
    Object.defineProperty(this, "problems", { value: problems, enumerable: false });
    // The list is the whole story: Vite prints a stack, and one would only bury it.
    this.stack = this.message;
  }
}
InvalidContentError.prototype.name = "InvalidContentError";

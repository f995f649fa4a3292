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
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const files = new Set(problems.map((problem) => problem.file)).size;
    super(
      `${files} invalid content ${files === 1 ? "file" : "files"}:\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join("\n") +
        "\nFix them, or set CONTENT_INVALID=skip to build without them.",
    );
    this.name = "InvalidContentError";
    this.problems = problems;
  }
}

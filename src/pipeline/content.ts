/**
 * Left only for the build tests being moved to tests/build/, which name `ContentOptions` here:
 * it lives in content-options.ts now (the store in content-store.ts, the log lines in
 * content-report.ts). Delete this file once nothing imports it.
 */
export type { ContentOptions } from "./content-options.ts";

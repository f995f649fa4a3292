import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { viteBuildInChild, FIXTURE_CONTENT } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
  }
}

/** One build of the fixture content for every browser test file. */
export default async function setup(project: TestProject) {
  const siteDir = await mkdtemp(join(tmpdir(), "broadsheet-site-"));
  await viteBuildInChild(FIXTURE_CONTENT, siteDir);
  project.provide("siteDir", siteDir);
  return () => rm(siteDir, { recursive: true, force: true });
}

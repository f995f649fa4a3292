import { isDataAnswer } from "../contract/data-answer.ts";

/** The data file is not there: an unknown article, topic or page. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`Not found: ${what}`);
    this.name = "NotFoundError";
  }
}

/**
 * Fetches one data file. A static host with an SPA fallback answers a missing file with
 * index.html and status 200, so anything that is not JSON counts as not found.
 */
export async function fetchData<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${import.meta.env.BASE_URL}${path}`, { signal });
  if (response.status === 404 || response.status === 410) throw new NotFoundError(path);
  if (!response.ok) throw new Error(`Could not load ${path} (HTTP ${response.status})`);
  if (!isDataAnswer(response)) throw new NotFoundError(path);
  // A broken answer is an error worth retrying, not a missing file.
  return (await response.json()) as T;
}

export const isNotFound = (error: unknown): boolean => error instanceof NotFoundError;

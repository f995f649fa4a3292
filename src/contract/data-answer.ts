/**
 * The one rule for telling a data file from what a host says instead of it. A static host
 * with an SPA fallback answers a missing file with index.html and status 200, so the status
 * alone proves nothing: a data file is JSON. The app's fetch, its offline save and every
 * data route of the service worker ask this, so an HTML page is never read or kept as data.
 */

/** `application/json`, or any `+json` type, with or without parameters such as a charset. */
export function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.-]+\+json$/.test(type);
}

/** Whether `response` is a data file itself: status 200 and JSON. Anything else is never cached as data. */
export const isDataAnswer = (response: Pick<Response, "status" | "headers">): boolean =>
  response.status === 200 && isJsonType(response.headers.get("content-type"));

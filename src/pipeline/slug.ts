import { createHash } from "node:crypto";

/**
 * Lower-case words joined by hyphens, letters (with their marks) and digits of any script
 * kept; at most `maxBytes` bytes of UTF-8, so that a slug in a path stays well under any
 * file system's 255 (80 Latin letters, 26 CJK characters).
 */
export function slugify(text: string, maxBytes = 80): string {
  const slug = text
    .normalize("NFKD")
    // Accents come off Latin letters (é → e); in other scripts a mark is part of the letter (ピ, й, हि).
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return cutSlug(slug, maxBytes);
}

/** A slug cut to at most `maxBytes` of UTF-8, at a hyphen when one is in the second half; whole code points only. */
function cutSlug(slug: string, maxBytes: number): string {
  if (Buffer.byteLength(slug) <= maxBytes) return slug;
  let cut = "";
  let bytes = 0;
  for (const point of slug) {
    bytes += Buffer.byteLength(point);
    if (bytes > maxBytes) break;
    cut += point;
  }
  const lastBreak = cut.lastIndexOf("-");
  return (lastBreak > cut.length / 2 ? cut.slice(0, lastBreak) : cut).replace(/-+$/, "");
}

/** How a case-insensitive file system (Windows, macOS) compares two names: names equal here are one file there. */
export const nameOnDisk = (name: string): string => name.normalize("NFKC").toUpperCase();

/**
 * `base` with a hash of `key`, the first of ever longer ones that is a portable file name and
 * not `taken` (compared as a case-insensitive disk would); adds the name it picks to `taken`.
 * The hash follows two hyphens, which a slug never holds: a hashed name is never a plain one.
 */
export function hashedName(base: string, key: string, taken: Set<string>, portable: (name: string) => boolean): string {
  // Short enough that every candidate is a name of at most 120 bytes.
  const stem = cutSlug(base, 60) || "x";
  const candidates = function* () {
    for (const length of [6, 10, 16, 40]) yield `${stem}--${shortHash(key, length)}`;
    for (let n = 2; ; n++) yield `${stem}--${shortHash(key, 40)}-${n}`;
  };
  for (const name of candidates()) {
    if (!portable(name) || taken.has(nameOnDisk(name))) continue;
    taken.add(nameOnDisk(name));
    return name;
  }
  throw new Error("unreachable: the candidates never end");
}

export function shortHash(text: string, length: number): string {
  return createHash("sha1").update(text).digest("hex").slice(0, length);
}

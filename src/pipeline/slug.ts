import { createHash } from "node:crypto";

/** Lower-case words joined by hyphens, letters (with their marks) and digits of any script kept. */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize("NFKD")
    // Accents come off Latin letters (é → e); in other scripts a mark is part of the letter (ピ, й, हि).
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastBreak = cut.lastIndexOf("-");
  return lastBreak > maxLength / 2 ? cut.slice(0, lastBreak) : cut;
}

export function shortHash(text: string, length: number): string {
  return createHash("sha1").update(text).digest("hex").slice(0, length);
}

/**
 * An outlet's monogram: its initials on a colour drawn from its key, so each outlet keeps
 * one colour everywhere. Made here, from the name: no favicon service learns what the
 * reader reads. Decorative: the outlet's name is always written beside it.
 */
export function OutletMark({ name, outletKey }: { name: string; outletKey: string }) {
  return (
    <span className="outlet-mark" aria-hidden="true" style={{ backgroundColor: `hsl(${hueOf(outletKey)} 55% 30%)` }}>
      {initialsOf(name)}
    </span>
  );
}

/** The first letters of the first two words: "The Wire" → "TW", "livemint.com" → "L". */
export function initialsOf(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 2)
    .map((word) => Array.from(word)[0])
    .join("")
    .toLocaleUpperCase("en");
}

/** 0–359 from the key's characters (FNV-1a): spread out, and the same on every device. */
function hueOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 360;
}

/**
 * What a name must be to become a file or folder name: topic slugs, outlet keys and
 * article ids are all written into paths by the pipeline and fetched by the app. And what a
 * topic slug and an outlet key look like in a URL.
 */

/** Half of a surrogate pair, alone: not text. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Names Windows keeps for devices, alone or before any extension (`con`, `nul.txt`, `com1.example`). */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)(?:\.|$)/i;

export const isWindowsDevice = (name: string): boolean => WINDOWS_DEVICE.test(name);

/** The most bytes of UTF-8 a name of a data file or folder may take: well under the 255 of every file system. */
export const MAX_NAME_BYTES = 120;

/**
 * Whether `name` can be a file or folder name on every system a site is built on or
 * hosted from: short, well-formed text, no device name of Windows, no character a path
 * treats specially, no trailing dot or space.
 */
export function isPortableName(name: string): boolean {
  return (
    name.length > 0 &&
    new TextEncoder().encode(name).length <= MAX_NAME_BYTES &&
    name.search(LONE_SURROGATE) < 0 &&
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    !/[\u0000-\u001F\u007F<>:"/\\|?*]/.test(name) &&
    !/[. ]$/.test(name) &&
    !isWindowsDevice(name)
  );
}

/** What a topic slug looks like; anything else in a URL names no topic. */
export const isTopicSlug = (text: string): boolean => /^[\p{L}\p{M}\p{N}]+(?:--?[\p{L}\p{M}\p{N}]+)*$/u.test(text);

/** The longest outlet key: longer domains are named by a hash (see the pipeline's outlets.ts). */
export const MAX_OUTLET_KEY = 100;

/** What an outlet key looks like (a lower-case domain); anything else in a URL names no outlet. */
export const isOutletKey = (text: string): boolean => text.length <= MAX_OUTLET_KEY && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(text);

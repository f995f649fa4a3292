/** How the site names and describes itself to feed readers, search engines and link previews (and in its web app manifest). */
export const SITE_NAME = "Broadsheet";
export const SITE_DESCRIPTION = "The news and its related coverage from other outlets, in one calm reader that works offline.";
/** The 512 px icon the PWA assets generator writes from public/favicon.svg: the site's picture in a link preview. */
export const SITE_IMAGE = "pwa-512x512.png";

/** Sent by the dev server when content files change, so an open page refetches its data. */
export const CONTENT_UPDATE_EVENT = "broadsheet:content-update";

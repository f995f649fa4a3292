/**
 * `text` parsed as XML 1.0 by jsdom's DOMParser (saxes), as strict as a feed reader's: a file
 * that is not well-formed (an unescaped `<` or `&`, a control character, a lone surrogate)
 * throws with the parser's message. Test files that use it run in
 * the jsdom environment (`// @vitest-environment jsdom` at their top).
 */
export function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc;
}

/** The text of each direct child of `parent` named `tag` (namespace prefix included). */
export const childTexts = (parent: Element, tag: string): string[] =>
  [...parent.children].filter((child) => child.tagName === tag).map((child) => child.textContent ?? "");

export const childText = (parent: Element, tag: string): string | undefined => childTexts(parent, tag)[0];

/**
 * A feed's bytes → text. `response.text()` always decodes as UTF-8, which turns every
 * ISO-8859-1 feed into U+FFFD; so the importer reads bytes and decodes them here, in
 * RFC 7303's order: a byte-order mark, then the HTTP charset, then the `<?xml encoding=?>`
 * declaration, then UTF-8.
 */

/** Why a feed's bytes could not become text, or why its text is refused, in words a publisher understands. */
export class FeedDecodeError extends Error {
  override name = "FeedDecodeError";
}

export type EncodingSource = "bom" | "content-type" | "declaration" | "default";

export interface DecodedFeed {
  text: string;
  /** The encoding's canonical name, as TextDecoder reports it ("utf-8", "windows-1252", …). */
  encoding: string;
  source: EncodingSource;
}

/** The `charset=` parameter of a Content-Type value, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? "");
  const label = (match?.[1] ?? match?.[2] ?? "").trim();
  return label || undefined;
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The `encoding=` of an `<?xml?>` declaration in the first kilobyte, read as Latin-1 (any ASCII-compatible encoding reads the same there). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

function decoderFor(label: string, source: EncodingSource) {
  try {
    return new TextDecoder(label, { fatal: false });
  } catch {
    const where = source === "content-type" ? "the Content-Type header" : source === "declaration" ? "the XML declaration" : "the byte-order mark";
    throw new FeedDecodeError(`unknown character encoding "${label}" (named in ${where})`);
  }
}

/**
 * Decodes a feed's bytes. `contentType` is the response's Content-Type header. Throws a
 * FeedDecodeError naming the label when the header or the declaration names an encoding
 * TextDecoder does not know.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string | null): DecodedFeed {
  let label: string | undefined = bomEncoding(bytes);
  let source: EncodingSource = "bom";
  if (!label) {
    label = charsetOf(contentType);
    source = "content-type";
  }
  if (!label) {
    label = declaredEncoding(bytes);
    source = "declaration";
    // The declaration was readable as ASCII, so the bytes are not UTF-16 whatever it says (a common mistake).
    if (label && /^utf-?16/i.test(label)) label = "utf-8";
  }
  if (!label) {
    label = "utf-8";
    source = "default";
  }
  let decoder = decoderFor(label, source);
  // A header naming UTF-16 for bytes with no BOM and an ASCII declaration is the same mistake.
  if (source === "content-type" && decoder.encoding.startsWith("utf-16") && /^\s*<\?xml/.test(new TextDecoder("latin1").decode(bytes.subarray(0, 64)))) {
    decoder = new TextDecoder("utf-8");
  }
  // TextDecoder drops a BOM that matches its encoding, so the text never starts with U+FEFF.
  return { text: decoder.decode(bytes), encoding: decoder.encoding, source };
}

const REFUSED = "the feed declares entities in its DOCTYPE (refused)";

/**
 * Throws a FeedDecodeError when the document's prolog holds a DOCTYPE with an internal
 * subset (`<!DOCTYPE rss [ <!ENTITY …> ]>`): entity declarations serve only to expand one
 * small file into a huge one (billion laughs, quadratic blow-up) or to read local files (XXE).
 * A DOCTYPE without one (Netscape RSS 0.91's public identifier) is accepted. Only the prolog
 * is read: a `<!DOCTYPE` inside an item's CDATA is content, not a declaration.
 */
export function refuseEntityDeclarations(text: string): void {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /[\s\uFEFF]/.test(text[i])) i++;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) return;
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) return;
      i = end + 3;
    } else if (text.slice(i, i + 9).toUpperCase() === "<!DOCTYPE") {
      // Walk to the end of the declaration, skipping quoted identifiers (they may hold `[` or `>`).
      for (i += 9; i < n; i++) {
        const c = text[i];
        if (c === '"' || c === "'") {
          const end = text.indexOf(c, i + 1);
          if (end < 0) return;
          i = end;
        } else if (c === "[") {
          throw new FeedDecodeError(REFUSED);
        } else if (c === ">") {
          return;
        }
      }
      return;
    } else {
      return;
    }
  }
}

/**
 * One content file of each hostile class the pipeline must survive (see docs/CONTENT_FORMAT.md,
 * "Limits, and why these figures"): what a scraper, a broken feed or an attacker could hand it.
 * The tests build these beside valid files and check that exactly the valid stories come
 * out, unchanged; `npm run bench` measures the same build against one without them.
 */
import { createHash } from "node:crypto";

export interface HostileFile {
  /** File name in the content folder, which also names the class. */
  name: string;
  content: string | Uint8Array;
  /** Left out as invalid (named with the reason), published within the limits, or merged into the story it copies (which it does not lead). */
  outcome: "skipped" | "kept" | "merged";
  /** For a skipped file, the field its problem names, when it names one. */
  field?: string;
}

const article = (fields: string, url: string) =>
  `---\ntitle: A hostile file's story\npublishedDateTime: 2020-06-01T08:00:00Z\nsourceUrl: ${url}\n${fields}---\n`;

const url = (name: string) => `https://hostile.example/${name}`;

/** Nine times nine… nested aliases: a few hundred bytes that name 9^depth values. */
function billionLaughs(key: string, depth = 9): string {
  const lines = [`l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let level = 1; level < depth; level++) lines.push(`l${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(",")}]`);
  lines.push(`${key}: [${Array(9).fill(`*l${depth - 1}`).join(",")}]`);
  return `${lines.join("\n")}\n`;
}

const hash6 = (text: string) => createHash("sha1").update(text).digest("hex").slice(0, 6);

const UTF16_BOM = [0xff, 0xfe];

/** The bundled seed's source URL: a hostile copy of it must not take over its story. */
const SEED_URL = "https://www.livemint.com/technology/tech-news/facebook-says-group-used-ai-generated-faces-to-push-pro-trump-messages-11577018518743.html";

/** How js-yaml's dump writes one list that several items share: an anchor, then aliases. */
const sharedImages = `related:\n${Array.from({ length: 30 }, (_, i) => `  - title: Related ${i}\n    sourceUrl: https://r${i}.example/a\n    images: ${i === 0 ? "&ref_0\n      - url: https://img.example/shared.jpg\n        width: 600\n        height: 400" : "*ref_0"}\n`).join("")}`;

/** Bytes the files hold in all, as written to disk. */
export const corpusBytes = (files: readonly HostileFile[]): number =>
  files.reduce((total, file) => total + (typeof file.content === "string" ? Buffer.byteLength(file.content) : file.content.length), 0);

export function hostileFiles(): HostileFile[] {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const latin1 = Uint8Array.from(article("", url("latin-1")).replace("hostile file's", "caf\u00e9 \u00fcber"), (char) => char.charCodeAt(0));
  const utf16 = new Uint8Array([...UTF16_BOM, ...new Uint8Array(new Uint16Array([...article("", url("utf-16"))].map((char) => char.charCodeAt(0))).buffer)]);
  const binary = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
  return [
    // YAML aliases and anchors
    { name: "alias-self.txt", content: article("excerpt: &a [*a]\n", url("alias-self")), outcome: "skipped", field: "excerpt[0]" },
    { name: "alias-cycle.txt", content: article("provider: &p\n  name: Loop\n  owner: *p\n", url("alias-cycle")), outcome: "skipped", field: "provider.owner" },
    { name: "alias-cycle-ignored.txt", content: article("notes: &a [*a, *a]\n", url("alias-cycle-ignored")), outcome: "kept" },
    { name: "alias-billion-laughs.txt", content: article(billionLaughs("topics"), url("alias-billion-laughs")), outcome: "skipped", field: "topics" },
    { name: "alias-billion-laughs-ignored.txt", content: article(billionLaughs("notes"), url("alias-billion-laughs-ignored")), outcome: "kept" },
    {
      name: "alias-long-text.txt",
      content: article(`a: &a "${"x".repeat(100_000)}"\nrelated: [${Array(50).fill("{title: *a, sourceUrl: *a}").join(",")}]\n`, url("alias-long-text")),
      outcome: "skipped",
      field: "related",
    },
    // js-yaml turns a list key into text while it parses, expanding every alias in it.
    { name: "alias-in-list-key.txt", content: article(`s: &s "${"x".repeat(50_000)}"\n? [1, ${Array(9000).fill("*s").join(", ")}]\n: 1\n`, url("alias-in-list-key")), outcome: "skipped" },
    { name: "alias-in-flow-key.txt", content: article(`s: &s "${"x".repeat(50_000)}"\nnotes: {[${Array(9000).fill("*s").join(", ")}]: 1}\n`, url("alias-in-flow-key")), outcome: "skipped" },
    { name: "alias-as-key.txt", content: article("s: &s [a, b]\n*s : 1\n", url("alias-as-key")), outcome: "skipped" },
    { name: "alias-shared-by-a-dumper.txt", content: article(sharedImages, url("alias-shared-by-a-dumper")), outcome: "kept" },
    { name: "nesting-deep.txt", content: article(`related: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`, url("nesting-deep")), outcome: "skipped" },
    // Sizes
    { name: "size-long-title.txt", content: article("", url("size-long-title")).replace("A hostile file's story", "word ".repeat(50_000)), outcome: "kept" },
    { name: "size-long-word.txt", content: article(`excerpt: ${"z".repeat(200_000)}\n`, url("size-long-word")), outcome: "kept" },
    { name: "size-1000-topics.txt", content: article(`topics: [${Array.from({ length: 1000 }, (_, i) => `topic ${i}`).join(", ")}]\n`, url("size-1000-topics")), outcome: "kept" },
    {
      name: "size-1000-related.txt",
      content: article(`related:\n${Array.from({ length: 1000 }, (_, i) => `  - {title: Related ${i}, sourceUrl: "https://r${i}.example/a"}\n`).join("")}`, url("size-1000-related")),
      outcome: "kept",
    },
    { name: "size-1000-images.txt", content: article(`images:\n${Array.from({ length: 1000 }, (_, i) => `  - url: https://img.example/${i}.jpg\n`).join("")}`, url("size-1000-images")), outcome: "kept" },
    { name: "size-long-url.txt", content: article("", `https://hostile.example/${"p".repeat(5000)}`), outcome: "skipped", field: "sourceUrl" },
    { name: "size-huge-file.txt", content: article(`notes: "${"n".repeat(600 * 1024)}"\n`, url("size-huge-file")), outcome: "skipped" },
    // Names that become paths
    { name: "names-windows-devices.txt", content: article("topics: [con, NUL, Aux, com1, LPT9, \"prn.txt\"]\n", "https://con.example/a"), outcome: "kept" },
    { name: "names-slug-collisions.txt", content: article(`topics: ["AI", "ai!", "ai ${hash6("ai!")}", "A.I."]\n`, url("names-slug-collisions")), outcome: "kept" },
    { name: "names-long-script.txt", content: article(`topics: ["${"𠀀".repeat(200)}", "${"東京".repeat(100)}"]\n`, url("names-long-script")).replace("A hostile file's story", "𠀀".repeat(400)), outcome: "kept" },
    // Two source URLs whose short hashes collide, under one title: two articles, two ids.
    { name: "names-id-collision-a.txt", content: article("", "https://collide.example/story/3818").replace("A hostile file's story", "Same title"), outcome: "kept" },
    { name: "names-id-collision-b.txt", content: article("", "https://collide.example/story/78530").replace("A hostile file's story", "Same title"), outcome: "kept" },
    // Spelled to take the seed's topic slugs ("ai", "facebook-ai") from it.
    { name: "names-topic-squatting.txt", content: article('topics: ["(AI)", "#Facebook AI", "ai--141a92"]\n', url("names-topic-squatting")), outcome: "kept" },
    { name: "names-long-host.txt", content: article("", `https://${"h".repeat(63)}.${"o".repeat(63)}.example/a`), outcome: "kept" },
    // Identity: a file claiming another outlet's domain is listed under its own host.
    // Named to sort first, so that "the first by path" would lead the seed's story.
    { name: "0-identity-copy-of-seed.txt", content: article("", SEED_URL).replace("A hostile file's story", "Mint retracts everything"), outcome: "merged" },
    { name: "identity-subdomain-claims-platform.txt", content: article("provider:\n  name: Mint\n  domain: livemint.com\n", "https://evil.livemint.com.example/a"), outcome: "kept" },
    { name: "identity-userinfo-url.txt", content: article("", "https://www.livemint.com@evil.example/a"), outcome: "skipped", field: "sourceUrl" },
    { name: "identity-backwards-name.txt", content: article("provider:\n  name: \"\u202EtniM\"\n", url("identity-backwards-name")), outcome: "kept" },
    { name: "identity-claims-mint.txt", content: article("provider:\n  name: Mint\n  domain: livemint.com\n", url("identity-claims-mint")), outcome: "kept" },
    // Bytes
    { name: "bytes-binary.txt", content: binary, outcome: "skipped" },
    { name: "bytes-nul.txt", content: article("excerpt: \"a\0b\"\n", url("bytes-nul")), outcome: "skipped" },
    { name: "bytes-invalid-utf8.txt", content: latin1, outcome: "kept" },
    { name: "bytes-utf8-bom.txt", content: bytes(`\uFEFF${article("", url("bytes-utf8-bom"))}`), outcome: "kept" },
    { name: "bytes-utf16.txt", content: utf16, outcome: "kept" },
    { name: "bytes-mixed-line-endings.txt", content: article("excerpt: one\r\n", url("bytes-mixed-line-endings")).replace("\n", "\r\n").replace(/\nsourceUrl/, "\rsourceUrl"), outcome: "kept" },
    { name: "bytes-control-characters.txt", content: article('excerpt: "bell\\a escape\\e back\\b lone \\ud800 half"\n', url("bytes-control-characters")), outcome: "kept" },
    { name: "bytes-truncated.txt", content: article("excerpt: cut off here\n", url("bytes-truncated")).slice(0, -6), outcome: "skipped" },
    { name: "bytes-empty.txt", content: "", outcome: "skipped" },
    { name: "bytes-fence-only.txt", content: "---\n", outcome: "skipped" },
    { name: "bytes-empty-front-matter.txt", content: "---\n---\n", outcome: "skipped" },
    // Shapes
    { name: "shape-proto-keys.txt", content: article("__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n", url("shape-proto-keys")), outcome: "kept" },
    { name: "shape-javascript-front-matter.txt", content: "---js\n{ title: (() => { throw new Error('ran') })() }\n---\n", outcome: "skipped" },
    { name: "shape-not-a-mapping.txt", content: "---\n- just\n- a list\n---\n", outcome: "skipped" },
    { name: "shape-unsafe-urls.txt", content: article('ampUrl: "javascript:alert(1)"\nimages: [{url: "data:image/png;base64,AAAA"}]\n', url("shape-unsafe-urls")), outcome: "kept" },
  ];
}

/**
 * Writes a synthetic archive in the seed's exact format: `count` files of about 3–4 KB,
 * a long tail of topics, a few hundred outlets, 0–6 related items each, dates over
 * several years. The same count always gives the same files.
 *
 *   npx tsx scripts/generate-archive.ts <count> <folder>
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { seededRandom } from "./seeded-random.ts";

const WORDS = (
  "government market election climate energy health court police city council budget policy storm " +
  "company shares investors union workers school students hospital research scientists study report " +
  "minister president senator campaign vote rally trade tariff bank rates inflation jobs housing rent " +
  "football league coach season final match injury transfer record festival film music museum artist " +
  "technology startup software security privacy data platform network satellite rocket launch ocean " +
  "river wildfire drought harvest farmers prices fuel electric vehicles battery factory airport rail"
).split(" ");
const CATEGORIES = ["news", "business", "sports", "technology", "science", "entertainment", "health", "world"];

export function generateArticle(index: number, rng: () => number, providers: { name: string; domain: string }[]) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, () => pick(WORDS)).join(" ");
    return text[0].toUpperCase() + text.slice(1);
  };
  // Zipf-like: a few topics are everywhere, most appear a handful of times.
  const topic = () => `Topic ${Math.floor(1 / (rng() * 0.999 + 0.001)) - 1}`;
  const date = (base: number) => new Date(base).toISOString().replace(".000Z", "Z");
  const published = Date.UTC(2019, 0, 1) + Math.floor(rng() * 6 * 365 * 24 * 3600) * 1000;
  const provider = pick(providers);
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const title = `${sentence(9)} ${index}`;
  const url = `https://www.${provider.domain}/news/${slug(title)}-${index}.html`;
  const image = (width: number) =>
    `  - url: https://images.example.org/${index}/${Math.floor(rng() * 1e9).toString(16)}.jpg\n` +
    `    width: ${width}\n    height: ${Math.round((width * 9) / 16)}\n`;
  const related = Array.from({ length: Math.floor(rng() * 7) }, (_, n) => {
    const other = pick(providers);
    const relatedTitle = sentence(11);
    const relatedUrl = `https://www.${other.domain}/story/${slug(relatedTitle)}-${index}-${n}`;
    return (
      `  - title: "${relatedTitle}"\n` +
      `    excerpt: "${sentence(32)} ..."\n` +
      `    publishedDateTime: ${date(published + Math.floor(rng() * 48 * 3600) * 1000)}\n` +
      `    sourceUrl: ${relatedUrl}\n` +
      (rng() < 0.5 ? `    ampUrl: ${relatedUrl}?view=AMP\n` : "") +
      `    type: article\n    provider:\n      name: ${other.name}\n      domain: ${other.domain}\n` +
      `    quality: ${Math.floor(rng() * 100)}\n    images:\n${image(700).replace(/^ {2}/gm, "      ")}`
    );
  });
  const topics = [...new Set(Array.from({ length: 1 + Math.floor(rng() * 4) }, topic))];
  return (
    `---\ncategory: ${pick(CATEGORIES)}\ntitle: "${title}"\nexcerpt: "${sentence(45)} ..."\n` +
    `publishedDateTime: ${date(published)}\nsourceUrl: ${url}\n` +
    `ampUrl: ${url.replace(".html", "/amp.html")}\n` +
    `cdnAmpUrl: https://${provider.domain.replace(/\./g, "-")}.cdn.ampproject.org/c/s/${url.slice(8)}\n` +
    `type: article\nquality: ${Math.floor(rng() * 100)}\nheat: ${Math.floor(rng() * 100)}\npublished: true\n\n` +
    `provider:\n  name: ${provider.name}\n  domain: ${provider.domain}\n\n` +
    `topics:\n${topics.map((name) => `  - ${name}\n`).join("")}\n` +
    `images:\n${image(600)}    title: "${title}"\n\n` +
    (related.length ? `related:\n${related.join("")}\n` : "") +
    `secured: "${Array.from({ length: 24 }, () => Math.floor(rng() * 2 ** 52).toString(36)).join("")}=="\n---\n`
  );
}

export async function generateArchive(count: number, folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const rng = seededRandom(count);
  const providers = Array.from({ length: 300 }, (_, n) => ({ name: `Outlet ${n}`, domain: `outlet${n}.example.com` }));
  const batch: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const name = `${String(index).padStart(7, "0")}_${Math.floor(rng() * 2 ** 32).toString(16).padStart(8, "0")}.txt`;
    batch.push(writeFile(join(folder, name), generateArticle(index, rng, providers)));
    if (batch.length === 512) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, folder] = process.argv.slice(2);
  if (!count || !folder) {
    console.error("usage: tsx scripts/generate-archive.ts <count> <folder>");
    process.exit(2);
  }
  await generateArchive(Number(count), folder);
  console.log(`wrote ${count} articles to ${folder}`);
}

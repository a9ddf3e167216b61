/**
 * Readers for the two public corpora of real chat the detector is measured on (never committed,
 * fetched into a temporary folder by whoever measures):
 *
 * - VTPAN segments: `Data/EnglishData/val_seg.csv` of the public GitHub repository
 *   YuliaConstien/Cybergrooming_Detection_IM (columns `segment,label`, derived from PAN-2012:
 *   label 1 = a window of an offender's chat with a decoy posing as a minor, 0 = other chat).
 * - NPS Chat: `packages/corpora/nps_chat.zip` of the public GitHub repository nltk/nltk_data
 *   (posts from age-specific public chat rooms, 2006; one XML file per session).
 *
 * Each corpus is split once, for good, into a **dev** half (tuning and measuring while working) and
 * a **held** half (kept for independent review; never used to tune). VTPAN splits by the SHA-256
 * of each segment's UTF-8 bytes (first byte even = dev); NPS by file (sessions of 11-08 and 11-09
 * are held). The split is the one the team's reference script uses, so figures compare.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";

export type Half = "dev" | "held" | "all";

export interface Segment {
  text: string;
  positive: boolean;
}

export interface Session {
  conv: string;
  /** Posts in order; `index` is the post's position among all the file's posts, from 1. */
  posts: Array<{ index: number; text: string }>;
}

const NPS_HELD = ["11-08-", "11-09-"];

function inHalf(half: Half, isHeld: boolean): boolean {
  return half === "all" || (half === "held") === isHeld;
}

/** The VTPAN segments of one half, in file order. */
export function readVtpan(csv: string, half: Half): Segment[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true });
  if (!Array.isArray(rows)) throw new Error("the segment file is not a CSV table");
  const segments: Segment[] = [];
  for (const row of rows as Array<Record<string, unknown>>) {
    const text = row["segment"];
    const label = row["label"];
    if (typeof text !== "string" || typeof label !== "string")
      throw new Error('the segment file needs the columns "segment" and "label"');
    const held = createHash("sha256").update(text, "utf8").digest()[0]! % 2 === 1;
    if (inHalf(half, held)) segments.push({ text, positive: label === "1" });
  }
  return segments;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g,
    (_, hex, dec, name) =>
      hex !== undefined
        ? String.fromCodePoint(parseInt(hex as string, 16))
        : dec !== undefined
          ? String.fromCodePoint(parseInt(dec as string, 10))
          : ENTITIES[name as string]!,
  );
}

// A post's text is what comes before its first child element (the tagged terminals).
const POST = /<Post\b([^>]*?)(?:\/>|>([^<]*))/g;
const CLASS = /\bclass="([^"]*)"/;

/** The NPS sessions of one half, without the system posts (joins, parts, nick changes). */
export function readNps(zip: Uint8Array, half: Half): Session[] {
  const files = unzipSync(zip, { filter: (f) => f.name.endsWith(".xml") });
  const sessions: Session[] = [];
  for (const name of Object.keys(files).sort()) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    if (
      !inHalf(
        half,
        NPS_HELD.some((p) => base.startsWith(p)),
      )
    )
      continue;
    const conv = base.split("_")[0]!;
    const posts: Session["posts"] = [];
    let index = 0;
    for (const m of strFromU8(files[name]!).matchAll(POST)) {
      index++;
      if (CLASS.exec(m[1] ?? "")?.[1] === "System") continue;
      posts.push({ index, text: decodeXml(m[2] ?? "").trim() });
    }
    sessions.push({ conv, posts });
  }
  return sessions;
}

/**
 * The detector on real chat language nobody here wrote (see realCorpora.ts for the corpora and
 * their dev/held split). Every segment or post goes through the same reader as `sweetie detect`
 * (one conversation record, then its messages, all from the counterpart), so the figures are those
 * of the command an investigator runs.
 *
 * - VTPAN: how often each indicator fires on positive and on negative segments; **coverage** is
 *   the share of positive segments raising at least one grooming indicator, **separation** that
 *   coverage minus the same share on negatives.
 * - NPS: each indicator's rate per 1,000 posts, and the rate of posts raising a solicitation (the
 *   indicators that move a conversation to `solicited`): in ordinary chat nearly all are false.
 */
import { Readable } from "node:stream";
import { readConversations } from "../cli/conversationInput";
import type { Segment, Session } from "./realCorpora";

export const GROOMING = new Set([
  "solicit.sexual",
  "solicit.webcam",
  "solicit.image",
  "isolation",
  "secrecy",
  "meet.offline",
]);
export const SOLICITATION = new Set(["solicit.sexual", "solicit.webcam", "solicit.image"]);

async function detectAll(lines: string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  await readConversations(
    Readable.from([lines.map((l) => l + "\n").join("")]),
    (line) => {
      throw new Error(`corpus record rejected: ${line}`);
    },
    {
      onMessage: (message, indicators) =>
        void found.set(String(message.id), new Set(indicators.map((i) => i.type))),
    },
    "PH",
  );
  return found;
}

export interface VtpanResult {
  positives: number;
  negatives: number;
  /** indicator → [share of positives, share of negatives] raising it */
  rates: Map<string, [number, number]>;
  coverage: number;
  negativeRate: number;
  /** Indicator types found per segment, in input order (for reading the hits). */
  found: Array<Set<string>>;
}

export async function measureVtpan(segments: readonly Segment[]): Promise<VtpanResult> {
  const lines: string[] = [];
  segments.forEach((s, n) => {
    lines.push(JSON.stringify({ type: "conversation", conv: `s${n}`, initiator: "counterpart" }));
    lines.push(
      JSON.stringify({ type: "message", conv: `s${n}`, id: `s${n}`, dir: "in", text: s.text }),
    );
  });
  const found = await detectAll(lines);
  const counts = { pos: new Map<string, number>(), neg: new Map<string, number>() };
  let positives = 0;
  let negatives = 0;
  const perSegment: Array<Set<string>> = [];
  segments.forEach((s, n) => {
    const kinds = found.get(`s${n}`) ?? new Set<string>();
    perSegment.push(kinds);
    const bucket = s.positive ? counts.pos : counts.neg;
    if (s.positive) positives++;
    else negatives++;
    const keys = [...kinds];
    if (keys.some((k) => GROOMING.has(k))) keys.push("(any grooming)");
    for (const k of keys) bucket.set(k, (bucket.get(k) ?? 0) + 1);
  });
  const rates = new Map<string, [number, number]>();
  for (const k of [...new Set([...counts.pos.keys(), ...counts.neg.keys()])].sort())
    rates.set(k, [
      (counts.pos.get(k) ?? 0) / Math.max(positives, 1),
      (counts.neg.get(k) ?? 0) / Math.max(negatives, 1),
    ]);
  const any = rates.get("(any grooming)") ?? [0, 0];
  return {
    positives,
    negatives,
    rates,
    coverage: any[0],
    negativeRate: any[1],
    found: perSegment,
  };
}

export function formatVtpan(r: VtpanResult, half: string): string {
  const lines = [
    `${"indicator".padEnd(24)} ${"positives".padStart(10)} ${"negatives".padStart(10)}`,
  ];
  for (const [k, [p, n]] of r.rates)
    lines.push(`${k.padEnd(24)} ${p.toFixed(3).padStart(10)} ${n.toFixed(3).padStart(10)}`);
  lines.push(
    `half=${half} segments ${r.positives} positive, ${r.negatives} negative; coverage ${r.coverage.toFixed(3)} (negatives ${r.negativeRate.toFixed(3)}); separation ${(r.coverage - r.negativeRate).toFixed(3)}`,
  );
  return lines.join("\n");
}

export interface NpsResult {
  posts: number;
  counts: Map<string, number>;
  solicitations: number;
  /** Posts raising a solicitation: session, post index, text. */
  solicitingPosts: Array<{ id: string; text: string; types: string[] }>;
}

export async function measureNps(sessions: readonly Session[]): Promise<NpsResult> {
  const lines: string[] = [];
  const ids: Array<{ id: string; text: string }> = [];
  for (const s of sessions) {
    lines.push(JSON.stringify({ type: "conversation", conv: s.conv, initiator: "counterpart" }));
    for (const p of s.posts) {
      const id = `${s.conv}.${p.index}`;
      ids.push({ id, text: p.text });
      lines.push(JSON.stringify({ type: "message", conv: s.conv, id, dir: "in", text: p.text }));
    }
  }
  const found = await detectAll(lines);
  const counts = new Map<string, number>();
  const solicitingPosts: NpsResult["solicitingPosts"] = [];
  for (const { id, text } of ids) {
    const kinds = found.get(id) ?? new Set<string>();
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    const solicit = [...kinds].filter((k) => SOLICITATION.has(k));
    if (solicit.length > 0) solicitingPosts.push({ id, text, types: solicit });
  }
  return { posts: ids.length, counts, solicitations: solicitingPosts.length, solicitingPosts };
}

export function npsRate(r: NpsResult): number {
  return (1000 * r.solicitations) / Math.max(r.posts, 1);
}

export function formatNps(r: NpsResult, half: string): string {
  const n = Math.max(r.posts, 1);
  const lines = [`${"indicator".padEnd(24)} ${"posts".padStart(6)} ${"per 1,000".padStart(10)}`];
  for (const [k, v] of [...r.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
    lines.push(
      `${k.padEnd(24)} ${String(v).padStart(6)} ${((1000 * v) / n).toFixed(2).padStart(10)}`,
    );
  lines.push(
    `half=${half} posts ${r.posts}; posts raising a solicitation ${r.solicitations}, ${npsRate(r).toFixed(2)} per 1,000 posts`,
  );
  return lines.join("\n");
}

/**
 * Scoring of the detector and the assessment against a labelled corpus, the same way
 * the team's reference scorer does it: indicator presence per message (precision, recall, F1 per type
 * and micro-F1), identifier values after the same normalization, and the share of conversations
 * whose assessment (stage, broken_off, proposed, flags) is exactly right.
 */
import { z } from "zod";

const labelledConversation = z.object({
  type: z.literal("conversation"),
  conv: z.union([z.string(), z.number()]),
  initiator: z.enum(["counterpart", "persona"]),
  expect: z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())])),
});

const labelledMessage = z.object({
  type: z.literal("message"),
  conv: z.union([z.string(), z.number()]),
  id: z.union([z.string(), z.number()]),
  dir: z.enum(["in", "out"]),
  text: z.string(),
  labels: z.array(z.string()),
  values: z.record(z.string(), z.array(z.string())).optional(),
});

const labelledRecord = z.discriminatedUnion("type", [labelledConversation, labelledMessage]);
export type LabelledRecord = z.infer<typeof labelledRecord>;
export type LabelledMessage = z.infer<typeof labelledMessage>;
export type LabelledConversation = z.infer<typeof labelledConversation>;

export function parseCorpus(jsonl: string): LabelledRecord[] {
  const records: LabelledRecord[] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = labelledRecord.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`corpus line ${index + 1}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    records.push(parsed.data);
  });
  return records;
}

/** The corpus without its labels: what `sweetie detect` / `assess` read. */
export function unlabelled(records: readonly LabelledRecord[]): string {
  return records
    .map((r) =>
      JSON.stringify(
        r.type === "conversation"
          ? { type: r.type, conv: r.conv, initiator: r.initiator }
          : { type: r.type, conv: r.conv, id: r.id, dir: r.dir, text: r.text },
      ),
    )
    .map((line) => line + "\n")
    .join("");
}

export interface DetectedIndicator {
  type: string;
  value?: string;
}

export interface AssessedConversation {
  conv: string | number;
  stage: string;
  broken_off: boolean;
  proposed: boolean;
  flags: string[];
}

export interface IndicatorScore {
  type: string;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface CorpusScore {
  indicators: IndicatorScore[];
  microF1: number;
  valuesRight: number;
  valuesTotal: number;
  assessmentRight: number;
  conversations: number;
  misses: string[];
  wrongAssessments: string[];
}

/** Same normalization as score.py's norm_value. */
export function normalizeValue(kind: string, value: string): string {
  const v = value.trim().toLowerCase();
  if (kind === "id.phone") return v.replace(/\D/g, "").slice(-9);
  if (kind === "id.url") return v.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return v.replace(/^@+/, "");
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function scoreCorpus(
  records: readonly LabelledRecord[],
  detected: ReadonlyMap<string, readonly DetectedIndicator[]>,
  assessed: ReadonlyMap<string, AssessedConversation>,
): CorpusScore {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  const misses: string[] = [];
  let valuesRight = 0;
  let valuesTotal = 0;
  for (const m of records) {
    if (m.type !== "message") continue;
    const want = new Set(m.labels);
    const gotList = detected.get(String(m.id)) ?? [];
    const got = new Set(gotList.map((i) => i.type));
    for (const k of want) if (got.has(k)) bump(tp, k);
    for (const k of got) {
      if (!want.has(k)) {
        bump(fp, k);
        misses.push(`  false ${k.padEnd(24)} ${m.id}`);
      }
    }
    for (const k of want) {
      if (!got.has(k)) {
        bump(fn, k);
        misses.push(`  missed ${k.padEnd(23)} ${m.id}`);
      }
    }
    for (const [kind, values] of Object.entries(m.values ?? {})) {
      const found = new Set(
        gotList
          .filter((i) => i.type === kind)
          .map((i) => normalizeValue(kind, String(i.value ?? ""))),
      );
      for (const v of values) {
        valuesTotal++;
        if (found.has(normalizeValue(kind, v))) valuesRight++;
      }
    }
  }
  const kinds = [...new Set([...tp.keys(), ...fp.keys(), ...fn.keys()])].sort();
  const indicators = kinds.map((type) => {
    const t = tp.get(type) ?? 0;
    const f = fp.get(type) ?? 0;
    const n = fn.get(type) ?? 0;
    const precision = ratio(t, t + f);
    const recall = ratio(t, t + n);
    return {
      type,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      tp: t,
      fp: f,
      fn: n,
    };
  });
  const TP = indicators.reduce((s, i) => s + i.tp, 0);
  const FP = indicators.reduce((s, i) => s + i.fp, 0);
  const FN = indicators.reduce((s, i) => s + i.fn, 0);
  const microF1 = TP === 0 ? 0 : (2 * TP) / (2 * TP + FP + FN);

  let assessmentRight = 0;
  let conversations = 0;
  const wrongAssessments: string[] = [];
  for (const c of records) {
    if (c.type !== "conversation") continue;
    conversations++;
    const a = assessed.get(String(c.conv));
    const ok =
      a !== undefined &&
      Object.entries(c.expect).every(([key, expected]) => {
        const actual: unknown = (a as unknown as Record<string, unknown>)[key];
        if (key === "flags") {
          const want = Array.isArray(expected) ? [...expected].sort() : [];
          const got = Array.isArray(actual) ? [...(actual as string[])].sort() : [];
          return JSON.stringify(want) === JSON.stringify(got);
        }
        return actual === expected;
      });
    if (ok) assessmentRight++;
    else
      wrongAssessments.push(
        `  assess wrong ${c.conv}: expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(a)}`,
      );
  }
  return {
    indicators,
    microF1,
    valuesRight,
    valuesTotal,
    assessmentRight,
    conversations,
    misses,
    wrongAssessments,
  };
}

export function formatScore(score: CorpusScore): string {
  const lines = [
    `${"indicator".padEnd(26)} ${"P".padStart(6)} ${"R".padStart(6)} ${"F1".padStart(6)}  tp fp fn`,
  ];
  for (const i of score.indicators) {
    lines.push(
      `${i.type.padEnd(26)} ${i.precision.toFixed(3).padStart(6)} ${i.recall.toFixed(3).padStart(6)} ${i.f1.toFixed(3).padStart(6)}  ${String(i.tp).padStart(2)} ${String(i.fp).padStart(2)} ${String(i.fn).padStart(2)}`,
    );
  }
  lines.push(...score.misses.slice(0, 40), ...score.wrongAssessments);
  const share = score.conversations === 0 ? 0 : score.assessmentRight / score.conversations;
  lines.push(
    `micro-F1 ${score.microF1.toFixed(3)}  values ${score.valuesRight}/${score.valuesTotal}  assessment ${score.assessmentRight}/${score.conversations} = ${share.toFixed(3)}`,
  );
  return lines.join("\n");
}

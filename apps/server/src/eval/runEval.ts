/**
 * `npm run eval [-- corpus.jsonl] [--min-f1 X] [--min-assess Y]`: scores the detector and the
 * assessment on a labelled corpus (default: the project's development corpus eval/dev.jsonl)
 * through the same reader the `detect` and `assess` verbs use, and prints per-indicator P/R/F1 and
 * the assessment accuracy. Exits 1 under the minimums given.
 *
 * `npm run eval -- real [...]`: the dev measurement on two public corpora of real chat (see
 * realCommand.ts).
 */
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { loadPlaceIndex, summarize } from "@sweetie/core";
import { readConversations } from "../cli/conversationInput";
import { runReal } from "./realCommand";
import {
  formatScore,
  parseCorpus,
  scoreCorpus,
  unlabelled,
  type AssessedConversation,
  type DetectedIndicator,
} from "./scoreCorpus";

function option(args: string[], name: string): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : 0;
}

async function runLabelled(args: string[]): Promise<number> {
  const corpusPath =
    args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "eval/dev.jsonl";
  const records = parseCorpus(readFileSync(corpusPath, "utf8"));
  await loadPlaceIndex();

  const detected = new Map<string, DetectedIndicator[]>();
  const result = await readConversations(
    Readable.from([unlabelled(records)]),
    (line) => console.error(line),
    { onMessage: (message, indicators) => void detected.set(String(message.id), indicators) },
    "PH",
  );
  const assessed = new Map<string, AssessedConversation>();
  for (const c of result.conversations) {
    const a = summarize(c.assessment);
    assessed.set(String(c.conv), {
      conv: c.conv,
      stage: a.stage,
      broken_off: a.brokenOff,
      proposed: a.proposed,
      flags: a.flags,
    });
  }
  const score = scoreCorpus(records, detected, assessed);
  console.log(`corpus ${corpusPath}`);
  console.log(formatScore(score));
  const share = score.conversations === 0 ? 0 : score.assessmentRight / score.conversations;
  return score.microF1 < option(args, "--min-f1") || share < option(args, "--min-assess") ? 1 : 0;
}

const args = process.argv.slice(2);
process.exitCode = args[0] === "real" ? await runReal(args.slice(1)) : await runLabelled(args);

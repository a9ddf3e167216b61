import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

// Behaviour scripts are data (behaviours/*.json): short and non-graphic (S1), they name what a
// counterpart does. The schema keeps a broken file from silently changing the training range.
const awaitReplyStep = z.object({
  awaitReply: z.object({
    timeoutMs: z.number().int().positive(),
    onTimeout: z.enum(["continue", "leave"]),
  }),
});
const sayStep = z.object({
  say: z.string().min(1).max(2000),
  afterMs: z.number().int().min(0).optional(),
});
const sayBase64Step = z.object({
  sayBase64: z.base64(),
  afterMs: z.number().int().min(0).optional(),
});
const sayRepeatedStep = z.object({
  sayRepeated: z.object({
    text: z.string().min(1),
    times: z.number().int().positive().max(100_000),
  }),
  afterMs: z.number().int().min(0).optional(),
});
const leaveStep = z.object({ leave: z.literal(true) });

export const behaviourStepSchema = z.union([
  awaitReplyStep,
  sayStep,
  sayBase64Step,
  sayRepeatedStep,
  leaveStep,
]);
export type BehaviourStep = z.infer<typeof behaviourStepSchema>;

export const behaviourScriptSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  title: z.string().min(1),
  description: z.string().min(1).max(300),
  nicknames: z.array(z.string().min(1)).min(1),
  /** Typical pause before each message, spread by `jitter`. */
  typingMs: z.number().int().positive(),
  jitter: z.number().min(0).max(1),
  /** The furthest stage the conversation should reach when the persona follows the standard path. */
  expectedStage: z.enum(["approached", "age_stated", "solicited", "payment"]),
  steps: z.array(behaviourStepSchema).min(1),
});
export type BehaviourScript = z.infer<typeof behaviourScriptSchema>;

const BEHAVIOUR_DIR = join(import.meta.dirname, "behaviours");

/** Reads and validates every behaviour script shipped with the training range. */
export function loadBehaviourScripts(directory = BEHAVIOUR_DIR): BehaviourScript[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const parsed = behaviourScriptSchema.safeParse(
        JSON.parse(readFileSync(join(directory, name), "utf8")),
      );
      if (!parsed.success) {
        throw new Error(`behaviour script ${name} is invalid: ${z.prettifyError(parsed.error)}`);
      }
      if (`${parsed.data.id}.json` !== name) {
        throw new Error(
          `behaviour script ${name} must have the id "${name.replace(/\.json$/, "")}"`,
        );
      }
      return parsed.data;
    });
}

/** The bytes a say-step sends. */
export function stepBytes(step: BehaviourStep): Uint8Array | undefined {
  if ("say" in step) return new TextEncoder().encode(step.say);
  if ("sayBase64" in step) return Uint8Array.from(Buffer.from(step.sayBase64, "base64"));
  if ("sayRepeated" in step)
    return new TextEncoder().encode(step.sayRepeated.text.repeat(step.sayRepeated.times));
  return undefined;
}

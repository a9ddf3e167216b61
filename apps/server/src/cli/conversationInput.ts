/**
 * The JSON Lines input of `sweetie detect` and `sweetie assess`: a conversation record, then that
 * conversation's messages. Read line by line so inputs of any size stream through; each message
 * is run through the detector with its conversation's context and the assessment is advanced.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { z } from "zod";
import {
  advanceContext,
  assessMessage,
  contextFor,
  countryMentioned,
  detect,
  startAssessment,
  startContext,
  type AssessmentState,
  type ConversationContext,
  type Indicator,
} from "@sweetie/core";

const idSchema = z.union([z.string(), z.number()]);

const conversationRecord = z.object({
  type: z.literal("conversation"),
  conv: idSchema,
  initiator: z.enum(["counterpart", "persona"]),
});

const messageRecord = z.object({
  type: z.literal("message"),
  conv: idSchema,
  id: idSchema,
  dir: z.enum(["in", "out"]),
  text: z.string(),
});

const inputRecord = z.discriminatedUnion("type", [conversationRecord, messageRecord]);

export type MessageRecord = z.infer<typeof messageRecord>;

export interface ConversationState {
  conv: string | number;
  context: ConversationContext;
  assessment: AssessmentState;
  /** Country the counterpart said he is in, for reading his national phone numbers. */
  counterpartCountry?: string;
  /** Country the persona named (her declared location). */
  personaCountry?: string;
}

export interface InputHandlers {
  onMessage?: (
    message: MessageRecord,
    indicators: Indicator[],
    conversation: ConversationState,
  ) => void | Promise<void>;
}

export interface InputResult {
  conversations: ConversationState[];
  malformedLines: number;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid record";
  const where = issue.path.length > 0 ? `field "${issue.path.join(".")}"` : "record";
  return `${where}: ${issue.message}`;
}

/**
 * Read every record from `input`. Malformed lines are reported on `errors` with their line
 * number and counted; the caller exits with code 2 when there were any.
 */
export async function readConversations(
  input: Readable,
  errors: (line: string) => void,
  handlers: InputHandlers,
  defaultRegion: string,
): Promise<InputResult> {
  const conversations = new Map<string, ConversationState>();
  let malformedLines = 0;
  let lineNumber = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    lineNumber++;
    // A byte-order mark some editors put in front of the first line is not part of the record.
    const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      malformedLines++;
      errors(`line ${lineNumber}: not valid JSON; each line must be one JSON object`);
      continue;
    }
    const parsed = inputRecord.safeParse(json);
    if (!parsed.success) {
      malformedLines++;
      errors(
        `line ${lineNumber}: ${describeIssue(parsed.error)} (expected a "conversation" or "message" record)`,
      );
      continue;
    }
    const record = parsed.data;
    const key = `${typeof record.conv}:${record.conv}`;
    if (record.type === "conversation") {
      conversations.set(key, {
        conv: record.conv,
        context: startContext(defaultRegion),
        assessment: startAssessment(record.initiator),
      });
      continue;
    }
    const conversation = conversations.get(key);
    if (conversation === undefined) {
      malformedLines++;
      errors(
        `line ${lineNumber}: message for conversation ${JSON.stringify(record.conv)} before its "conversation" record`,
      );
      continue;
    }
    const indicators = detect(record.text, contextFor(conversation.context, record.dir));
    if (record.dir === "out") {
      conversation.personaCountry ??= countryMentioned(record.text);
    } else {
      conversation.counterpartCountry ??= indicators.find((i) => i.type === "id.location")?.country;
    }
    const region = conversation.counterpartCountry ?? conversation.personaCountry ?? defaultRegion;
    conversation.context = advanceContext(conversation.context, record.dir, indicators, region);
    conversation.assessment = assessMessage(conversation.assessment, record, indicators);
    if (handlers.onMessage) await handlers.onMessage(record, indicators, conversation);
  }
  return { conversations: [...conversations.values()], malformedLines };
}

/** Buffered writing to stdout that respects back-pressure. */
export class LineWriter {
  private buffer = "";
  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  async write(line: string): Promise<void> {
    this.buffer += line + "\n";
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === "") return;
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.out.write(chunk))
      await new Promise<void>((resolve) => this.out.once("drain", () => resolve()));
  }
}

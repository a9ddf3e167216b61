import type { LedgerEntry } from "@sweetie/core/ledger/index";
import type { ConversationEvidence } from "../referrals/packageEvidence";
import { personWords, type DisclosureRecords } from "./disclosureRecords";

// One conversation as the defence reads it: every ledger entry about it in log order, each a
// line saying who did what (the counterpart, the persona by an operator's typed words or a
// library move with its id and library version, a reviewer), every persona message with its
// delivery outcome (a failed send stays in, marked not delivered), the reviews, captures and
// subject links, then every reveal of its masked items (S8). The message text is exactly the
// committed text: nothing is masked or left out.

export interface DisclosedLine {
  /** The ledger entry the line reads. */
  index: number;
  at: string;
  kind: LedgerEntry["kind"];
  /** Who acted, in words. */
  who: string;
  /** What happened, in words (for a message: its header). */
  what: string;
  /** A message's exact text. */
  body?: string;
  /** A persona message's delivery outcome, in words. */
  delivery?: string;
  /** The message failed to reach the network. */
  notDelivered?: boolean;
}

export interface DisclosedConversation {
  id: string;
  counterpartHandle: string;
  openedBy: string;
  venue: string;
  lines: DisclosedLine[];
  reveals: string[];
  counts: { messages: number; moves: number; typed: number; failed: number; captures: number };
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export function discloseConversation(
  evidence: ConversationEvidence,
  records: DisclosureRecords,
  capturePath: (id: string) => string,
): DisclosedConversation {
  const out: DisclosedConversation = {
    id: evidence.conversationId,
    counterpartHandle: "",
    openedBy: "",
    venue: "",
    lines: [],
    reveals: [],
    counts: { messages: 0, moves: 0, typed: 0, failed: 0, captures: 0 },
  };
  const outcomes = deliveryOutcomes(evidence.entries);
  const seqOf = new Map<string, number>();
  for (const entry of evidence.entries) {
    const c = entry.content;
    const at = str(c.createdAt);
    const who = (id: unknown) => personWords(records, typeof id === "string" ? id : null);
    const line = (fields: Omit<DisclosedLine, "index" | "at" | "kind">) =>
      out.lines.push({ index: entry.index, at, kind: entry.kind, ...fields });
    switch (entry.kind) {
      case "conversation": {
        const venue = obj(c.venue);
        const persona = obj(c.persona);
        out.counterpartHandle = str(c.counterpartHandle);
        out.openedBy = c.initiator === "persona" ? "the persona" : "the counterpart";
        out.venue = [str(venue.protocol), str(venue.address)].filter(Boolean).join(" ");
        line({
          who: out.openedBy,
          what: `Conversation opened by ${out.openedBy} with "${out.counterpartHandle}"${out.venue ? ` on ${out.venue}` : ""}; persona "${str(persona.name)}", declared age ${String(persona.age ?? "?")}`,
        });
        break;
      }
      case "message": {
        out.counts.messages++;
        const seq = typeof c.seq === "number" ? c.seq : 0;
        seqOf.set(str(c.id), seq);
        if (c.direction !== "out") {
          line({
            who: `counterpart "${out.counterpartHandle}"`,
            what: `#${seq} received`,
            body: str(c.body),
          });
          break;
        }
        const move = str(c.moveId);
        if (move) out.counts.moves++;
        else out.counts.typed++;
        const outcome = outcomes.get(str(c.id));
        if (outcome?.failed) out.counts.failed++;
        line({
          who: `operator ${who(c.sentBy)}`,
          what: move
            ? `#${seq} persona: library move "${move}" (library version ${str(c.moveLibraryVersion) || "not recorded"}), chosen by the operator`
            : `#${seq} persona: words typed by the operator`,
          body: str(c.body),
          delivery: outcome
            ? outcome.failed
              ? `NOT DELIVERED (${outcome.at}): ${outcome.detail || "the network did not take it"}`
              : `delivered to the network (${outcome.at})`
            : "no delivery outcome recorded",
          ...(outcome?.failed ? { notDelivered: true } : {}),
        });
        break;
      }
      case "event": {
        line({
          who: c.actor ? who(c.actor) : "the system",
          what: eventWords(str(c.kind), obj(c.payload), seqOf),
        });
        break;
      }
      case "decision":
        line({
          who: `reviewer ${who(c.reviewer)}`,
          what: `Review decision: ${str(c.decision)}. Reason: ${str(c.reason)}`,
        });
        break;
      case "capture":
        out.counts.captures++;
        line({
          who: who(c.capturedBy),
          what: `Capture "${str(c.fileName)}" (${str(c.mediaType)}, ${String(c.sizeBytes)} bytes, SHA-256 ${str(c.bytesSha256 ?? c.sha256)}), file ${capturePath(str(c.id))}`,
        });
        break;
      case "subject_link":
        line({ who: who(c.addedBy), what: `Linked to subject ${str(c.subject)}` });
        break;
      default:
        line({ who: "—", what: `${entry.kind} entry` });
    }
  }
  for (const reveal of records.reveals.get(evidence.conversationId) ?? []) {
    const target =
      reveal.targetType === "message"
        ? `message #${seqOf.get(reveal.targetId) ?? "?"} (${reveal.targetId})`
        : `capture ${reveal.targetId}`;
    out.reveals.push(`${reveal.at} ${personWords(records, reveal.by)} revealed ${target}`);
  }
  return out;
}

/** Each persona message's delivery outcome, from its message.delivered / delivery_failed event. */
function deliveryOutcomes(entries: readonly LedgerEntry[]) {
  const out = new Map<string, { failed: boolean; at: string; detail: string }>();
  for (const entry of entries) {
    if (entry.kind !== "event") continue;
    const kind = str(entry.content.kind);
    if (kind !== "message.delivered" && kind !== "message.delivery_failed") continue;
    const payload = obj(entry.content.payload);
    out.set(str(payload.messageId), {
      failed: kind === "message.delivery_failed",
      at: str(entry.content.createdAt),
      detail: str(payload.detail),
    });
  }
  return out;
}

function eventWords(kind: string, payload: Record<string, unknown>, seqOf: Map<string, number>) {
  const message = () => `message #${seqOf.get(str(payload.messageId)) ?? "?"}`;
  switch (kind) {
    case "message.delivered":
      return `Delivery: ${message()} was taken by the network`;
    case "message.delivery_failed":
      return `Delivery FAILED: ${message()} was not delivered (${str(payload.detail) || "no reason given"})`;
    case "stage.changed":
      return `Stage changed from ${str(payload.from) || "—"} to ${str(payload.to) || "—"}`;
    case "safeguard.flagged":
      return `Safeguard flag set: ${Array.isArray(payload.flags) ? payload.flags.map(String).join(", ") : "?"}`;
    default:
      return `Event ${kind}${Object.keys(payload).length ? ` ${JSON.stringify(payload)}` : ""}`;
  }
}

/** The conversation as plain text: the disclosure's transcript.txt. */
export function disclosedTranscriptText(conversation: DisclosedConversation): string {
  const { counts } = conversation;
  const lines = [
    `DISCLOSURE TRANSCRIPT (unredacted) — conversation ${conversation.id}`,
    `Counterpart "${conversation.counterpartHandle}", opened by ${conversation.openedBy}${conversation.venue ? ` on ${conversation.venue}` : ""}.`,
    `${counts.messages} messages; persona messages: ${counts.moves} library moves, ${counts.typed} typed by an operator; ${counts.failed} not delivered; ${counts.captures} captures.`,
    "Every line below reads one ledger entry (its index in brackets); message text is exactly as recorded.",
    "",
  ];
  for (const l of conversation.lines) {
    lines.push(`[entry ${l.index}] ${l.at}  ${l.what} — by ${l.who}`);
    if (l.body !== undefined) lines.push(`    ${l.body.replace(/\r?\n/g, "\n    ")}`);
    if (l.delivery) lines.push(`    delivery: ${l.delivery}`);
  }
  lines.push(
    "",
    "Reveals of masked items (S8; from the audited welfare record, not ledger entries):",
    ...(conversation.reveals.length ? conversation.reveals.map((r) => `  ${r}`) : ["  none"]),
  );
  return `${lines.join("\n")}\n`;
}

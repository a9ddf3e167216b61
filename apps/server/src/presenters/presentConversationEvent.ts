import type { ConversationEvent } from "@sweetie/core/api/consoleSchemas";
import { explainFlag } from "@sweetie/core/protocol/flagExplanations";
import type { EventRow } from "../db/tables/conversations";

const stage = (value: unknown) => (typeof value === "string" ? value.replaceAll("_", " ") : "?");

/** A sentence for each event kind; the payload's untrusted parts (file names) stay out of it. */
function summarize(row: EventRow): string {
  const payload = row.payload;
  switch (row.kind) {
    case "stage.changed":
      return `Stage reached: ${stage(payload.to)} (was ${stage(payload.from)}).`;
    case "safeguard.flagged": {
      const flags = Array.isArray(payload.flags) ? payload.flags.map(String) : [];
      return `Safeguard flag set: ${flags.map((flag) => explainFlag(flag).title).join("; ")}.`;
    }
    case "criteria.proposed":
      return `Proposed for review as meeting the criteria (stage ${stage(payload.stage)}).`;
    case "criteria.confirmed":
      return "A supervisor confirmed that the criteria are met.";
    case "criteria.rejected":
      return "A supervisor rejected the proposal.";
    case "broken_off":
      return "The persona broke off the conversation.";
    case "counterpart.left":
      return "The counterpart left the conversation.";
    case "capture.taken":
      return `A capture was added (${typeof payload.mediaType === "string" ? payload.mediaType : "file"}).`;
    case "persona.inconsistency_confirmed": {
      const warnings = Array.isArray(payload.warnings) ? payload.warnings : [];
      return `The operator was warned that the message contradicts the persona and sent it anyway (${warnings.length} warning${warnings.length === 1 ? "" : "s"}).`;
    }
    case "message.truncated":
      return "An incoming message was longer than the limit; the stored text was cut, the bytes kept.";
    default:
      return row.kind.replaceAll(/[._]/g, " ");
  }
}

export function presentConversationEvent(row: EventRow): ConversationEvent {
  return { id: row.id, kind: row.kind, at: row.created_at.toISOString(), summary: summarize(row) };
}

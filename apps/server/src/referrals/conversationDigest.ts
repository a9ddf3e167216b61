import type { LedgerEntry } from "@sweetie/core/ledger/index";
import type { ConversationEvidence } from "./packageEvidence";

// A compact reading of one conversation's entries: what the report and the JSON-LD need, kept
// per subject while the ZIP streams (the entries themselves go to the ZIP and are dropped).

export interface DigestMessage {
  index: number;
  id: string;
  seq: number;
  direction: "in" | "out";
  body: string;
  sentBy: string | null;
  moveId: string | null;
  moveLibraryVersion: string | null;
  createdAt: string;
  indicators: string[];
}

export interface ConversationDigest {
  id: string;
  openingIndex: number | null;
  initiator: string;
  counterpartHandle: string;
  venue: { protocol: string | null; name: string | null; address: string | null } | null;
  persona: { name: string | null; age: number | null } | null;
  createdAt: string;
  messages: DigestMessage[];
  events: { index: number; kind: string; createdAt: string }[];
  captures: {
    index: number;
    id: string;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    createdAt: string;
    path: string;
  }[];
  decisions: {
    index: number;
    decision: string;
    reason: string;
    reviewer: string;
    createdAt: string;
  }[];
  entriesPath: string;
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const strOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

export function digestConversation(
  evidence: ConversationEvidence,
  paths: { entries: string; capture: (id: string) => string },
): ConversationDigest {
  const digest: ConversationDigest = {
    id: evidence.conversationId,
    openingIndex: null,
    initiator: "",
    counterpartHandle: "",
    venue: null,
    persona: null,
    createdAt: "",
    messages: [],
    events: [],
    captures: [],
    decisions: [],
    entriesPath: paths.entries,
  };
  for (const entry of evidence.entries) addEntry(digest, entry, paths);
  for (const message of digest.messages)
    message.indicators = evidence.indicators.get(message.id) ?? [];
  return digest;
}

function addEntry(
  digest: ConversationDigest,
  entry: LedgerEntry,
  paths: { capture: (id: string) => string },
): void {
  const c = entry.content;
  switch (entry.kind) {
    case "conversation": {
      const venue = c.venue as Record<string, unknown> | null;
      const persona = c.persona as Record<string, unknown> | null;
      digest.openingIndex = entry.index;
      digest.initiator = str(c.initiator);
      digest.counterpartHandle = str(c.counterpartHandle);
      digest.createdAt = str(c.createdAt);
      digest.venue = venue
        ? {
            protocol: strOrNull(venue.protocol),
            name: strOrNull(venue.name),
            address: strOrNull(venue.address),
          }
        : null;
      digest.persona = persona
        ? {
            name: strOrNull(persona.name),
            age: typeof persona.age === "number" ? persona.age : null,
          }
        : null;
      return;
    }
    case "message":
      digest.messages.push({
        index: entry.index,
        id: str(c.id),
        seq: typeof c.seq === "number" ? c.seq : 0,
        direction: c.direction === "out" ? "out" : "in",
        body: str(c.body),
        sentBy: strOrNull(c.sentBy),
        moveId: strOrNull(c.moveId),
        moveLibraryVersion: strOrNull(c.moveLibraryVersion),
        createdAt: str(c.createdAt),
        indicators: [],
      });
      return;
    case "event":
      digest.events.push({ index: entry.index, kind: str(c.kind), createdAt: str(c.createdAt) });
      return;
    case "capture":
      digest.captures.push({
        index: entry.index,
        id: str(c.id),
        fileName: str(c.fileName),
        mediaType: str(c.mediaType),
        sizeBytes: typeof c.sizeBytes === "number" ? c.sizeBytes : 0,
        sha256: str(c.bytesSha256 ?? c.sha256),
        createdAt: str(c.createdAt),
        path: paths.capture(str(c.id)),
      });
      return;
    case "decision":
      digest.decisions.push({
        index: entry.index,
        decision: str(c.decision),
        reason: str(c.reason),
        reviewer: str(c.reviewer),
        createdAt: str(c.createdAt),
      });
      return;
    default:
      return;
  }
}

/** A plain-text transcript: every message with who sent it and how (typed or library move). */
export function transcriptText(digest: ConversationDigest): string {
  const lines = [
    `Conversation ${digest.id}`,
    `Opened ${digest.createdAt} by the ${digest.initiator === "persona" ? "persona" : "counterpart"} (${digest.counterpartHandle})` +
      (digest.venue ? ` on ${digest.venue.address ?? digest.venue.name ?? ""}` : ""),
    "",
  ];
  for (const m of digest.messages) {
    const who =
      m.direction === "in"
        ? `counterpart ${digest.counterpartHandle}`
        : m.moveId
          ? `persona — library move ${m.moveId} (library ${m.moveLibraryVersion ?? "?"}), chosen by operator ${m.sentBy ?? "?"}`
          : `persona — typed by operator ${m.sentBy ?? "?"}`;
    lines.push(`[${m.createdAt}] #${m.seq} ${who}`, `    ${m.body.replace(/\r?\n/g, "\n    ")}`);
  }
  return `${lines.join("\n")}\n`;
}

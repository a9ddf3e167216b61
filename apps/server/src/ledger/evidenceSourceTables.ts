import type { JsonValue } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import { captureBytesIn, markCapturePurged } from "../blobs/captureBytes";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import type { EvidenceSource, SourceRow } from "./evidenceSourceTypes";
import { IDENTITY_EVIDENCE_SOURCES } from "./identityEvidenceSources";
import { disclosureExportsSource } from "./disclosureEvidenceSources";
import { referralStepsSource } from "./referralEvidenceSources";

// The operational tables whose rows are ledger evidence, and exactly which of their columns
// each entry commits to. The ledger README lists the same (a test holds the two together), and
// evidenceCoverage.ts lists every other column and why it is not evidence.

// Timestamps are hashed as PostgreSQL stores them (microseconds), not as a JS Date (ms), so
// even a sub-millisecond edit shows.
const utcMicros = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A JS Date (whole milliseconds) as utcMicros formats it once stored: 2026-11-30T12:00:00.123000Z. */
export function utcMicrosOfDate(date: Date): string {
  const iso = date.toISOString(); // 2026-11-30T12:00:00.123Z
  return `${iso.slice(0, -1)}000Z`;
}

const text = (value: unknown) => value as string;
const textOrNull = (value: unknown) => (value ?? null) as string | null;
const numberOrNull = (value: unknown) => (value ?? null) as number | null;

/**
 * A message's evidence fields as SQL, read by the verifier and the appender alike. (The message
 * fast path, insertMessagesWithEvidence, builds the same fields from the values it writes; the
 * ledger tests hold the two to each other.)
 */
const MESSAGE_EVIDENCE_COLUMNS = `id::text, operation_id::text, conversation_id::text, seq,
  direction, body, encode(sha256(body_bytes), 'hex') as body_sha256, sent_by::text, move_id,
  move_library_version, ${utcMicros("created_at")} as created_at_utc`;

const messages: EvidenceSource = {
  table: "messages",
  kinds: ["message"],
  covers: [
    {
      table: "messages",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "conversation_id",
        "seq",
        "direction",
        "body",
        "body_bytes",
        "sent_by",
        "move_id",
        "move_library_version",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(MESSAGE_EVIDENCE_COLUMNS)}
      from messages where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      conversation: text(row.conversation_id),
      seq: row.seq as number,
      direction: text(row.direction),
      body: text(row.body),
      bodySha256: text(row.body_sha256),
      sentBy: textOrNull(row.sent_by),
      moveId: textOrNull(row.move_id),
      moveLibraryVersion: textOrNull(row.move_library_version),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("messages").where("id", "=", id).execute();
  },
};

/**
 * An event's evidence fields as SQL, shared by the SELECT below and by the RETURNING clause of
 * statements that write events (writeAssessments), so both read exactly the same values.
 */
export const EVENT_EVIDENCE_COLUMNS = `id::text, operation_id::text, conversation_id::text, kind,
  payload, actor_id::text, ${utcMicros("created_at")} as created_at_utc`;

const events: EvidenceSource = {
  table: "events",
  // Protocol events (stage, safeguard flags, proposal, break-off), presence, and the events a
  // capture or a review writes besides its own entry.
  kinds: ["event"],
  covers: [
    {
      table: "events",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "conversation_id",
        "kind",
        "payload",
        "actor_id",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(EVENT_EVIDENCE_COLUMNS)}
      from events where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      conversation: textOrNull(row.conversation_id),
      kind: text(row.kind),
      payload: row.payload as JsonValue,
      actor: textOrNull(row.actor_id),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("events").where("id", "=", id).execute();
  },
};

/**
 * A conversation's opening, over `from` (the conversations table, or the rows an INSERT just
 * returned, named c): who initiated it (what S6's persona_initiated reads), the counterpart's
 * network id and shown handle, and the venue (network and room: where the counterpart came
 * from) and persona it happened with, joined as they stand.
 */
export function conversationEvidenceSelect(from: string) {
  return sql<SourceRow>`
    select c.id::text, c.operation_id::text, c.initiator, c.counterpart_ref, c.counterpart_handle,
           ${sql.raw(utcMicros("c.created_at"))} as created_at_utc,
           c.venue_id::text, v.protocol as venue_protocol, v.name as venue_name,
           v.address as venue_address,
           c.persona_id::text, p.name as persona_name, p.age as persona_age,
           p.gender as persona_gender, p.location as persona_location,
           p.display_names as persona_display_names
      from ${sql.raw(from)} c
      left join venues v on v.id = c.venue_id
      left join personas p on p.id = c.persona_id`;
}

const conversations: EvidenceSource = {
  table: "conversations",
  kinds: ["conversation"],
  covers: [
    {
      table: "conversations",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "initiator",
        "counterpart_ref",
        "counterpart_handle",
        "created_at",
        "venue_id",
        "persona_id",
      ],
    },
    { table: "venues", via: "venue_id", columns: ["id", "protocol", "name", "address"] },
    {
      table: "personas",
      via: "persona_id",
      columns: ["id", "name", "age", "gender", "location", "display_names"],
    },
  ],
  select: (ids) => sql<SourceRow>`
    ${conversationEvidenceSelect("conversations")} where c.id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      initiator: text(row.initiator),
      counterpartRef: textOrNull(row.counterpart_ref),
      counterpartHandle: text(row.counterpart_handle),
      createdAt: text(row.created_at_utc),
      venue: row.venue_id
        ? {
            id: text(row.venue_id),
            protocol: textOrNull(row.venue_protocol),
            name: textOrNull(row.venue_name),
            address: textOrNull(row.venue_address),
          }
        : null,
      persona: row.persona_id
        ? {
            id: text(row.persona_id),
            name: textOrNull(row.persona_name),
            age: numberOrNull(row.persona_age),
            gender: textOrNull(row.persona_gender),
            location: textOrNull(row.persona_location),
            displayNames: (row.persona_display_names ?? null) as JsonValue,
          }
        : null,
    },
  }),
  // Retention keeps the row (its id, stage and dates) and removes who the counterpart was.
  async purge(db, id) {
    await db
      .updateTable("conversations")
      .set({ counterpart_handle: "(purged)", counterpart_ref: null })
      .where("id", "=", id)
      .execute();
  },
};

/** A capture's evidence fields; its bytes are read through the capture bytes store. */
export const CAPTURE_EVIDENCE_COLUMNS = `id::text, operation_id::text, conversation_id::text,
  media_type, file_name, size_bytes, sha256, captured_by::text,
  ${utcMicros("created_at")} as created_at_utc`;

const captures: EvidenceSource = {
  table: "captures",
  kinds: ["capture"],
  covers: [
    {
      table: "captures",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "conversation_id",
        "media_type",
        "file_name",
        "size_bytes",
        "sha256",
        "captured_by",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(CAPTURE_EVIDENCE_COLUMNS)}
      from captures where id = any(${[...ids]}::uuid[])`,
  // The entry commits to the SHA-256 of the bytes as the blob store holds them, re-hashed on
  // every read, not to the recorded sha256 column alone: a file replaced in the store, or bytes
  // replaced together with their hash and size, show.
  async complete(db, rows, ports) {
    const pending = rows.filter((row) => row.bytes_sha256 === undefined);
    const hashes = await captureBytesIn(ports?.blobs ?? databaseBlobStore(db)).rehash(
      db,
      pending.map((row) => row.id),
    );
    for (const row of pending) row.bytes_sha256 = hashes.get(row.id) ?? null;
  },
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      conversation: text(row.conversation_id),
      mediaType: text(row.media_type),
      fileName: text(row.file_name),
      sizeBytes: row.size_bytes as number,
      sha256: text(row.sha256),
      bytesSha256: textOrNull(row.bytes_sha256),
      capturedBy: text(row.captured_by),
      createdAt: text(row.created_at_utc),
    },
  }),
  // The row is marked purged; its file leaves the store after the purge commits (see
  // removeUnreferencedCaptureFiles).
  async purge(db, id) {
    await markCapturePurged(db, id);
  },
};

export const REVIEW_EVIDENCE_COLUMNS = `id::text, operation_id::text, conversation_id::text,
  decision, reason, reviewer_id::text, subject_id::text,
  ${utcMicros("created_at")} as created_at_utc`;

const conversationReviews: EvidenceSource = {
  table: "conversation_reviews",
  kinds: ["decision"],
  covers: [
    {
      table: "conversation_reviews",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "conversation_id",
        "decision",
        "reason",
        "reviewer_id",
        "subject_id",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(REVIEW_EVIDENCE_COLUMNS)}
      from conversation_reviews where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      conversation: text(row.conversation_id),
      decision: text(row.decision),
      reason: text(row.reason),
      reviewer: text(row.reviewer_id),
      subject: textOrNull(row.subject_id),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("conversation_reviews").where("id", "=", id).execute();
  },
};

const subjectLinks: EvidenceSource = {
  table: "subject_conversations",
  kinds: ["subject_link"],
  covers: [
    {
      table: "subject_conversations",
      via: "id",
      columns: ["id", "subject_id", "conversation_id", "added_by", "created_at"],
    },
    { table: "subjects", via: "subject_id", columns: ["id", "operation_id"] },
  ],
  select: (ids) => sql<SourceRow>`
    select l.id::text, s.operation_id::text, l.subject_id::text, l.conversation_id::text,
           l.added_by::text, ${sql.raw(utcMicros("l.created_at"))} as created_at_utc
      from subject_conversations l left join subjects s on s.id = l.subject_id
     where l.id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      subject: text(row.subject_id),
      conversation: text(row.conversation_id),
      addedBy: textOrNull(row.added_by),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("subject_conversations").where("id", "=", id).execute();
  },
};

const exposureOverrides: EvidenceSource = {
  table: "exposure_overrides",
  kinds: ["exposure_override"],
  covers: [
    {
      table: "exposure_overrides",
      via: "id",
      columns: [
        "id",
        "operation_id",
        "user_id",
        "day",
        "extra_reveals",
        "granted_by",
        "reason",
        "created_at",
      ],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select id::text, operation_id::text, user_id::text, to_char(day, 'YYYY-MM-DD') as day,
           extra_reveals, granted_by::text, reason, ${sql.raw(utcMicros("created_at"))} as created_at_utc
      from exposure_overrides where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      user: text(row.user_id),
      day: text(row.day),
      extraReveals: row.extra_reveals as number,
      grantedBy: text(row.granted_by),
      reason: text(row.reason),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("exposure_overrides").where("id", "=", id).execute();
  },
};

/**
 * A received message's origin on its network (sender as the network shows it, network, server
 * name) and the raw protocol units it came in (IRC lines with their CR LF), committed by their
 * SHA-256 re-hashed from the stored bytes.
 */
export const MESSAGE_WIRE_EVIDENCE_COLUMNS = `id::text, operation_id::text, message_id::text, origin,
  encode(sha256(wire), 'hex') as wire_sha256, ${utcMicros("created_at")} as created_at_utc`;

const messageWire: EvidenceSource = {
  table: "message_wire",
  kinds: ["message_wire"],
  covers: [
    {
      table: "message_wire",
      via: "id",
      columns: ["id", "message_id", "operation_id", "origin", "wire", "created_at"],
    },
  ],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(MESSAGE_WIRE_EVIDENCE_COLUMNS)}
      from message_wire where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      message: text(row.message_id),
      origin: row.origin as JsonValue,
      wireSha256: text(row.wire_sha256),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("message_wire").where("id", "=", id).execute();
  },
};

/** Every table under the ledger. */
export const EVIDENCE_SOURCES: readonly EvidenceSource[] = [
  messages,
  events,
  conversations,
  captures,
  conversationReviews,
  subjectLinks,
  exposureOverrides,
  ...IDENTITY_EVIDENCE_SOURCES,
  messageWire,
  referralStepsSource,
  disclosureExportsSource,
];

import { Readable } from "node:stream";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { randomUUID } from "node:crypto";
import type { DbOrTrx } from "../db/database";
import type { ConversationRow, MessageRow } from "../db/tables/conversations";
import type { NewOperationRow, OperationRow } from "../db/tables/operations";

// Factories for tests: valid rows in one call, any field overridable. Shared; add yours here.

export async function buildOperation(
  db: DbOrTrx,
  overrides: Partial<NewOperationRow> = {},
): Promise<OperationRow> {
  const now = Date.now();
  return db
    .insertInto("operations")
    .values({
      name: `Operation ${randomUUID().slice(0, 8)}`,
      mode: "identify",
      issuing_authority: "Test Prosecutor",
      authorization_reference: `REF-${randomUUID().slice(0, 6)}`,
      partner_unit: "Test Unit",
      permitted_venues: JSON.stringify(["training://lobby"]),
      persona_age: 10,
      starts_at: new Date(now - 3_600_000),
      ends_at: new Date(now + 30 * 86_400_000),
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildConversation(
  db: DbOrTrx,
  overrides: { operation_id: string } & Partial<
    Pick<ConversationRow, "counterpart_handle" | "initiator" | "persona_id" | "venue_id">
  >,
): Promise<ConversationRow> {
  return db
    .insertInto("conversations")
    .values({
      counterpart_handle: `visitor${Math.floor(Math.random() * 10_000)}`,
      initiator: "counterpart",
      persona_id: null,
      venue_id: null,
      operator_id: null,
      last_message_at: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let nextSeq = 1;

/** A message row (no ledger entry: tests that need one call appendEvidence in the same trx). */
export async function buildMessage(
  db: DbOrTrx,
  overrides: { operation_id: string; conversation_id: string; indicators?: string } & Partial<
    Pick<MessageRow, "seq" | "direction" | "body" | "sent_by" | "move_id" | "move_library_version">
  >,
): Promise<MessageRow> {
  const body = overrides.body ?? "hi, asl?";
  return db
    .insertInto("messages")
    .values({
      seq: nextSeq++,
      direction: "in",
      body,
      body_bytes: new TextEncoder().encode(body),
      sent_by: null,
      move_id: null,
      move_library_version: null,
      indicators: "[]",
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The training lobby as a venue of the operation (where ingested counterparts are met). */
export async function buildVenue(db: DbOrTrx, operationId: string): Promise<{ id: string }> {
  return db
    .insertInto("venues")
    .values({
      operation_id: operationId,
      protocol: "training",
      name: "lobby",
      address: "training://lobby",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A persona of the operation (a ten-year-old girl in Cebu unless told otherwise). */
export async function buildPersona(
  db: DbOrTrx,
  operationId: string,
  overrides: { name?: string; age?: number; location?: string; displayNames?: string[] } = {},
): Promise<{ id: string }> {
  const name = overrides.name ?? "ana";
  return db
    .insertInto("personas")
    .values({
      operation_id: operationId,
      name,
      age: overrides.age ?? 10,
      gender: "girl",
      location: overrides.location ?? "Cebu",
      display_names: JSON.stringify(overrides.displayNames ?? [name]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Puts a file in the database's blob store (where a capture's bytes live), as an upload would. */
export async function storeBlob(db: DbOrTrx, bytes: Uint8Array): Promise<string> {
  const staged = await databaseBlobStore(db).stage(
    Readable.from([Buffer.from(bytes)]),
    bytes.length,
  );
  await staged.commit();
  return staged.sha256;
}

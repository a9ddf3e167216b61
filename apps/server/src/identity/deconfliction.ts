import {
  deconflictionPointer,
  DISTINGUISHING_KINDS,
  type IdentifierKind,
} from "@sweetie/core/identity/index";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";

/**
 * Indexes a subject's identifiers by their keyed hash across all operations, and on an overlap
 * with another operation leaves a notice for the supervisors of both. A notice holds each side's
 * own subject and the other operation's id (never shown); the other side's name, subject,
 * identifiers and case data never cross (S4).
 */
export async function indexForDeconfliction(
  trx: Transaction<Database>,
  secret: Uint8Array,
  input: {
    operationId: string;
    subjectId: string;
    identifiers: readonly { kind: string; normalized: string }[];
  },
): Promise<void> {
  const pointers = new Map<string, string>();
  for (const identifier of input.identifiers) {
    if (!DISTINGUISHING_KINDS.has(identifier.kind as IdentifierKind)) continue;
    const kind = identifier.kind as IdentifierKind;
    pointers.set(deconflictionPointer(secret, kind, identifier.normalized), kind);
  }
  if (pointers.size === 0) return;
  await trx
    .insertInto("deconfliction_pointers")
    .values(
      [...pointers].map(([pointer, kind]) => ({
        pointer,
        kind,
        operation_id: input.operationId,
        subject_id: input.subjectId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const others = await trx
    .selectFrom("deconfliction_pointers")
    .select(["pointer", "kind", "operation_id", "subject_id"])
    .where("pointer", "in", [...pointers.keys()])
    .where("operation_id", "<>", input.operationId)
    .execute();
  if (others.length === 0) return;
  await trx
    .insertInto("deconfliction_notices")
    .values(
      others.flatMap((other) => [
        {
          operation_id: input.operationId,
          subject_id: input.subjectId,
          kind: other.kind,
          other_operation_id: other.operation_id,
          pointer: other.pointer,
        },
        {
          operation_id: other.operation_id,
          subject_id: other.subject_id,
          kind: other.kind,
          other_operation_id: input.operationId,
          pointer: other.pointer,
        },
      ]),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import type { OperationRow, PersonaRow } from "../db/tables/operations";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

export interface PersonaInput {
  name: string;
  age: number;
  gender: string;
  location: string;
  displayNames: string[];
}

/** The authorization names the persona's age: a persona of another age is outside it. */
function assertAuthorizedAge(operation: OperationRow, age: number): void {
  if (age !== operation.persona_age) {
    throw new AppError("validation_failed", {
      detail: `The operation's authorization is for a persona aged ${operation.persona_age}. Record a new authorization for another age.`,
      errors: [{ field: "age", message: `The authorization is for age ${operation.persona_age}.` }],
    });
  }
}

export async function listPersonas(db: DbOrTrx, operationId: string): Promise<PersonaRow[]> {
  return db
    .selectFrom("personas")
    .selectAll()
    .where("operation_id", "=", operationId)
    .orderBy("created_at")
    .execute();
}

export async function createPersona(
  trx: DbOrTrx,
  actor: Actor | null,
  operation: OperationRow,
  input: PersonaInput,
): Promise<PersonaRow> {
  assertAuthorizedAge(operation, input.age);
  const persona = await trx
    .insertInto("personas")
    .values({
      operation_id: operation.id,
      name: input.name,
      age: input.age,
      gender: input.gender,
      location: input.location,
      display_names: JSON.stringify(input.displayNames),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "persona.create",
    operationId: operation.id,
    targetType: "persona",
    targetId: persona.id,
    details: { ...input },
  });
  return persona;
}

/**
 * Edits a persona no conversation has used yet. Once a counterpart has spoken to it, its facts
 * are part of that conversation's evidence entry (the ledger commits to the persona as it
 * stood), so it cannot change: create a new persona instead.
 */
export async function updatePersona(
  trx: DbOrTrx,
  actor: Actor,
  operation: OperationRow,
  personaId: string,
  input: PersonaInput,
): Promise<PersonaRow> {
  assertAuthorizedAge(operation, input.age);
  const persona = await trx
    .selectFrom("personas")
    .selectAll()
    .where("id", "=", personaId)
    .where("operation_id", "=", operation.id)
    .forUpdate()
    .executeTakeFirst();
  if (!persona) throw new AppError("not_found", { detail: "No persona with this id here." });
  const used = await trx
    .selectFrom("conversations")
    .select("id")
    .where("persona_id", "=", personaId)
    .limit(1)
    .executeTakeFirst();
  if (used) {
    throw new AppError("conflict", {
      detail:
        "Counterparts have already talked to this persona, and the evidence records it as it was. Create a new persona instead of changing this one.",
    });
  }
  const updated = await trx
    .updateTable("personas")
    .set({
      name: input.name,
      age: input.age,
      gender: input.gender,
      location: input.location,
      display_names: JSON.stringify(input.displayNames),
    })
    .where("id", "=", personaId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "persona.update",
    operationId: operation.id,
    targetType: "persona",
    targetId: personaId,
    details: { before: presentPersonaFacts(persona), after: { ...input } },
  });
  return updated;
}

export function presentPersonaFacts(row: PersonaRow): PersonaInput {
  return {
    name: row.name,
    age: row.age,
    gender: row.gender,
    location: row.location,
    displayNames: row.display_names,
  };
}

import type { DbOrTrx } from "../db/database";
import { AppError } from "../errors";

/** The subject, if it belongs to the operation; else not_found (no hint that it exists). */
export async function requireSubject(db: DbOrTrx, operationId: string, subjectId: string) {
  const subject = await db
    .selectFrom("subjects")
    .select(["id", "label", "country", "merged_into"])
    .where("id", "=", subjectId)
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  if (!subject) {
    throw new AppError("not_found", { detail: "No subject with this id in this operation." });
  }
  return subject;
}

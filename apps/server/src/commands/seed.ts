import type { Db } from "../db/database";
import { upsertMembership } from "../db/repositories/operationsRepository";
import { createOperation } from "./operations";
import { createUser } from "./createUser";

export interface SeedResult {
  /** Present only when the first administrator was created just now. */
  admin: { username: string; oneTimePassword: string } | null;
  trainingOperationId: string;
}

const TRAINING_VENUE = "training://lobby";

/**
 * First start: a first administrator with a one-time password (printed once by the caller) and
 * a training operation on the built-in training range. Later starts change nothing.
 */
export async function seedFirstRun(db: Db, now: Date): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const anyUser = await trx.selectFrom("users").select("id").limit(1).executeTakeFirst();
    let admin: SeedResult["admin"] = null;
    let adminId = anyUser?.id;
    if (!anyUser) {
      const created = await createUser(trx, null, {
        username: "admin",
        displayName: "Administrator",
        isAdmin: true,
      });
      admin = { username: "admin", oneTimePassword: created.oneTimePassword ?? "" };
      adminId = created.user.id;
    }
    const existing = await trx
      .selectFrom("operations")
      .select("id")
      .where("is_training", "=", true)
      .executeTakeFirst();
    if (existing) return { admin, trainingOperationId: existing.id };

    const operation = await createOperation(trx, null, {
      name: "Training range",
      mode: "identify",
      isTraining: true,
      authorization: {
        issuingAuthority: "Sweetie training (no real investigation)",
        reference: "TRAINING-ONLY",
        partnerUnit: "None: practice only, nothing is referred",
        permittedVenues: [TRAINING_VENUE],
        personaAge: 10,
        startsAt: now.toISOString(),
        endsAt: new Date(now.getTime() + 365 * 24 * 3_600_000).toISOString(),
      },
    });
    await trx
      .insertInto("personas")
      .values({
        operation_id: operation.id,
        name: "Training persona",
        age: 10,
        gender: "girl",
        location: "Cebu, Philippines",
        display_names: JSON.stringify(["maya_10"]),
      })
      .execute();
    await trx
      .insertInto("venues")
      .values({
        operation_id: operation.id,
        protocol: "training",
        name: "Training lobby",
        address: TRAINING_VENUE,
      })
      .execute();
    if (adminId) await upsertMembership(trx, operation.id, adminId, "admin");
    return { admin, trainingOperationId: operation.id };
  });
}

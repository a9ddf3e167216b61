import type { Agency } from "@sweetie/core/api/referralSchemas";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import type { AgencyRow } from "../db/tables/referrals";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

// The registry of receiving agencies: administration (system administrators), audited. A
// package goes only to an agency registered here (S4: nothing is ever published).

export interface AgencyFields {
  country: string;
  name: string;
  unit: string;
  contactChannel: string;
  contactPerson: string;
  /** Lower-case hex, or "" for none. */
  publicKey: string;
}

export function presentAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    country: row.country,
    name: row.name,
    unit: row.unit,
    contactChannel: row.contact_channel,
    contactPerson: row.contact_person,
    publicKey: row.public_key,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every registered agency (of one country when given), by country then name. */
export async function listAgencies(db: DbOrTrx, country?: string): Promise<AgencyRow[]> {
  return db
    .selectFrom("agencies")
    .selectAll()
    .$if(country !== undefined, (q) => q.where("country", "=", country!))
    .orderBy("country")
    .orderBy("name")
    .orderBy("unit")
    .execute();
}

export async function requireAgency(db: DbOrTrx, id: string): Promise<AgencyRow> {
  const row = await db.selectFrom("agencies").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("agency_not_found");
  return row;
}

const columns = (fields: AgencyFields) => ({
  country: fields.country,
  name: fields.name,
  unit: fields.unit,
  contact_channel: fields.contactChannel,
  contact_person: fields.contactPerson,
  public_key: fields.publicKey === "" ? null : fields.publicKey,
});

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23505";
}

async function sameAgencyExists(db: DbOrTrx, fields: AgencyFields, exceptId?: string) {
  const found = await db
    .selectFrom("agencies")
    .select("id")
    .where("country", "=", fields.country)
    .where("name", "=", fields.name)
    .where("unit", "=", fields.unit)
    .$if(exceptId !== undefined, (q) => q.where("id", "<>", exceptId!))
    .executeTakeFirst();
  return found !== undefined;
}

export async function createAgency(
  trx: DbOrTrx,
  actor: Actor,
  fields: AgencyFields,
): Promise<AgencyRow> {
  if (await sameAgencyExists(trx, fields)) throw new AppError("agency_exists");
  const row = await trx
    .insertInto("agencies")
    .values({ ...columns(fields), created_by: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new AppError("agency_exists", { cause: error }) : error;
    });
  await recordAudit(trx, actor, {
    action: "agency.create",
    targetType: "agency",
    targetId: row.id,
    details: { country: row.country, name: row.name, unit: row.unit, hasKey: !!row.public_key },
  });
  return row;
}

export async function updateAgency(
  trx: DbOrTrx,
  actor: Actor,
  id: string,
  fields: AgencyFields,
): Promise<AgencyRow> {
  const before = await requireAgency(trx, id);
  if (await sameAgencyExists(trx, fields, id)) throw new AppError("agency_exists");
  const row = await trx
    .updateTable("agencies")
    .set({ ...columns(fields), updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "agency.update",
    targetType: "agency",
    targetId: id,
    details: {
      before: presentAgency(before),
      after: presentAgency(row),
    },
  });
  return row;
}

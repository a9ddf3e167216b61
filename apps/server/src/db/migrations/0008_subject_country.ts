import { sql, type Kysely } from "kysely";

// The country an analyst confirmed for a subject (ISO 3166-1 alpha-2, upper case), null until one
// is confirmed. The reasons and the confirmation itself are ledger evidence kept by the
// identification workspace; this column is the current answer that lists, the dashboard's map and
// the referral builder read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table subjects add column country char(2)
      check (country is null or country ~ '^[A-Z]{2}$');
    create index subjects_country on subjects(operation_id, country);
  `.execute(db);
}

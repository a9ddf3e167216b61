import { sql, type Kysely } from "kysely";

// The language the persona's safe moves go out in, chosen per conversation (a counterpart who
// writes Taglish gets Taglish moves), so every operator on the team sends the same language.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table conversations add column move_language text not null default 'en'
      check (move_language in ('en', 'taglish'));
  `.execute(db);
}

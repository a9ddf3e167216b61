import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "./database";

/**
 * The rights of the role the server connects as (least privilege, issue 9). It owns nothing, so
 * it cannot ALTER a table (no DISABLE TRIGGER), and holds no TRUNCATE, TRIGGER or REFERENCES
 * right anywhere. Per table, the statements it may run; every table not listed gets SELECT,
 * INSERT, UPDATE and DELETE (operational state: sessions, users, counters...).
 *
 * - The ledger's entries and heads and the audit log: read and append only. A purge empties an
 *   entry through ledger_purge_entry (0009), which runs with the owner's rights.
 * - Evidence rows change only by being purged (deleted): no UPDATE on messages and events; a
 *   capture's bytes may be discarded; a conversation's opening facts (who initiated it, when,
 *   where, with which persona) cannot be updated, its working state can.
 */
const TABLE_RIGHTS: Record<string, { rights: string[]; fixedColumns?: string[] }> = {
  ledger_entries: { rights: ["select", "insert"] },
  ledger_heads: { rights: ["select", "insert"] },
  audit: { rights: ["select", "insert"] },
  kysely_migration: { rights: ["select"] },
  kysely_migration_lock: { rights: ["select"] },
  messages: { rights: ["select", "insert", "delete"] },
  events: { rights: ["select", "insert", "delete"] },
  conversation_reviews: { rights: ["select", "insert"] },
  subject_conversations: { rights: ["select", "insert"] },
  exposure_overrides: { rights: ["select", "insert"] },
  // The identification workspace (0016): recorded once; corrections are retractions.
  findings: { rights: ["select", "insert"] },
  observations: { rights: ["select", "insert"] },
  claims: { rights: ["select", "insert"] },
  claim_citations: { rights: ["select", "insert"] },
  claim_gradings: { rights: ["select", "insert"] },
  claim_signoffs: { rights: ["select", "insert"] },
  retractions: { rights: ["select", "insert"] },
  subject_merges: { rights: ["select", "insert"] },
  country_confirmations: { rights: ["select", "insert"] },
  // A purged capture's file leaves once nothing refers to it; verify re-hashes every file an
  // entry that is not purged names, so a file removed otherwise shows.
  blobs: { rights: ["select", "insert", "delete"] },
  // Referrals (0018): the lifecycle and agencies' cosignatures are recorded once.
  referral_steps: { rights: ["select", "insert"] },
  head_cosignatures: { rights: ["select", "insert"] },
  // Disclosure exports (0025): each finished export is recorded once.
  disclosure_exports: { rights: ["select", "insert"] },
  // Image comparisons (0027): an analyst's opinion, recorded once.
  image_comparisons: { rights: ["select", "insert"] },
  captures: { rights: ["select", "insert", "update (purged_at)"] },
  conversations: {
    rights: ["select", "insert", "delete"],
    fixedColumns: ["id", "operation_id", "initiator", "created_at", "venue_id", "persona_id"],
  },
};
const DEFAULT_RIGHTS = ["select", "insert", "update", "delete"];

/** The rights the server's role holds on `table` (for the README and the tests). */
export function serverRightsOn(table: string): string[] {
  return TABLE_RIGHTS[table]?.rights ?? DEFAULT_RIGHTS;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Grants `role` exactly the server's rights on every table of the schema as it is now (run
 * after each migration, so new tables are covered), revoking anything else it held. Run by the
 * owner of the tables (or a superuser).
 */
export async function grantServerRights(owner: Db, role: string): Promise<void> {
  const r = quote(role);
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
  `.execute(owner);
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
     where table_schema = 'public' order by table_name, ordinal_position
  `.execute(owner);
  const statements = [`grant usage on schema public to ${r}`];
  for (const { name } of tables) {
    const t = quote(name);
    statements.push(`revoke all on table ${t} from ${r}`);
    const spec = TABLE_RIGHTS[name];
    statements.push(`grant ${(spec?.rights ?? DEFAULT_RIGHTS).join(", ")} on table ${t} to ${r}`);
    if (spec?.fixedColumns) {
      const updatable = columns
        .filter((c) => c.table_name === name && !spec.fixedColumns!.includes(c.column_name))
        .map((c) => quote(c.column_name));
      if (updatable.length)
        statements.push(`grant update (${updatable.join(", ")}) on ${t} to ${r}`);
    }
  }
  statements.push(`grant usage, select on all sequences in schema public to ${r}`);
  statements.push(`grant execute on function ledger_purge_entry(uuid, text) to ${r}`);
  await owner.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}

/**
 * The server role's name when Sweetie creates it: per database, since role names are shared by
 * the whole cluster (many databases, e.g. one per test, each get their own). SWEETIE_APP_ROLE
 * overrides it.
 */
export function serverRoleName(database: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWEETIE_APP_ROLE) return env.SWEETIE_APP_ROLE;
  const plain = database.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const name = `${plain}_app`;
  if (name.length <= 63 && name === `${database}_app`) return name;
  return `sweetie_app_${createHash("sha256").update(database).digest("hex").slice(0, 16)}`;
}

/** Creates the role when missing (NOLOGIN on the embedded store, else LOGIN with `password`). */
export async function ensureServerRole(
  owner: Db,
  role: string,
  password: string | null,
): Promise<void> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_roles where rolname = ${role}`.execute(owner);
  const login = password === null ? "nologin" : `login password ${literal(password)}`;
  const options = `nosuperuser nocreatedb nocreaterole noinherit noreplication ${login}`;
  try {
    await sql
      .raw(`${rows[0]!.n === 0 ? "create" : "alter"} role ${quote(role)} ${options}`)
      .execute(owner);
  } catch (error) {
    // Two nodes starting at once both saw no role; the other created it first.
    if (!/already exists/.test((error as Error).message)) throw error;
    await sql.raw(`alter role ${quote(role)} ${options}`).execute(owner);
  }
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** What the connected role may do to roles and tables. */
export async function roleAbilities(
  db: Db,
): Promise<{ role: string; database: string; superuser: boolean; createRole: boolean }> {
  const { rows } = await sql<{
    role: string;
    database: string;
    superuser: boolean;
    create_role: boolean;
  }>`
    select current_user as role, current_database() as database, rolsuper as superuser,
           rolcreaterole as create_role
      from pg_roles where rolname = current_user`.execute(db);
  const row = rows[0]!;
  return {
    role: row.role,
    database: row.database,
    superuser: row.superuser,
    createRole: row.create_role,
  };
}

/** Tables, sequences and functions of the schema that `role` owns (the server's must be none). */
export async function objectsOwnedBy(db: Db, role: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and pg_get_userbyid(c.relowner) = ${role}
    union all
    select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and pg_get_userbyid(p.proowner) = ${role}`.execute(db);
  return rows.map((row) => row.name);
}

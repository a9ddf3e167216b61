import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { createPglitePool } from "./pgliteDriver";

export type StoreKind = "pglite" | "postgres";

/** Where the store lives: a PGlite data directory (embedded default) or a PostgreSQL URL. */
export type StoreConfig =
  | { kind: "pglite"; dataDir: string | undefined; loadDataDir?: Blob }
  | { kind: "postgres"; url: string; maxConnections?: number };

export type Db = Kysely<Database>;
/** Repositories and commands take either the database or a transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface Store {
  kind: StoreKind;
  db: Db;
  /** The PGlite instance when embedded (tests use it to dump a migrated template). */
  pglite?: PGlite;
  /** The PostgreSQL URL when not embedded (LISTEN/NOTIFY needs its own connection). */
  url?: string;
  /** The PGlite data directory when embedded on disk (in-memory test stores have none). */
  dataDir?: string;
  close(): Promise<void>;
}

// Same value types on both stores: int8 and numeric as JS numbers where they fit (counts,
// ledger indexes), timestamps as Date, json as parsed values.
const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (value: string) => Number(value);

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.maxConnections ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8 || oid === NUMERIC
            ? toNumber
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection can be cut by the server (restart, failover, an administrator). pg then
    // emits "error" on the pool; unhandled, that would end the whole process. The pool replaces
    // the connection on next use, so log it and carry on.
    pool.on("error", (error) => {
      console.error(
        `PostgreSQL closed an idle connection (${error.message}); it will be replaced.`,
      );
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kind: "postgres", db, url: config.url, close: () => db.destroy() };
  }
  if (config.dataDir) await mkdir(config.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPglitePool(pglite) }),
  });
  return {
    kind: "pglite",
    db,
    pglite,
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Reads the store from the environment: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: `${env.SWEETIE_DATA_DIR ?? "./data"}/pglite` };
}

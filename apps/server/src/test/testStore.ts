import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { openStore, type Store } from "../db/database";
import { serverRoleName } from "../db/serverRole";
import { postgresAdminUrl, postgresUrlFor } from "./postgresUrls";

/**
 * A fresh, migrated store for one test file, on the store this project runs against
 * (SWEETIE_TEST_STORE): a PGlite loaded from the run's dump, or a throw-away PostgreSQL database
 * cloned from the run's template. `close()` drops what it created.
 */
export async function openTestStore(): Promise<Store> {
  if ((process.env.SWEETIE_TEST_STORE ?? "pglite") === "pglite") {
    const dump = await readFile(inject("pgliteDumpPath"));
    return openStore({ kind: "pglite", dataDir: undefined, loadDataDir: new Blob([dump]) });
  }
  const name = `sweetie_t_${randomBytes(5).toString("hex")}`;
  await adminQuery(`create database ${name} template ${inject("postgresTemplate")}`);
  const store = await openStore({ kind: "postgres", url: postgresUrlFor(name) });
  return {
    ...store,
    async close() {
      await store.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
      // A server process started on this database (sweetie serve, a CLI verb) created its role.
      await adminQuery(`drop role if exists "${serverRoleName(name, {})}"`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

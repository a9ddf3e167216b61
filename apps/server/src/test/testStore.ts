import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { openStore, type Store } from "../db/database";
import { ensureServerRole, grantServerRights, serverRoleName } from "../db/serverRole";
import { EMBEDDED_SERVER_ROLE } from "../cli/store";
import { postgresAdminUrl, postgresUrlFor } from "./postgresUrls";

/**
 * A fresh, migrated store for one test file, on the store this project runs against
 * (SWEETIE_TEST_STORE): a PGlite loaded from the run's dump, or a throw-away PostgreSQL database
 * cloned from the run's template. `close()` drops what it created.
 */
export async function openTestStore(): Promise<Store> {
  // SWEETIE_TEST_AS_SERVER_ROLE=1: the store acts as the server's least-privileged role, as
  // `serve` does (to check that the server's code needs no more rights than it holds).
  const asServer = process.env.SWEETIE_TEST_AS_SERVER_ROLE === "1";
  if ((process.env.SWEETIE_TEST_STORE ?? "pglite") === "pglite") {
    const dump = await readFile(inject("pgliteDumpPath"));
    const store = await openStore({
      kind: "pglite",
      dataDir: undefined,
      loadDataDir: new Blob([dump]),
    });
    if (asServer) {
      await ensureServerRole(store.db, EMBEDDED_SERVER_ROLE, null);
      await grantServerRights(store.db, EMBEDDED_SERVER_ROLE);
      await sql.raw(`set role ${EMBEDDED_SERVER_ROLE}`).execute(store.db);
    }
    return store;
  }
  const name = `sweetie_t_${randomBytes(5).toString("hex")}`;
  await adminQuery(`create database ${name} template ${inject("postgresTemplate")}`);
  let url = postgresUrlFor(name);
  if (asServer) {
    const owner = await openStore({ kind: "postgres", url, maxConnections: 1 });
    const role = serverRoleName(name, {});
    await ensureServerRole(owner.db, role, "test");
    await grantServerRights(owner.db, role);
    await owner.close();
    const withRole = new URL(url);
    withRole.username = role;
    withRole.password = "test";
    url = withRole.toString();
  }
  const store = await openStore({ kind: "postgres", url });
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

import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import { openStore, storeConfigFromEnv, type Store } from "../db/database";
import { migrateToLatest } from "../db/migrator";
import {
  ensureServerRole,
  grantServerRights,
  objectsOwnedBy,
  roleAbilities,
  serverRoleName,
} from "../db/serverRole";
import { acquireStoreLock } from "./storeLock";

/** The store the server uses, and in words which database role it acts as and why. */
export type ServerStore = Store & { access: string };

/** The role the embedded store's session acts as after migrating (see openMigratedStore). */
export const EMBEDDED_SERVER_ROLE = "sweetie_server";

/**
 * Opens the configured store, brings it up to date with the owner's rights, and hands back a
 * store that acts as a role that owns nothing and holds only the server's rights
 * (db/serverRole.ts):
 *
 * - SWEETIE_MIGRATION_DATABASE_URL set (production, the DBA gives both): migrate with it, grant
 *   the server's rights to DATABASE_URL's role, connect with DATABASE_URL.
 * - Only DATABASE_URL, and its role may create roles (superuser, or owner with CREATEROLE):
 *   migrate with it, create (or update) the per-database server role, connect as that role. Its
 *   password is SWEETIE_APP_DATABASE_PASSWORD, else a random one kept in the data directory.
 * - Only DATABASE_URL, a role that cannot create roles: migrate and serve as that role, with a
 *   warning (it owns the tables, so it could rewrite history; the TRUNCATE guards still hold).
 * - The embedded store (PGlite, one process): take the data directory's lock (storeLock.ts: one
 *   process at a time, a stale lock is cleaned), migrate, then the session acts as a NOLOGIN role
 *   with the server's rights (SET ROLE), so the server's own statements are refused the same way.
 *
 * `command` is the verb opening the store, named in the lock and in what another process is told.
 */
export async function openMigratedStore(
  env: NodeJS.ProcessEnv = process.env,
  command = "serve",
): Promise<ServerStore> {
  const config = storeConfigFromEnv(env);
  if (config.kind === "pglite") {
    const dataDir = env.SWEETIE_DATA_DIR ?? "./data";
    await mkdir(dataDir, { recursive: true });
    const lock = await acquireStoreLock(dataDir, command);
    let store: Store;
    try {
      const opened = await openStore(config);
      store = {
        ...opened,
        async close() {
          try {
            await opened.close();
          } finally {
            await lock.release();
          }
        },
      };
    } catch (error) {
      await lock.release();
      throw error;
    }
    try {
      await migrateToLatest(store.db);
      await ensureServerRole(store.db, EMBEDDED_SERVER_ROLE, null);
      await grantServerRights(store.db, EMBEDDED_SERVER_ROLE);
      await sql.raw(`set role ${EMBEDDED_SERVER_ROLE}`).execute(store.db);
    } catch (error) {
      await store.close();
      throw error;
    }
    return {
      ...store,
      access: `embedded store, acting as role ${EMBEDDED_SERVER_ROLE} (owns nothing)`,
    };
  }

  const migrationUrl = env.SWEETIE_MIGRATION_DATABASE_URL;
  const owner = await openStore({
    kind: "postgres",
    url: migrationUrl ?? config.url,
    maxConnections: 2,
  });
  let serverUrl = config.url;
  let access: string;
  try {
    await migrateToLatest(owner.db);
    const abilities = await roleAbilities(owner.db);
    if (migrationUrl) {
      const role = await roleOf(config.url);
      if (role === abilities.role) {
        throw new Error(
          "DATABASE_URL and SWEETIE_MIGRATION_DATABASE_URL name the same role: give the server a role that owns nothing (see the README's configuration table)",
        );
      }
      await grantServerRights(owner.db, role);
      const owned = await objectsOwnedBy(owner.db, role);
      access = owned.length
        ? `role ${role}, WHICH OWNS ${owned.slice(0, 5).join(", ")}: reassign them to the owner`
        : `role ${role} (owns nothing; migrated as ${abilities.role})`;
    } else if (abilities.superuser || abilities.createRole) {
      const role = serverRoleName(abilities.database, env);
      const password = await serverRolePassword(env);
      await ensureServerRole(owner.db, role, password);
      await grantServerRights(owner.db, role);
      const url = new URL(config.url);
      url.username = role;
      url.password = password;
      serverUrl = url.toString();
      access = `role ${role} (owns nothing; created and migrated by ${abilities.role})`;
    } else if ((await objectsOwnedBy(owner.db, abilities.role)).length === 0) {
      // Already least-privileged (the DBA migrated, or another node did): nothing to grant.
      access = `role ${abilities.role} (owns nothing)`;
    } else {
      access = `role ${abilities.role}, WHICH OWNS THE TABLES: it could rewrite the evidence history. Give the server a role that owns nothing (SWEETIE_MIGRATION_DATABASE_URL, see the README)`;
      console.error(`warning: the server connects as ${access}`);
    }
  } finally {
    await owner.close();
  }
  const store = await openStore({ kind: "postgres", url: serverUrl });
  return { ...store, access };
}

async function roleOf(url: string): Promise<string> {
  const store = await openStore({ kind: "postgres", url, maxConnections: 1 });
  try {
    return (await roleAbilities(store.db)).role;
  } finally {
    await store.close();
  }
}

/** SWEETIE_APP_DATABASE_PASSWORD, else the one kept in the data directory (made once, 0600). */
async function serverRolePassword(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.SWEETIE_APP_DATABASE_PASSWORD) return env.SWEETIE_APP_DATABASE_PASSWORD;
  const dir = env.SWEETIE_DATA_DIR ?? "./data";
  const path = join(dir, "database-server-role-password");
  try {
    return (await readFile(path, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const password = randomBytes(24).toString("base64url");
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(path, `${password}\n`, { flag: "wx", mode: 0o600 });
    await chmod(path, 0o600);
    return password;
  } catch {
    return (await readFile(path, "utf8")).trim();
  }
}

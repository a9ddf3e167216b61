import { openStore, storeConfigFromEnv, type Store } from "../db/database";
import { migrateToLatest } from "../db/migrator";

/** Opens the configured store (DATABASE_URL or the PGlite data dir) and brings it up to date. */
export async function openMigratedStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const store = await openStore(storeConfigFromEnv(env));
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

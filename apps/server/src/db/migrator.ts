import { Migrator, type Migration, type MigrationProvider } from "kysely";
import type { Db } from "./database";
import { migrations } from "./migrations/index";

const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
};

/** Applies every pending forward-only migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Numbers are handed out to work in progress in blocks, so a lower number can land after a
  // higher one was applied (0018 after 0021); each migration stands alone, so apply it anyway.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

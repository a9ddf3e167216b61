import type { Command } from "commander";
import { openStore, storeConfigFromEnv } from "../db/database";
import { migrateToLatest } from "../db/migrator";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending database migrations")
    .action(async () => {
      const store = await openStore(storeConfigFromEnv());
      try {
        const applied = await migrateToLatest(store.db);
        console.log(
          applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.",
        );
      } finally {
        await store.close();
      }
    });
}

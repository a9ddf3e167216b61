import type { Command } from "commander";
import { openMigratedStore } from "./store";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description(
      "Apply pending database migrations (as the owner) and grant the server's role its rights",
    )
    .action(async () => {
      const store = await openMigratedStore(process.env, "migrate");
      try {
        console.log(`The database is up to date; the server connects as ${store.access}.`);
      } finally {
        await store.close();
      }
    });
}

import type { Command } from "commander";
import { buildApp } from "../app";
import { systemClock } from "../clock";
import { seedFirstRun } from "../commands/seed";
import { loadConfig } from "../config";
import { loadOrCreateLedgerSigner, startLedgerHeads } from "../ledger/ledgerHeads";
import { newToken } from "../accounts/tokens";
import { openMigratedStore } from "./store";
import { writeServerFile } from "./storeLock";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Migrate the store and serve the API and web console")
    .option("--seed", "on first start, create the first administrator and a training operation")
    .action(async (options: { seed?: boolean }) => {
      const config = loadConfig();
      const store = await openMigratedStore(process.env, "serve");
      // The embedded store is this process's alone: `sweetie user add` and `simulate` reach it
      // through the local API, with a token published in the data directory (cli/storeLock.ts).
      const localApiToken = store.kind === "pglite" ? newToken() : undefined;
      // One signer for the process: the head scheduler and package releases share its anchor.
      const signer = await loadOrCreateLedgerSigner(config.SWEETIE_DATA_DIR);
      const app = await buildApp({
        store,
        config,
        signer,
        logger: process.env.SWEETIE_LOG === "1",
        ...(localApiToken ? { localApiToken } : {}),
      });
      // Signs the evidence ledger's tree heads in the background (key created on first start).
      const ledgerHeads = await startLedgerHeads(
        store.db,
        config.SWEETIE_DATA_DIR,
        process.env,
        signer,
      );
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal} received: finishing requests and closing the store…`);
        await app.close();
        await ledgerHeads.stop();
        await store.close();
        process.exit(0);
      };
      process.on("SIGINT", () => void stop("SIGINT"));
      process.on("SIGTERM", () => void stop("SIGTERM"));

      if (options.seed) {
        const seeded = await seedFirstRun(store.db, systemClock.now());
        if (seeded.admin) {
          console.log(
            [
              "",
              "  First start: an administrator account was created.",
              `    username:           ${seeded.admin.username}`,
              `    one-time password:  ${seeded.admin.oneTimePassword}`,
              "  It is shown only this once. You will choose a new password at first sign-in.",
              "",
            ].join("\n"),
          );
        }
      }
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = app.server.address();
      const port = typeof address === "object" && address ? address.port : config.PORT;
      if (localApiToken) {
        await writeServerFile(config.SWEETIE_DATA_DIR, {
          pid: process.pid,
          url: `http://${config.HOST === "::1" ? "[::1]" : "127.0.0.1"}:${port}`,
          token: localApiToken,
        });
      }
      const shownHost = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
      console.log(
        `Sweetie is serving on http://${shownHost}:${port} (store: ${store.kind}, database ${store.access})`,
      );
    });
}

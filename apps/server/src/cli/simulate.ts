import type { Command } from "commander";
import { systemClock } from "../clock";
import { goPresent } from "../commands/goPresent";
import { openConsoleRuntime } from "../conversations/consoleRuntime";
import { findOperation } from "../db/repositories/operationsRepository";
import { findUserByUsername } from "../db/repositories/usersRepository";
import { openMigratedStore } from "./store";
import { UsageError } from "./usageError";

interface SimulateOptions {
  operation: string;
  counterparts: string;
  rate: string;
  venue: string;
  seconds: string;
  as: string;
  seed?: string;
}

/**
 * `sweetie simulate`: a training-range connector worker. It goes present in the venue (through
 * the authorization gate), keeps N synthetic counterparts talking at about R messages a second
 * and ingests them like any connector. On PostgreSQL every console connected to any server sees
 * the traffic live (LISTEN/NOTIFY); an embedded PGlite store cannot be shared with a running
 * server, so stop it first or use PostgreSQL.
 */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("Drive training-range traffic into an operation (demos, load, benchmarks)")
    .requiredOption("--operation <id>", "the operation (its authorization must permit the venue)")
    .requiredOption("--as <username>", "the operator recorded as putting the persona in the venue")
    .option("--counterparts <n>", "counterparts talking at once", "10")
    .option("--rate <r>", "messages per second across all counterparts", "5")
    .option("--venue <address>", "training-range room", "training://lobby")
    .option("--seconds <s>", "stop after this many seconds (0: run until Ctrl-C)", "0")
    .option("--seed <n>", "seed for reproducible counterparts")
    .action(async (options: SimulateOptions) => {
      const counterparts = Number(options.counterparts);
      const rate = Number(options.rate);
      const seconds = Number(options.seconds);
      if (!Number.isInteger(counterparts) || counterparts < 1)
        throw new UsageError("--counterparts must be a whole number ≥ 1");
      if (!(rate > 0))
        throw new UsageError("--rate must be a positive number of messages per second");
      if (!(seconds >= 0)) throw new UsageError("--seconds must be 0 or more");
      const store = await openMigratedStore();
      const runtime = await openConsoleRuntime({
        store,
        ...(options.seed ? { training: { seed: Number(options.seed) } } : {}),
      });
      try {
        const operation = await findOperation(store.db, options.operation);
        if (!operation) throw new UsageError(`no operation with id ${options.operation}`);
        const user = await findUserByUsername(store.db, options.as);
        if (!user) throw new UsageError(`no user named ${options.as}`);
        const actor = {
          userId: user.id,
          username: user.username,
          isAdmin: user.is_admin,
          ip: "cli",
        };
        const presence = await goPresent(
          store.db,
          {
            hub: runtime.hub,
            clock: systemClock,
            evidence: runtime.evidence,
            secrets: runtime.secrets,
          },
          { actor, operation, venueAddress: options.venue, displayName: "training persona" },
        );
        const range = runtime.hub.trainingRange(operation.id)!;
        let received = 0;
        range.onPrivateMessage(() => (received += 1));
        const stop = range.startTraffic({
          venueAddress: presence.venueAddress,
          counterparts,
          ratePerSecond: rate,
        });
        console.log(
          `Simulating ${counterparts} counterparts at about ${rate} msg/s in ${presence.venueAddress} (${store.kind}). Ctrl-C stops.`,
        );
        const started = Date.now();
        await new Promise<void>((resolve) => {
          const report = setInterval(() => {
            const elapsed = (Date.now() - started) / 1000;
            console.log(
              `  ${elapsed.toFixed(0)} s: ${received} messages received, ${received - runtime.queue.backlog} handed to ingest, backlog ${runtime.queue.backlog}, failed ${runtime.queue.failedCount}`,
            );
            if (seconds > 0 && elapsed >= seconds) finish();
          }, 1_000);
          const finish = () => {
            clearInterval(report);
            process.off("SIGINT", finish);
            stop();
            resolve();
          };
          process.on("SIGINT", finish);
        });
      } finally {
        await runtime.close();
        await store.close();
      }
    });
}

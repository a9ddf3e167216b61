import type { Command } from "commander";
import { systemClock } from "../clock";
import { startSimulation, type SimulationStats } from "../commands/simulation";
import { openConsoleRuntime } from "../conversations/consoleRuntime";
import { callLocal, serverHoldingStore } from "./localClient";
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
 * and ingests them like any connector. With a server running on the embedded store, the server
 * runs the traffic (the store is its own) and this command reports and stops it; on PostgreSQL
 * this process ingests and every console sees the traffic live (LISTEN/NOTIFY).
 */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("Drive training-range traffic into a training operation (demos, load, benchmarks)")
    .requiredOption("--operation <id>", "the operation (its authorization must permit the venue)")
    .requiredOption("--as <username>", "the operator recorded as putting the persona in the venue")
    .option("--counterparts <n>", "counterparts talking at once", "10")
    .option("--rate <r>", "messages per second across all counterparts", "5")
    .option("--venue <address>", "training-range room", "training://lobby")
    .option("--seconds <s>", "stop after this many seconds (0: run until Ctrl-C)", "0")
    .option("--seed <n>", "seed for reproducible counterparts (not through a running server)")
    .action(async (options: SimulateOptions) => {
      const counterparts = Number(options.counterparts);
      const rate = Number(options.rate);
      const seconds = Number(options.seconds);
      if (!Number.isInteger(counterparts) || counterparts < 1)
        throw new UsageError("--counterparts must be a whole number ≥ 1");
      if (!(rate > 0))
        throw new UsageError("--rate must be a positive number of messages per second");
      if (!(seconds >= 0)) throw new UsageError("--seconds must be 0 or more");
      const input = {
        operationId: options.operation,
        as: options.as,
        venueAddress: options.venue,
        counterparts,
        ratePerSecond: rate,
      };
      const server = await serverHoldingStore();
      if (server) {
        await simulateThroughServer(server, input, seconds);
        return;
      }
      const store = await openMigratedStore(process.env, "simulate");
      const runtime = await openConsoleRuntime({
        store,
        ...(options.seed ? { training: { seed: Number(options.seed) } } : {}),
      });
      try {
        const simulation = await startSimulation(store.db, { runtime, clock: systemClock }, input);
        console.log(
          `Simulating ${counterparts} counterparts at about ${rate} msg/s in ${simulation.venueAddress} (${store.kind}). Ctrl-C stops.`,
        );
        await reportUntilDone(
          seconds,
          async () => simulation.stats(),
          async () => {
            simulation.stop();
            await runtime.queue.drain();
            return simulation.stats();
          },
        );
      } finally {
        await runtime.close();
        await store.close();
      }
    });
}

async function simulateThroughServer(
  server: NonNullable<Awaited<ReturnType<typeof serverHoldingStore>>>,
  input: Record<string, unknown>,
  seconds: number,
): Promise<void> {
  const started = await callLocal<{ id: string; venueAddress: string }>(
    server,
    "POST",
    "/api/local/simulations",
    { ...input, seconds },
  );
  console.log(
    `Simulating ${String(input.counterparts)} counterparts at about ${String(input.ratePerSecond)} msg/s in ${started.venueAddress}, run by the server that holds the store (process ${server.pid}). Ctrl-C stops.`,
  );
  const path = `/api/local/simulations/${started.id}`;
  await reportUntilDone(
    seconds,
    () => callLocal<SimulationStats>(server, "GET", path),
    () => callLocal<SimulationStats>(server, "DELETE", path),
  );
}

/** Prints the figures every second until the time is up or Ctrl-C, then stops and prints the last. */
async function reportUntilDone(
  seconds: number,
  stats: () => Promise<SimulationStats>,
  stop: () => Promise<SimulationStats>,
): Promise<void> {
  const started = Date.now();
  const line = (s: SimulationStats, elapsed: number) =>
    `  ${elapsed.toFixed(0)} s: ${s.received} messages received, ${s.handedToIngest} handed to ingest, backlog ${s.backlog}, failed ${s.failed}`;
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(report);
      process.off("SIGINT", finish);
      stop()
        .then((last) => {
          console.log(`${line(last, (Date.now() - started) / 1000)} (stopped)`);
          resolve();
        })
        .catch(reject);
    };
    const report = setInterval(() => {
      const elapsed = (Date.now() - started) / 1000;
      if (seconds > 0 && elapsed >= seconds) return finish();
      stats()
        .then((s) => console.log(line(s, elapsed)))
        .catch((error: unknown) => {
          done = true;
          clearInterval(report);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    }, 1_000);
    process.on("SIGINT", finish);
  });
}

/**
 * `npm run bench -- ingest [pglite|postgres] [seconds-per-step]`: the whole ingest path under
 * rising load — training-range counterparts (connector) → detector → conversation protocol →
 * evidence ledger → database (group commit) → live event → WebSocket frame to a connected
 * console — on PGlite (fresh data directory) and on PostgreSQL (a throw-away database on
 * 127.0.0.1:5432, created and dropped here).
 *
 * First a 10 s warm-up at 500 msg/s (a fresh server compiles its code paths and PostgreSQL
 * analyzes tables growing from empty), shown but not counted. Then each step offers a rate for a
 * few seconds. Latency is measured per message from the moment the connector received it (its
 * stored timestamp) to the moment the client parsed the frame that carried it. Signed tree heads
 * are issued in the background as `serve` issues them. A step is sustained when the whole path
 * kept up: at least 95 % of the offered messages reached the client, p99 stayed under a second,
 * and what was still queued when the step ended was less than a quarter of a second of traffic
 * (a growing queue means the rate cannot be held, however good the step's percentiles look). The
 * load generator, server and client share one Node process and the machine's 2 cores, so the
 * figures are a floor.
 * Prints figures and writes bench/results/ingest.json.
 */
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import WebSocket from "ws";
import { generateSigningKey } from "@sweetie/core/ledger/index";
import { buildApp } from "../apps/server/src/app";
import { openStore, type Store } from "../apps/server/src/db/database";
import { migrateToLatest } from "../apps/server/src/db/migrator";
import { ledgerSigner } from "../apps/server/src/ledger/headAnchor";
import { defaultHeadPolicy, startHeadScheduler } from "../apps/server/src/ledger/headIssuer";
import { buildOperationWithTeam, buildUser } from "../apps/server/src/test/accounts";
import { percentile, signInAndGoPresent } from "./common/console";

const only = process.argv[2];
const stepSeconds = Number(process.argv[3] ?? 5);
const WARM_UP_SECONDS = 10;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const LOBBY = "training://lobby";
// Behaviours that talk without waiting for the persona, so the offered rate is the real rate.
const TALKERS = ["ignores_persona", "hostile_emoji_rtl", "hostile_markup", "hostile_invalid_utf8"];

interface Step {
  offeredPerSecond: number;
  counterparts: number;
  generated: number;
  delivered: number;
  deliveredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  backlogAtEnd: number;
  sustained: boolean;
}

interface StoreFigures {
  store: string;
  /** The first seconds after start, at 500 msg/s: shown, not counted. */
  warmUp: Step;
  steps: Step[];
  sustainedMessagesPerSecond: number;
  p99AtOrNear500Ms: number | null;
  near500OfferedPerSecond: number | null;
  ingestFailures: number;
}

async function openBenchStore(
  kind: "pglite" | "postgres",
): Promise<{ store: Store; dispose(): Promise<void> }> {
  if (kind === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "sweetie-bench-ingest-"));
    const store = await openStore({ kind: "pglite", dataDir: dir });
    await migrateToLatest(store.db);
    return {
      store,
      dispose: async () => (await store.close(), await rm(dir, { recursive: true, force: true })),
    };
  }
  const name = `sweetie_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: "postgres", url: url.toString(), maxConnections: 10 });
  await migrateToLatest(store.db);
  return {
    store,
    dispose: async () => {
      await store.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function run(kind: "pglite" | "postgres", rates: number[]): Promise<StoreFigures> {
  const { store, dispose } = await openBenchStore(kind);
  const app = await buildApp({ store });
  // Heads are signed in the background as `serve` does (every 256 entries or 10 s), so their
  // row lock on the ledger state competes with the appends as it does in production.
  const anchorDir = await mkdtemp(join(tmpdir(), "sweetie-bench-anchor-"));
  const heads = startHeadScheduler(
    store.db,
    ledgerSigner(generateSigningKey(), join(anchorDir, "anchor.json")),
    defaultHeadPolicy,
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const operator = await buildUser(store.db);
    const operation = await buildOperationWithTeam(store.db, {
      team: [{ userId: operator.id, role: "operator" }],
    });
    const { cookie } = await signInAndGoPresent(base, {
      username: operator.username,
      operationId: operation.id,
      venueAddress: LOBBY,
      displayName: "ana",
    });

    const socket = new WebSocket(
      `${base.replace("http", "ws")}/api/operations/${operation.id}/live`,
      { headers: { cookie } },
    );
    let latencies: number[] = [];
    let delivered = 0;
    socket.on("message", (data: Buffer) => {
      const arrived = Date.now();
      const frame = JSON.parse(data.toString("utf8")) as {
        type: string;
        messages?: { createdAt: string }[];
      };
      if (frame.type !== "messages") return;
      for (const message of frame.messages!) {
        latencies.push(arrived - Date.parse(message.createdAt));
        delivered += 1;
      }
    });
    await once(socket, "open");

    const range = app.consoleRuntime.hub.trainingRange(operation.id)!;
    let generated = 0;
    range.onPrivateMessage(() => (generated += 1));
    /** Offers `rate` messages a second for `seconds`, then waits for the tail to arrive. */
    async function measureStep(rate: number, seconds: number): Promise<Step> {
      const counterparts = Math.max(20, Math.round(rate / 10));
      latencies = [];
      delivered = 0;
      generated = 0;
      const stop = range.startTraffic({
        venueAddress: LOBBY,
        counterparts,
        ratePerSecond: rate,
        behaviourIds: TALKERS,
      });
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      stop();
      const backlogAtEnd = app.consoleRuntime.queue.backlog;
      // Let the tail arrive, so its latency counts too.
      const generatedInStep = generated;
      const drainDeadline = Date.now() + 30_000;
      while (delivered < generatedInStep && Date.now() < drainDeadline)
        await new Promise((r) => setTimeout(r, 20));
      const elapsed = (Date.now() - started) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      const offeredPerSecond = Math.round(generatedInStep / seconds);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return {
        offeredPerSecond,
        counterparts,
        generated: generatedInStep,
        delivered,
        deliveredPerSecond: Math.round(delivered / elapsed),
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted.at(-1) ?? 0,
        backlogAtEnd,
        // Sustained: everything offered arrived, p99 under a second, and no queue building up.
        sustained:
          delivered >= 0.95 * generatedInStep &&
          sorted.length > 0 &&
          percentile(sorted, 99) < 1_000 &&
          backlogAtEnd <= 0.25 * offeredPerSecond,
      };
    }

    const describe = (step: Step) =>
      `offered ${String(step.offeredPerSecond).padStart(6)} msg/s (${step.counterparts} counterparts) → delivered ${String(
        step.deliveredPerSecond,
      ).padStart(
        6,
      )} msg/s  p50 ${step.p50Ms} ms  p99 ${step.p99Ms} ms  max ${step.maxMs} ms  backlog ${step.backlogAtEnd}`;

    // A server that has just started compiles its code paths and PostgreSQL analyzes tables that
    // are growing from empty: the first seconds are slower than any later ones. They are run
    // first and shown, but not counted in the steps.
    const warmUp = await measureStep(500, WARM_UP_SECONDS);
    console.log(`  ${kind.padEnd(8)} warm-up ${describe(warmUp)}  (not counted)`);

    const steps: Step[] = [];
    for (const rate of rates) {
      const step = await measureStep(rate, stepSeconds);
      steps.push(step);
      console.log(
        `  ${kind.padEnd(8)} ${describe(step)}  ${step.sustained ? "sustained" : "NOT sustained"}`,
      );
      if (!step.sustained) break;
    }
    socket.close();
    const sustained = steps.filter((step) => step.sustained);
    // p99 "at 500 msg/s" only from a step that really offered 400–700 msg/s (none on a slow store).
    const near500 = steps.find(
      (step) => step.offeredPerSecond >= 400 && step.offeredPerSecond <= 700,
    );
    return {
      store: kind,
      warmUp,
      steps,
      sustainedMessagesPerSecond: Math.max(0, ...sustained.map((step) => step.offeredPerSecond)),
      p99AtOrNear500Ms: near500?.p99Ms ?? null,
      near500OfferedPerSecond: near500?.offeredPerSecond ?? null,
      ingestFailures: app.consoleRuntime.queue.failedCount,
    };
  } finally {
    await heads.stop();
    await app.close();
    await dispose();
    await rm(anchorDir, { recursive: true, force: true });
  }
}

const results: StoreFigures[] = [];
console.log(
  `ingest benchmark: ${stepSeconds} s per step, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`,
);
if (only !== "postgres")
  results.push(await run("pglite", [100, 250, 500, 1_000, 2_000, 4_000, 6_000, 8_000]));
if (only !== "pglite")
  results.push(
    await run(
      "postgres",
      [250, 500, 1_000, 2_000, 4_000, 6_000, 7_000, 8_000, 9_000, 10_000, 12_000],
    ),
  );
for (const figures of results) {
  console.log(
    `${figures.store}: sustained ${figures.sustainedMessagesPerSecond} msg/s; p99 at ~500 msg/s: ${figures.p99AtOrNear500Ms} ms; failed ingests: ${figures.ingestFailures}`,
  );
}
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/ingest.json",
  JSON.stringify(
    { at: new Date().toISOString(), stepSeconds, cores: cpus().length, load: loadavg(), results },
    null,
    2,
  ),
);

/**
 * `npm run fuzz -- --requests 100000 [--postgres] [--concurrency 8] [--seed 1]`: the
 * OpenAPI-driven fuzzer at length, over HTTP on loopback, against a fresh migrated store served
 * as the server's own least-privileged role. Prints the status histogram and writes it, with
 * every failure (a 500, or an error that is not problem+json), to bench/results/fuzz.json.
 * Exits 1 when anything failed. `--max-seconds N` stops early and reports the count it reached.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import pg from "pg";
import { buildApp } from "../../app";
import { openMigratedStore } from "../../cli/store";
import { defaultConfig } from "../../config";
import { serverRoleName } from "../../db/serverRole";
import { postgresAdminUrl, postgresUrlFor } from "../postgresUrls";
import {
  buildFuzzWorld,
  FuzzTally,
  operationsOf,
  requestArbitrary,
  type FuzzRequest,
  type FuzzResponse,
} from "./openApiFuzzer";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    concurrency: { type: "string", default: "8" },
    postgres: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    /** Stop after this long even if fewer requests were sent (the count is reported). */
    "max-seconds": { type: "string", default: "0" },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);
const maxSeconds = Number(values["max-seconds"]);

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const database = `sweetie_fuzz_${randomBytes(4).toString("hex")}`;
const dataDir = await mkdtemp(join(tmpdir(), "sweetie-fuzz-"));
if (values.postgres) await admin(`create database ${database}`);
const store = await openMigratedStore(
  values.postgres
    ? { DATABASE_URL: postgresUrlFor(database), SWEETIE_DATA_DIR: dataDir }
    : { SWEETIE_DATA_DIR: dataDir },
);
const app = await buildApp({
  store,
  // The run fails sign-ins on purpose many times from one address, and signs a fresh team in
  // for every batch: the address and server-wide limits would soon refuse the team itself. The
  // per-account limit stays as it is; the limiter has its own tests.
  config: {
    ...defaultConfig,
    SWEETIE_DATA_DIR: dataDir,
    SWEETIE_LOGIN_ADDRESS_ATTEMPTS: 1_000_000,
    SWEETIE_LOGIN_GLOBAL_ATTEMPTS: 1_000_000,
  },
});
await app.listen({ port: 0, host: "127.0.0.1" });
const { port } = app.server.address() as AddressInfo;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(request: FuzzRequest): Promise<FuzzResponse> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.payload !== undefined)
      headers["content-length"] = Buffer.byteLength(request.payload);
    const outgoing = httpRequest(
      { host: "127.0.0.1", port, method: request.method, path: request.url, headers, agent },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    // A request Node's client refuses to send (an invalid header value) is not an answer.
    outgoing.on("error", (error) => resolve({ status: 0, headers: {}, body: String(error) }));
    if (request.payload !== undefined) outgoing.write(request.payload);
    outgoing.end();
  });
}

const started = Date.now();
const tally = new FuzzTally();
let clientRefused = 0;
let worlds = 0;
try {
  const document = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json<
    Parameters<typeof operationsOf>[0]
  >();
  const operations = operationsOf(document);
  const batch = 2_000;
  let sent = 0;
  let lastReport = Date.now();
  const inTime = () => maxSeconds <= 0 || Date.now() - started < maxSeconds * 1000;
  while (sent < total && inTime()) {
    // A fresh team each batch: a batch may end its own sessions (an admin disables a member,
    // resets a password, closes the operation), and the next must still test every role.
    const world = await buildFuzzWorld(app, store.db);
    worlds += 1;
    const requests = fc.sample(requestArbitrary(operations, world), {
      numRuns: Math.min(batch, total - sent),
      seed: seed + sent,
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests.length) {
          const request = requests[next++]!;
          const response = await send(request);
          if (response.status === 0) clientRefused += 1;
          else tally.add(request, response);
        }
      }),
    );
    sent += requests.length;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      console.log(
        `${sent} requests, ${Math.round((Date.now() - started) / 1000)} s, statuses ${JSON.stringify(tally.statuses)}`,
      );
    }
  }
} finally {
  await app.close();
  agent.destroy();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
  if (values.postgres) {
    await admin(`drop database if exists ${database} with (force)`);
    await admin(`drop role if exists "${serverRoleName(database, {})}"`);
  }
}

const seconds = (Date.now() - started) / 1000;
const result = {
  store: values.postgres ? "postgres" : "pglite",
  requestsAsked: total,
  requests: tally.requests,
  clientRefused,
  concurrency,
  seed,
  teamsBuilt: worlds,
  seconds: Math.round(seconds),
  requestsPerSecond: Math.round(tally.requests / seconds),
  status500: tally.statuses["500"] ?? 0,
  failures: tally.failureCount,
  statuses: tally.statuses,
  byCaller: tally.byCaller,
  byOperation: tally.byOperation,
  firstFailures: tally.failures.slice(0, 20),
  loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
  cpus: cpus().length,
  at: new Date().toISOString(),
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/fuzz.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `fuzz: ${result.requests} requests on ${result.store} in ${result.seconds} s (${result.requestsPerSecond}/s), ` +
    `${result.status500} answers 500, ${result.failures} failures; statuses ${JSON.stringify(result.statuses)}; load ${result.loadAverage.join(" ")}`,
);
process.exit(result.failures > 0 ? 1 : 0);

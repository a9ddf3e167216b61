/**
 * `npm run bench -- ledger [messages] [pglite|postgres]`: evidence ledger append throughput on
 * PGlite (a fresh data directory, the embedded default) and on PostgreSQL (a throw-away
 * database on 127.0.0.1:5432, created and dropped here).
 *
 * The same message rows (ids, times, text, bytes) are written four ways, in the same run and the
 * same database:
 *   baseline     plain batched INSERTs of the messages (100, then 500 rows a transaction), by
 *                the same statement the ledger path inserts them with (insertMessageRows)
 *   ledger       insertMessagesWithEvidence: the same INSERT plus every message's entry in the
 *                same transaction (lock, hash while the INSERT runs, one entries statement) —
 *                the path ingest uses
 *   by reference the same INSERT, then appendEvidenceBatch reading the rows back (the generic
 *                path events and decisions use)
 *   single       one message and its entry per transaction (interactive writes)
 * and the ratio ledger / baseline is reported (target ≥ 0.5 on PostgreSQL). The three batched
 * kinds of transaction alternate one by one and each sums its own time, so all see the same
 * machine load (the machine is shared). Finally the whole ledger is verified.
 * Prints figures and writes bench/results/ledger.json.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type Store } from "../apps/server/src/db/database";
import { migrateToLatest } from "../apps/server/src/db/migrator";
import { appendEvidenceBatch } from "../apps/server/src/ledger/evidenceAppender";
import { timeOrderedId } from "../apps/server/src/db/timeOrderedId";
import {
  insertMessageRows,
  insertMessagesWithEvidence,
  type MessageToRecord,
} from "../apps/server/src/ledger/messageEvidenceWriter";
import { verifyLedger } from "../apps/server/src/ledger/ledgerVerifier";
import { ledgerSigner } from "../apps/server/src/ledger/headAnchor";
import { issueTreeHead } from "../apps/server/src/ledger/headIssuer";
import { generateSigningKey } from "@sweetie/core/ledger/index";
import { buildConversation, buildOperation } from "../apps/server/src/test/factories";

const total = Number(process.argv[2] ?? 20_000);
/** Optional third argument: only "pglite" or only "postgres". */
const only = process.argv[3];
/** Rows a transaction: 100, and 500 (the ingest queue's largest group commit). */
const BATCHES = [100, 500];
/** Rounds of alternating baseline/ledger transactions (each round's ratio is reported too). */
const ROUNDS = 3;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface BatchFigures {
  batchSize: number;
  baselineRowsPerSecond: number;
  ledgerAppendsPerSecond: number;
  ratio: number;
  /** Ledger / baseline of each round, in order (the spread shows the noise). */
  roundRatios: number[];
  /** The same rows inserted, then appended by reference (appendEvidenceBatch reads them back). */
  byReferenceAppendsPerSecond: number;
  byReferenceRatio: number;
}

interface Figures {
  store: string;
  messages: number;
  batches: BatchFigures[];
  singleAppendsPerSecond: number;
  singleAppends: number;
  verifyEntriesPerSecond: number;
  verifiedEntries: number;
}

const lines = [
  "hi, asl?",
  "where r u from",
  "do you have a cam",
  "how old are you",
  "i can send load if you show on cam",
  "brb",
  "what school do you go to",
];

function messageRows(
  operationId: string,
  conversationId: string,
  from: number,
  count: number,
): MessageToRecord[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const body = `${lines[(from + i) % lines.length]} ${from + i}`;
    return {
      operation_id: operationId,
      conversation_id: conversationId,
      seq: from + i + 1,
      direction: "in" as const,
      body,
      body_bytes: new TextEncoder().encode(body),
      sent_by: null,
      move_id: null,
      move_library_version: null,
      indicators: "[]",
      created_at: now,
    };
  });
}

/** The rows with ids made as the ledger path makes them (time-ordered), for plain INSERTs. */
const withIds = (rows: MessageToRecord[]) => rows.map((row) => ({ ...row, id: timeOrderedId() }));

interface Target {
  operationId: string;
  conversationId: string;
}

async function target(store: Store): Promise<Target> {
  const operation = await buildOperation(store.db);
  const conversation = await buildConversation(store.db, { operation_id: operation.id });
  return { operationId: operation.id, conversationId: conversation.id };
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** `count` messages, one message and its entry a transaction. */
async function singleAppends(store: Store, count: number): Promise<number> {
  const { operationId, conversationId } = await target(store);
  const seconds = await timed(async () => {
    for (let done = 0; done < count; done++) {
      await store.db.transaction().execute(async (trx) => {
        await insertMessagesWithEvidence(trx, messageRows(operationId, conversationId, done, 1));
      });
    }
  });
  return count / seconds;
}

/** One transaction of `batch` plain message INSERTs. */
async function baselineTransaction(store: Store, t: Target, from: number, batch: number) {
  await store.db.transaction().execute(async (trx) => {
    await insertMessageRows(
      trx,
      withIds(messageRows(t.operationId, t.conversationId, from, batch)),
    );
  });
}

/** The same INSERTs plus their ledger entries, in one transaction (the ingest path). */
async function ledgerTransaction(store: Store, t: Target, from: number, batch: number) {
  await store.db.transaction().execute(async (trx) => {
    await insertMessagesWithEvidence(
      trx,
      messageRows(t.operationId, t.conversationId, from, batch),
    );
  });
}

/** The same INSERTs, then appendEvidenceBatch by reference (reads the rows back). */
async function byReferenceTransaction(store: Store, t: Target, from: number, batch: number) {
  await store.db.transaction().execute(async (trx) => {
    const inserted = withIds(messageRows(t.operationId, t.conversationId, from, batch));
    await insertMessageRows(trx, inserted);
    await appendEvidenceBatch(
      trx,
      inserted.map((m) => ({
        operationId: t.operationId,
        kind: "message" as const,
        source: { table: "messages", id: m.id },
      })),
    );
  });
}

// The machine is shared, so load changes from second to second. Baseline and ledger
// transactions therefore alternate one by one and each side sums its own time: both see the
// same conditions, and the ratio is far steadier than comparing two separate runs.
async function measureBatch(store: Store, messages: number, batch: number): Promise<BatchFigures> {
  const baseTarget = await target(store);
  const ledgerTarget = await target(store);
  const byReferenceTarget = await target(store);
  for (let i = 0; i < 3; i++) {
    await baselineTransaction(store, baseTarget, i * batch, batch); // warm-up
    await ledgerTransaction(store, ledgerTarget, i * batch, batch);
    await byReferenceTransaction(store, byReferenceTarget, i * batch, batch);
  }
  let baseSeconds = 0;
  let ledgerSeconds = 0;
  let byReferenceSeconds = 0;
  const perRound: number[] = [];
  const rounds = ROUNDS;
  const perRoundRows = Math.ceil(messages / batch / rounds) * batch;
  for (let round = 0, from = 3 * batch; round < rounds; round++) {
    let roundBase = 0;
    let roundLedger = 0;
    for (let done = 0; done < perRoundRows; done += batch, from += batch) {
      roundBase += await timed(() => baselineTransaction(store, baseTarget, from, batch));
      roundLedger += await timed(() => ledgerTransaction(store, ledgerTarget, from, batch));
      byReferenceSeconds += await timed(() =>
        byReferenceTransaction(store, byReferenceTarget, from, batch),
      );
    }
    baseSeconds += roundBase;
    ledgerSeconds += roundLedger;
    perRound.push(Number((roundBase / roundLedger).toFixed(3)));
  }
  const rows = perRoundRows * rounds;
  return {
    batchSize: batch,
    baselineRowsPerSecond: Math.round(rows / baseSeconds),
    ledgerAppendsPerSecond: Math.round(rows / ledgerSeconds),
    ratio: Number((baseSeconds / ledgerSeconds).toFixed(3)),
    roundRatios: perRound,
    byReferenceAppendsPerSecond: Math.round(rows / byReferenceSeconds),
    byReferenceRatio: Number((baseSeconds / byReferenceSeconds).toFixed(3)),
  };
}

async function measure(store: Store, label: string, messages: number): Promise<Figures> {
  const batches: BatchFigures[] = [];
  for (const batch of BATCHES) batches.push(await measureBatch(store, messages, batch));
  const singles = Math.min(2000, Math.floor(messages / 5));
  const single = await singleAppends(store, singles);
  // verify needs a signed head per operation (as serve signs them); not part of the timing.
  const anchorDir = await mkdtemp(join(tmpdir(), "sweetie-bench-anchor-"));
  const signer = ledgerSigner(generateSigningKey(), join(anchorDir, "anchor.json"));
  const operations = await store.db.selectFrom("ledger_state").select("operation_id").execute();
  for (const { operation_id } of operations) await issueTreeHead(store.db, signer, operation_id);
  await rm(anchorDir, { recursive: true, force: true });
  let verified = 0;
  const verifySeconds = await timed(async () => {
    const result = await verifyLedger(store.db);
    if (!result.ok)
      throw new Error(`the benchmark's ledger does not verify: ${result.problem?.message}`);
    verified = result.operations.reduce((n, o) => n + o.entries, 0);
  });
  return {
    store: label,
    messages,
    batches,
    singleAppendsPerSecond: Math.round(single),
    singleAppends: singles,
    verifyEntriesPerSecond: Math.round(verified / verifySeconds),
    verifiedEntries: verified,
  };
}

async function onPglite(messages: number): Promise<Figures> {
  const dir = await mkdtemp(join(tmpdir(), "sweetie-bench-ledger-"));
  const store = await openStore({ kind: "pglite", dataDir: join(dir, "pglite") });
  try {
    await migrateToLatest(store.db);
    return await measure(store, "pglite (data directory)", messages);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function onPostgres(messages: number): Promise<Figures> {
  const name = `sweetie_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: "postgres", url: url.toString() });
  try {
    await migrateToLatest(store.db);
    return await measure(store, "postgresql", messages);
  } finally {
    await store.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function print(f: Figures) {
  console.log(`\n${f.store}: ${f.messages} messages`);
  for (const b of f.batches) {
    console.log(`  ${b.batchSize} a transaction`);
    console.log(
      `    baseline batched INSERT  ${b.baselineRowsPerSecond.toLocaleString("en")} rows/s`,
    );
    console.log(
      `    with ledger appends      ${b.ledgerAppendsPerSecond.toLocaleString("en")} appends/s`,
    );
    console.log(`    ratio ledger / baseline  ${b.ratio} (rounds: ${b.roundRatios.join(", ")})`);
    console.log(
      `    by reference             ${b.byReferenceAppendsPerSecond.toLocaleString("en")} appends/s, ratio ${b.byReferenceRatio}`,
    );
  }
  console.log(
    `  one append a transaction  ${f.singleAppendsPerSecond.toLocaleString("en")} appends/s (${f.singleAppends})`,
  );
  console.log(
    `  verify                    ${f.verifyEntriesPerSecond.toLocaleString("en")} entries/s (${f.verifiedEntries})`,
  );
}

const pgliteMessages = Math.min(total, 10_000);
console.log("Ledger append benchmark");
const results: Figures[] = [];
if (only !== "postgres") {
  results.push(await onPglite(pgliteMessages));
  print(results.at(-1)!);
}
if (only !== "pglite") {
  results.push(await onPostgres(total));
  print(results.at(-1)!);
}

mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/ledger.json",
  `${JSON.stringify(
    {
      benchmark: "ledger",
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
      targetRatioPostgres: 0.5,
      results,
    },
    null,
    2,
  )}\n`,
);
console.log("\nwrote bench/results/ledger.json");

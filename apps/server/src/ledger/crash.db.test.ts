import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../db/database";
import { openTestStore } from "../test/testStore";
import { verifyLedger } from "./ledgerVerifier";
import { signEveryLedger } from "../test/testSigner";

// Kill -9 the process that appends while clients are appending; after a restart, every append
// the server acknowledged must be there (row and entry) and the ledger must verify. On PGlite
// this tests the embedded default's durability with a real data directory.
const usePglite = (process.env.SWEETIE_TEST_STORE ?? "pglite") === "pglite";
const repoRoot = resolve(import.meta.dirname, "../../../..");
const serverScript = "apps/server/src/test/ledgerAppendServer.ts";
const CLIENTS = 4;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", serverScript], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolvePort, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      const { port } = JSON.parse(line) as { port: number };
      resolvePort({ child, base: `http://127.0.0.1:${port}` });
    });
    child.once("exit", (code) => reject(new Error(`append server exited early (${code})`)));
  });
}

async function post<T>(base: string, path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r()),
  );
}

describe(`crash safety on ${usePglite ? "PGlite (data directory)" : "PostgreSQL"}`, () => {
  it("keeps every acknowledged append through a SIGKILL mid-append, and the ledger verifies", async () => {
    let env: NodeJS.ProcessEnv;
    let openAfter: () => Promise<Store>;
    if (usePglite) {
      const dataDir = await mkdtemp(join(tmpdir(), "sweetie-crash-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const env0 = { ...process.env };
      delete env0.DATABASE_URL;
      env = { ...env0, SWEETIE_DATA_DIR: dataDir };
      openAfter = () => openStore({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    } else {
      const store = await openTestStore(); // a throw-away database; the server uses it too
      cleanups.push(() => store.close());
      env = { DATABASE_URL: store.url! };
      openAfter = async () => ({ ...store, close: async () => undefined });
    }

    let { child, base } = await startServer(env);
    const { operationId, conversationId } = await post<{
      operationId: string;
      conversationId: string;
    }>(base, "/setup");
    const acked: { messageId: string; entryId: string; index: number }[] = [];
    let seq = 0;
    let killed = false;
    const client = async () => {
      while (!killed) {
        try {
          acked.push(
            await post(base, "/append", {
              operationId,
              conversationId,
              seq: ++seq,
              body: `message ${seq}`,
            }),
          );
        } catch {
          return; // the server died under this request: not acknowledged
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    // Kill once a fair number of appends went through, while the clients keep appending.
    while (acked.length < 60) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    child.kill("SIGKILL");
    await Promise.all(clients);
    await exited(child);
    const ackedAtKill = acked.length;

    // Restart on the same data and append a little more: the stored frontier must still be right.
    ({ child, base } = await startServer(env));
    for (let i = 0; i < 5; i++) {
      acked.push(
        await post(base, "/append", {
          operationId,
          conversationId,
          seq: 10_000 + i,
          body: `after restart ${i}`,
        }),
      );
    }
    child.kill("SIGTERM");
    await exited(child);

    const store = await openAfter();
    try {
      const entries = await store.db
        .selectFrom("ledger_entries")
        .select(["id", "idx", "source_id"])
        .where("operation_id", "=", operationId)
        .orderBy("idx")
        .execute();
      const messages = await store.db
        .selectFrom("messages")
        .select("id")
        .where("operation_id", "=", operationId)
        .execute();
      const entryIds = new Set(entries.map((e) => e.id));
      const missing = acked.filter((a) => !entryIds.has(a.entryId));
      expect(missing).toEqual([]);
      expect(entries.map((e) => e.idx)).toEqual(entries.map((_, i) => i));
      // No entry without its row and no row without its entry.
      expect(new Set(entries.map((e) => e.source_id))).toEqual(new Set(messages.map((m) => m.id)));
      await signEveryLedger(store.db);
      const result = await verifyLedger(store.db, { operationId });
      expect(result.problem).toBeNull();
      console.info(
        `crash test (${usePglite ? "PGlite" : "PostgreSQL"}): ${ackedAtKill} acknowledged before SIGKILL, ${entries.length} entries after restart, all acknowledged present, ledger verifies`,
      );
    } finally {
      await store.close();
    }
  }, 240_000);
});

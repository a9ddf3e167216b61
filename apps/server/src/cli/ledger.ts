import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { z } from "zod";
import { openStore, storeConfigFromEnv, type Store } from "../db/database";
import { migrateToLatest } from "../db/migrator";
import { buildEvidenceProof } from "../ledger/evidenceProofBuilder";
import { issueTreeHead } from "../ledger/headIssuer";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { loadOrCreateSigningKey, loadSigningKey } from "../ledger/signingKey";
import { UsageError } from "./usageError";
import { toHex, type SigningKey } from "@sweetie/core/ledger/index";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stderr is a terminal (progress bar on). */
  isTTY: boolean;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

// Runs longer than this many entries get a progress bar even when stderr is not a terminal.
const LONG_RUN = 100_000;

/**
 * `sweetie ledger verify`: 0 when every entry, head and state row holds, 1 naming the first
 * entry that does not. Trusts the local signing key when there is one, else --trusted-key.
 */
export async function runLedgerVerify(
  store: Store,
  options: { operationId?: string; trustedKeys?: string[]; localKey?: SigningKey | null },
  io: CliIo = processIo,
): Promise<number> {
  const trustedKeys = options.trustedKeys?.length
    ? options.trustedKeys
    : options.localKey
      ? [toHex(options.localKey.publicKey)]
      : undefined;
  if (!trustedKeys) {
    io.err(
      "note: no signing key configured and no --trusted-key: head signatures are checked against the keys they carry",
    );
  }
  let bar: SingleBar | null = null;
  const result = await verifyLedger(store.db, {
    ...(options.operationId ? { operationId: options.operationId } : {}),
    ...(trustedKeys ? { trustedKeys } : {}),
    onProgress(done, total) {
      if (!bar && (io.isTTY || total >= LONG_RUN)) {
        bar = new SingleBar({
          stream: process.stderr,
          format: "verifying ledger [{bar}] {value}/{total} entries",
          noTTYOutput: !io.isTTY,
          notTTYSchedule: 5000,
        });
        bar.start(total, 0);
      }
      bar?.update(done);
    },
  });
  (bar as SingleBar | null)?.stop();
  if (!result.ok && result.problem) {
    const p = result.problem;
    io.err(`ledger verification FAILED in operation ${p.operationId}`);
    if (p.entryId) io.err(`  entry: ${p.entryId}${p.index !== null ? ` (#${p.index})` : ""}`);
    io.err(`  ${p.message}`);
    return 1;
  }
  const entries = result.operations.reduce((n, o) => n + o.entries, 0);
  const heads = result.operations.reduce((n, o) => n + o.heads, 0);
  io.out(
    `ledger verified: ${result.operations.length} operation(s), ${entries} entries, ${heads} signed heads`,
  );
  return 0;
}

/** `sweetie ledger proof <entry-id>`: the entry, its inclusion proof and signed head as JSON. */
export async function runLedgerProof(
  store: Store,
  entryId: string,
  key: SigningKey | null,
  io: CliIo = processIo,
): Promise<number> {
  const proof = await buildEvidenceProof(store.db, entryId, key);
  io.out(JSON.stringify(proof, null, 2));
  return 0;
}

function dataDir(): string {
  return process.env.SWEETIE_DATA_DIR ?? "./data";
}

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeConfigFromEnv());
  try {
    await migrateToLatest(store.db);
    return await run(store);
  } finally {
    await store.close();
  }
}

export function registerLedger(program: Command): void {
  const ledger = program.command("ledger").description("Check and prove the evidence ledger");
  ledger
    .command("verify")
    .description("Recompute every entry from the stored rows and check the tree and signed heads")
    .option("--operation <id>", "only this operation")
    .option("--trusted-key <hex...>", "Ed25519 public keys (hex) whose heads are accepted")
    .action(async (options: { operation?: string; trustedKey?: string[] }) => {
      if (options.operation && !z.uuid().safeParse(options.operation).success) {
        throw new UsageError(`"${options.operation}" is not an operation id (a UUID).`);
      }
      for (const key of options.trustedKey ?? []) {
        if (!/^[0-9a-fA-F]{64}$/.test(key)) {
          throw new UsageError(
            `--trusted-key ${key}: give an Ed25519 public key as 64 hex characters.`,
          );
        }
      }
      const localKey = await loadSigningKey(dataDir());
      process.exitCode = await withStore((store) =>
        runLedgerVerify(store, {
          ...(options.operation ? { operationId: options.operation } : {}),
          ...(options.trustedKey ? { trustedKeys: options.trustedKey } : {}),
          localKey,
        }),
      );
    });
  ledger
    .command("proof <entry-id>")
    .description("Print an entry's inclusion proof with its signed head, as JSON")
    .action(async (entryId: string) => {
      if (!z.uuid().safeParse(entryId).success) {
        throw new UsageError(`"${entryId}" is not a ledger entry id (a UUID).`);
      }
      const key = await loadOrCreateSigningKey(dataDir());
      process.exitCode = await withStore((store) => runLedgerProof(store, entryId, key));
    });
  ledger
    .command("head")
    .description("Issue a signed tree head for an operation now, and print it as JSON")
    .requiredOption("--operation <id>", "the operation")
    .action(async (options: { operation: string }) => {
      const key = await loadOrCreateSigningKey(dataDir());
      await withStore(async (store) => {
        console.log(JSON.stringify(await issueTreeHead(store.db, key, options.operation), null, 2));
      });
    });
}

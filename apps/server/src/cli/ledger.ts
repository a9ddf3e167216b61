import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { z } from "zod";
import { readFile, writeFile } from "node:fs/promises";
import {
  buildCheckpoint,
  parseCheckpoint,
  signedTreeHeadSchema,
  toHex,
  verifyHead,
  type Checkpoint,
  type SignedTreeHead,
  type SigningKey,
} from "@sweetie/core/ledger/index";
import type { Store } from "../db/database";
import { buildEvidenceProof } from "../ledger/evidenceProofBuilder";
import type { LedgerSigner } from "../ledger/headAnchor";
import { headFromRow, issueTreeHead } from "../ledger/headIssuer";
import { loadOrCreateLedgerSigner } from "../ledger/ledgerHeads";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { blobStoreFor, blobStoreSetting } from "../blobs/deploymentBlobStore";
import { loadSigningKey } from "../ledger/signingKey";
import { openMigratedStore } from "./store";
import { UsageError } from "./usageError";

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
  options: {
    operationId?: string;
    trustedKeys?: string[];
    localKey?: SigningKey | null;
    /** Heads from a checkpoint file: the stored log must extend each. */
    trustedHeads?: SignedTreeHead[];
  },
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
    // Findings' files are re-hashed from the deployment's own blob store.
    blobs: blobStoreFor(store, {
      SWEETIE_BLOB_STORE: blobStoreSetting(process.env.SWEETIE_BLOB_STORE),
      SWEETIE_DATA_DIR: dataDir(),
    }),
    ...(options.operationId ? { operationId: options.operationId } : {}),
    ...(trustedKeys ? { trustedKeys } : {}),
    ...(options.trustedHeads ? { trustedHeads: options.trustedHeads } : {}),
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
  const unsigned = result.operations.reduce((n, o) => n + o.unsigned, 0);
  io.out(
    `ledger verified: ${result.operations.length} operation(s), ${entries} entries, ${heads} signed heads${unsigned ? ` (${unsigned} newest entries not yet under a signed head)` : ""}${options.trustedHeads ? `; extends the ${options.trustedHeads.length} trusted head(s)` : ""}`,
  );
  return 0;
}

/** `sweetie ledger proof <entry-id>`: the entry, its inclusion proof and signed head as JSON. */
export async function runLedgerProof(
  store: Store,
  entryId: string,
  key: LedgerSigner | null,
  io: CliIo = processIo,
): Promise<number> {
  const proof = await buildEvidenceProof(store.db, entryId, key);
  io.out(JSON.stringify(proof, null, 2));
  return 0;
}

/**
 * `sweetie ledger checkpoint`: the latest signed head of each operation (or one), as a file to
 * hand to a supervisor or a receiving agency; later `verify --trusted-head <file>` shows whether
 * the stored log still extends it. Only heads whose signature holds under the trusted keys.
 */
export async function runLedgerCheckpoint(
  store: Store,
  options: { operationId?: string; trustedKeys: string[]; now?: Date },
  io: CliIo = processIo,
): Promise<{ code: number; checkpoint: Checkpoint | null }> {
  const rows = await store.db
    .selectFrom("ledger_heads")
    .selectAll()
    .$if(options.operationId !== undefined, (q) =>
      q.where("operation_id", "=", options.operationId!),
    )
    .orderBy("operation_id")
    .orderBy("size")
    .orderBy("id")
    .execute();
  const latest = new Map<string, SignedTreeHead>();
  for (const row of rows) {
    const signed = headFromRow(row);
    if (verifyHead(signed, options.trustedKeys)) latest.set(row.operation_id, signed);
  }
  if (latest.size === 0) {
    io.err(
      options.operationId
        ? `no signed head of operation ${options.operationId} under the trusted key: issue one with \`sweetie ledger head --operation ${options.operationId}\``
        : "no signed heads under the trusted key yet",
    );
    return { code: 1, checkpoint: null };
  }
  const checkpoint = buildCheckpoint([...latest.values()], options.now ?? new Date());
  return { code: 0, checkpoint };
}

function dataDir(): string {
  return process.env.SWEETIE_DATA_DIR ?? "./data";
}

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openMigratedStore(process.env, "ledger");
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Reads a checkpoint file (or one signed head as `ledger head` prints it). */
async function readTrustedHeads(path: string): Promise<SignedTreeHead[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`--trusted-head ${path}: ${(error as Error).message}`);
  }
  const parsed = parseCheckpoint(text);
  if (parsed.ok) return parsed.checkpoint.heads;
  try {
    const single = signedTreeHeadSchema.safeParse(JSON.parse(text));
    if (single.success) return [single.data];
  } catch {
    // not JSON: report the checkpoint's reason below
  }
  throw new UsageError(`--trusted-head ${path}: ${parsed.reason}`);
}

export function registerLedger(program: Command): void {
  const ledger = program.command("ledger").description("Check and prove the evidence ledger");
  ledger
    .command("verify")
    .description("Recompute every entry from the stored rows and check the tree and signed heads")
    .option("--operation <id>", "only this operation")
    .option("--trusted-key <hex...>", "Ed25519 public keys (hex) whose heads are accepted")
    .option(
      "--trusted-head <file>",
      "a checkpoint file (ledger checkpoint): the stored log must extend each head in it",
    )
    .action(
      async (options: { operation?: string; trustedKey?: string[]; trustedHead?: string }) => {
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
        const trustedHeads = options.trustedHead
          ? await readTrustedHeads(options.trustedHead)
          : undefined;
        process.exitCode = await withStore((store) =>
          runLedgerVerify(store, {
            ...(options.operation ? { operationId: options.operation } : {}),
            ...(options.trustedKey ? { trustedKeys: options.trustedKey } : {}),
            ...(trustedHeads ? { trustedHeads } : {}),
            localKey,
          }),
        );
      },
    );
  ledger
    .command("proof <entry-id>")
    .description("Print an entry's inclusion proof with its signed head, as JSON")
    .action(async (entryId: string) => {
      if (!z.uuid().safeParse(entryId).success) {
        throw new UsageError(`"${entryId}" is not a ledger entry id (a UUID).`);
      }
      const signer = await loadOrCreateLedgerSigner(dataDir());
      process.exitCode = await withStore((store) => runLedgerProof(store, entryId, signer));
    });
  ledger
    .command("head")
    .description("Issue a signed tree head for an operation now, and print it as JSON")
    .requiredOption("--operation <id>", "the operation")
    .action(async (options: { operation: string }) => {
      const signer = await loadOrCreateLedgerSigner(dataDir());
      await withStore(async (store) => {
        console.log(
          JSON.stringify(await issueTreeHead(store.db, signer, options.operation), null, 2),
        );
      });
    });
  ledger
    .command("checkpoint")
    .description(
      "Export the latest signed head of each operation as a checkpoint file, for a supervisor or an agency to keep",
    )
    .option("--operation <id>", "only this operation")
    .option("--out <file>", "write the checkpoint here (default: standard output)")
    .action(async (options: { operation?: string; out?: string }) => {
      if (options.operation && !z.uuid().safeParse(options.operation).success) {
        throw new UsageError(`"${options.operation}" is not an operation id (a UUID).`);
      }
      const key = await loadSigningKey(dataDir());
      if (!key) {
        throw new UsageError(
          "no signing key in this data directory (SWEETIE_DATA_DIR or SWEETIE_SIGNING_KEY): a checkpoint holds only heads this deployment signed",
        );
      }
      const { code, checkpoint } = await withStore((store) =>
        runLedgerCheckpoint(store, {
          ...(options.operation ? { operationId: options.operation } : {}),
          trustedKeys: [toHex(key.publicKey)],
        }),
      );
      if (checkpoint) {
        const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
        if (options.out) {
          await writeFile(options.out, text, { mode: 0o644 });
          console.error(
            `checkpoint of ${checkpoint.heads.length} operation(s) written to ${options.out}`,
          );
        } else process.stdout.write(text);
      }
      process.exitCode = code;
    });
}

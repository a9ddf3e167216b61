import {
  MerkleTree,
  bytesEqual,
  createFrontier,
  entryLeafHash,
  fromHex,
  frontierAppend,
  frontierRoot,
  isEntryKind,
  proveHeadConsistency,
  toHex,
  verifyConsistency,
  verifyHead,
  verifyHeadExtension,
  type JsonObject,
  type LedgerEntry,
  type SignedTreeHead,
} from "@sweetie/core/ledger/index";
import "./nativeSha256";
import type { DbOrTrx } from "../db/database";
import type { LedgerEntryRow } from "../db/tables/ledger";
import { headFromRow, headsOf } from "./headIssuer";
import type { BlobStore } from "../blobs/blobStore";
import { loadSources } from "./evidenceSources";
import { plainBytes } from "./ledgerState";

/** The first thing found wrong, named so a person can look at it. */
export interface LedgerProblem {
  operationId: string;
  entryId: string | null;
  index: number | null;
  message: string;
}

export interface LedgerVerification {
  ok: boolean;
  /** Per operation: entries, signed heads, and entries after the last head (not yet signed). */
  operations: { operationId: string; entries: number; heads: number; unsigned: number }[];
  problem: LedgerProblem | null;
}

export interface VerifyOptions {
  /** Only this operation; default every operation with a ledger. */
  operationId?: string;
  /** Public keys (hex) whose heads are accepted; default: any key, reported by the caller. */
  trustedKeys?: readonly string[];
  /** Called after each page of entries with the running count and the total. */
  onProgress?: (done: number, total: number) => void;
  pageSize?: number;
  /**
   * Heads kept outside the database (a checkpoint file): each operation's stored log must be an
   * extension of its head (an RFC 6962 consistency proof from the head to the stored tree).
   */
  trustedHeads?: readonly SignedTreeHead[];
  /**
   * Where findings' files are stored (they are re-hashed from it); default the database's blob
   * store. The CLI passes the deployment's store.
   */
  blobs?: BlobStore;
}

class Mismatch extends Error {
  constructor(readonly problem: LedgerProblem) {
    super(problem.message);
  }
}

/**
 * Recomputes every leaf from the stored rows, rebuilds each operation's tree, and checks every
 * signed head (signature, root at its size, consistency with the previous head) and the state
 * row. Stops at the first problem and names it.
 */
export async function verifyLedger(
  db: DbOrTrx,
  options: VerifyOptions = {},
): Promise<LedgerVerification> {
  const operationIds = options.operationId
    ? [options.operationId]
    : (
        await db
          .selectFrom("ledger_state")
          .select("operation_id")
          .union(db.selectFrom("ledger_entries").select("operation_id").distinct())
          .union(db.selectFrom("ledger_heads").select("operation_id").distinct())
          .execute()
      )
        .map((r) => r.operation_id)
        .concat((options.trustedHeads ?? []).map((h) => h.head.operation))
        .filter((id, i, all) => all.indexOf(id) === i)
        .sort();
  const { total } = await db
    .selectFrom("ledger_entries")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .$if(options.operationId !== undefined, (q) =>
      q.where("operation_id", "=", options.operationId!),
    )
    .executeTakeFirstOrThrow();
  const progress = { done: 0, total: Number(total), report: options.onProgress };
  const operations: LedgerVerification["operations"] = [];
  try {
    for (const operationId of operationIds) {
      operations.push(await verifyOperation(db, operationId, options, progress));
    }
  } catch (error) {
    if (error instanceof Mismatch) return { ok: false, operations, problem: error.problem };
    throw error;
  }
  return { ok: true, operations, problem: null };
}

async function verifyOperation(
  db: DbOrTrx,
  operationId: string,
  options: VerifyOptions,
  progress: { done: number; total: number; report?: (done: number, total: number) => void },
) {
  const fail = (message: string, entry?: { id: string; idx: number }): never => {
    throw new Mismatch({
      operationId,
      entryId: entry?.id ?? null,
      index: entry?.idx ?? null,
      message,
    });
  };
  const state = await db
    .selectFrom("ledger_state")
    .selectAll()
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  const heads = await headsOf(db, operationId);
  const trusted = (options.trustedHeads ?? []).filter((h) => h.head.operation === operationId);
  if (!state && heads.length === 0 && (options.operationId || trusted.length > 0)) {
    const any = await db
      .selectFrom("ledger_entries")
      .select("id")
      .where("operation_id", "=", operationId)
      .limit(1)
      .executeTakeFirst();
    if (!any) {
      fail(
        trusted.length > 0
          ? `operation ${operationId} has no ledger, but the trusted head of size ${trusted[0]!.head.size} covers ${trusted[0]!.head.size} entries: its ledger was removed`
          : `operation ${operationId} has no ledger: check the operation id`,
      );
    }
  }
  const leaves: Uint8Array[] = [];
  const frontier = createFrontier();
  const purged = new Map<number, { id: string; leaf: string }>();
  const tombstoned = new Map<number, string>();
  let headAt = 0;
  const pageSize = options.pageSize ?? 2000;

  const checkHeadsUpTo = (size: number) => {
    while (headAt < heads.length && heads[headAt]!.size <= size) {
      const row = heads[headAt]!;
      const signed = headFromRow(row);
      if (row.size === size) {
        if (!bytesEqual(frontierRoot(frontier), fromHex(signed.head.root))) {
          const from = headAt > 0 ? heads[headAt - 1]!.size : 0;
          fail(
            `the entries #${from}..#${size - 1} no longer match the signed head of size ${size} (issued ${signed.head.time}): an entry in that range was changed, removed or moved`,
          );
        }
      }
      headAt++;
    }
  };

  for (let next = 0; ;) {
    const page: LedgerEntryRow[] = await db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("operation_id", "=", operationId)
      .where("idx", ">=", next)
      .orderBy("idx")
      .orderBy("id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    const sources = await loadSources(
      db,
      page.flatMap((r) =>
        r.source_table && r.source_id && !r.purged_at
          ? [{ table: r.source_table, id: r.source_id }]
          : [],
      ),
      options.blobs ? { blobs: options.blobs } : {},
    );
    for (const row of page) {
      if (row.idx > frontier.size) {
        fail(
          `entry #${frontier.size} is missing (deleted?); the log jumps to entry ${row.id} at #${row.idx}`,
          { id: row.id, idx: frontier.size },
        );
      }
      if (row.idx < frontier.size) fail(`entry ${row.id} repeats position #${row.idx}`, row);
      const stored = plainBytes(row.leaf_hash);
      let leaf: Uint8Array;
      if (row.purged_at) {
        if (row.content !== null)
          fail(`entry ${row.id} (#${row.idx}) is marked purged but still holds content`, row);
        purged.set(row.idx, { id: row.id, leaf: toHex(stored) });
        leaf = stored;
      } else {
        leaf = entryLeafHash(rebuildEntry(row, sources, fail));
        if (!bytesEqual(leaf, stored)) {
          const what = row.source_table
            ? `${row.source_table}/${row.source_id}`
            : "its inline content";
          fail(
            `entry ${row.id} (#${row.idx}, ${row.kind} ${what}) does not match its recorded hash: the evidence was changed, or the entry was moved`,
            row,
          );
        }
        if (row.kind === "tombstone") {
          const content = row.content as { target?: unknown; targetLeafHash?: unknown };
          if (typeof content.target === "number" && typeof content.targetLeafHash === "string") {
            tombstoned.set(content.target, content.targetLeafHash);
          }
        }
      }
      frontierAppend(frontier, leaf);
      leaves.push(leaf);
      checkHeadsUpTo(frontier.size);
    }
    next = frontier.size;
    progress.done += page.length;
    progress.report?.(progress.done, progress.total);
    if (page.length < pageSize) break;
  }

  for (const [index, { id, leaf }] of purged) {
    if (tombstoned.get(index) !== leaf) {
      fail(`entry ${id} (#${index}) was emptied without a tombstone recording its purge`, {
        id,
        idx: index,
      });
    }
  }
  const size = frontier.size;
  const recordedSize = Math.max(state?.size ?? 0, ...heads.map((h) => h.size));
  if (recordedSize > size) {
    fail(
      `entry #${size} is missing (deleted?): the ledger recorded ${recordedSize} entries, ${size} remain`,
      { id: "(missing)", idx: size },
    );
  }
  if (
    state &&
    (state.size !== size || !bytesEqual(plainBytes(state.root), frontierRoot(frontier)))
  ) {
    fail(`the ledger state of operation ${operationId} does not match its ${size} entries`);
  }

  // Signatures, and that each head extends the one before (an RFC 6962 consistency proof).
  const tree = new MerkleTree(leaves);
  let previous: ReturnType<typeof headFromRow> | null = null;
  for (const row of heads) {
    const signed = headFromRow(row);
    if (signed.head.operation !== operationId || !verifyHead(signed, options.trustedKeys)) {
      fail(
        `the signed head of size ${row.size} (issued ${row.time}) has a bad signature${options.trustedKeys ? " or an untrusted key" : ""}`,
      );
    }
    if (previous) {
      const proof = tree.consistencyProof(previous.head.size, signed.head.size);
      const ok = verifyConsistency(
        previous.head.size,
        signed.head.size,
        fromHex(previous.head.root),
        fromHex(signed.head.root),
        proof,
      );
      if (!ok)
        fail(
          `the signed heads of sizes ${previous.head.size} and ${signed.head.size} are not consistent`,
        );
    }
    previous = signed;
  }
  // Without a signed head nothing anchors the history: whoever can write the database could
  // have rebuilt every entry, the state and removed the heads.
  if (size > 0 && heads.length === 0) {
    fail(
      `operation ${operationId} has ${size} entries and no signed tree head: nothing shows its history was not rewritten (heads removed?). Check it against a checkpoint with --trusted-head; a new ledger gets its first head within seconds of serving, or with \`sweetie ledger head\`.`,
    );
  }
  // Every trusted head (from outside the database) must be a prefix of the stored log.
  for (const head of trusted) {
    if (options.trustedKeys && !verifyHead(head, options.trustedKeys)) {
      fail(
        `the trusted head of size ${head.head.size} (issued ${head.head.time}) is not signed by a trusted key`,
      );
    }
    if (head.head.size > size) {
      fail(
        `the stored log has ${size} entries, fewer than the ${head.head.size} of the trusted head (issued ${head.head.time}): entries were removed`,
        { id: "(missing)", idx: size },
      );
    }
    const current = { operation: operationId, size, root: toHex(tree.root()), time: "" };
    const extension = verifyHeadExtension(
      head.head,
      current,
      proveHeadConsistency(tree, head.head, current),
    );
    if (!extension.ok) {
      fail(
        `the stored log is not an extension of the trusted head of size ${head.head.size} (root ${head.head.root}, issued ${head.head.time}): ${extension.reason}`,
      );
    }
  }
  return { operationId, entries: size, heads: heads.length, unsigned: size - lastHeadSize(heads) };
}

const lastHeadSize = (heads: readonly { size: number }[]) =>
  heads.reduce((max, head) => Math.max(max, head.size), 0);

function rebuildEntry(
  row: LedgerEntryRow,
  sources: Map<string, { operationId: string; content: JsonObject }>,
  fail: (message: string, entry?: { id: string; idx: number }) => never,
): LedgerEntry {
  if (!isEntryKind(row.kind))
    fail(`entry ${row.id} (#${row.idx}) has an unknown kind "${row.kind}"`, row);
  let content: JsonObject;
  if (row.source_table && row.source_id) {
    const found = sources.get(`${row.source_table}/${row.source_id}`);
    if (!found) {
      fail(
        `entry ${row.id} (#${row.idx}): its evidence ${row.source_table}/${row.source_id} is missing (deleted without a purge?)`,
        row,
      );
    }
    if (found.operationId !== row.operation_id) {
      fail(
        `entry ${row.id} (#${row.idx}): ${row.source_table}/${row.source_id} now belongs to another operation`,
        row,
      );
    }
    content = found.content;
  } else {
    if (row.content === null) fail(`entry ${row.id} (#${row.idx}) has no content`, row);
    content = row.content as JsonObject;
  }
  return {
    kind: row.kind as LedgerEntry["kind"],
    v: row.version,
    operation: row.operation_id,
    index: row.idx,
    source:
      row.source_table && row.source_id ? { table: row.source_table, id: row.source_id } : null,
    content,
  };
}

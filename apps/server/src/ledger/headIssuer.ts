import {
  bytesEqual,
  extendFrontier,
  fromHex,
  frontierExtendsTo,
  frontierRoot,
  signTreeHead,
  toHex,
  type Frontier,
  type SignedTreeHead,
} from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "../db/database";
import type { LedgerHeadRow } from "../db/tables/ledger";
import type { AnchoredHead, LedgerSigner } from "./headAnchor";
import { frontierFromRow, plainBytes } from "./ledgerState";

export interface HeadPolicy {
  /** Issue a head once this many entries are unsigned. */
  everyEntries: number;
  /** Issue a head once the oldest unsigned entry is this old (ms). */
  everyMs: number;
}

export const defaultHeadPolicy: HeadPolicy = { everyEntries: 256, everyMs: 10_000 };

/** Raised when the stored log is not an extension of the last head this signer signed. */
export class HeadRefused extends Error {
  constructor(
    readonly operationId: string,
    message: string,
  ) {
    super(message);
    this.name = "HeadRefused";
  }
}

/**
 * Signs the operation's current tree head (on demand) and records it, but only when the stored
 * tree extends the last head this signer signed (kept outside the database, see HeadAnchor):
 * the kept frontier, extended by the leaves appended since, must reach the stored root.
 */
export async function issueTreeHead(
  db: Db,
  signer: LedgerSigner,
  operationId: string,
  now: () => Date = () => new Date(),
): Promise<SignedTreeHead> {
  const anchored = await signer.anchor.last(operationId);
  const { signed, frontier } = await db.transaction().execute(async (trx) => {
    // The same lock appends take: the head's size and root are a consistent pair.
    const state = await trx
      .selectFrom("ledger_state")
      .select(["size", "root", "frontier"])
      .where("operation_id", "=", operationId)
      .forUpdate()
      .executeTakeFirst();
    if (!state) {
      if (anchored) {
        throw new HeadRefused(
          operationId,
          `refusing to sign: operation ${operationId} has no ledger state, but this signer signed its head of size ${anchored.head.head.size}: its ledger was removed`,
        );
      }
      throw new Error(`operation ${operationId} has no ledger entries yet`);
    }
    const root = plainBytes(state.root);
    const frontier = anchored
      ? await extendAnchored(trx, operationId, anchored, state.size, root)
      : frontierFromRow({ size: state.size, frontier: plainBytes(state.frontier) });
    if (!anchored && !bytesEqual(frontierRoot(frontier), root)) {
      throw new HeadRefused(
        operationId,
        `refusing to sign: the ledger state of operation ${operationId} is inconsistent (its frontier does not give its root)`,
      );
    }
    const signed = signTreeHead(
      { operation: operationId, size: state.size, root: toHex(root), time: now().toISOString() },
      signer,
    );
    await trx
      .insertInto("ledger_heads")
      .values({
        operation_id: operationId,
        size: signed.head.size,
        root: fromHex(signed.head.root),
        time: signed.head.time,
        signature: fromHex(signed.signature),
        public_key: fromHex(signed.publicKey),
      })
      .execute();
    await trx
      .updateTable("ledger_state")
      .set({ signed_size: state.size, signed_at: now(), first_unsigned_at: null })
      .where("operation_id", "=", operationId)
      .execute();
    return { signed, frontier };
  });
  // After the commit: a crash before this line leaves the older anchor, which the stored
  // log still extends, so the next signing checks from there.
  await signer.anchor.record(signed, frontier);
  return signed;
}

/** The anchored frontier extended by the stored leaves since; refuses unless it reaches `root`. */
async function extendAnchored(
  trx: DbOrTrx,
  operationId: string,
  anchored: AnchoredHead,
  size: number,
  root: Uint8Array,
): Promise<Frontier> {
  const from = anchored.frontier.size;
  const refuse = (why: string): never => {
    throw new HeadRefused(
      operationId,
      `refusing to sign the ledger of operation ${operationId}: ${why}; it is not an extension of the head of size ${from} (root ${anchored.head.head.root}, signed ${anchored.head.head.time}) that this signer signed last. Its history was rewritten: run \`sweetie ledger verify --trusted-head\` with a checkpoint to find out where.`,
    );
  };
  if (size < from) refuse(`the stored log has ${size} entries, fewer than ${from}`);
  const rows = await trx
    .selectFrom("ledger_entries")
    .select(["idx", "leaf_hash"])
    .where("operation_id", "=", operationId)
    .where("idx", ">=", from)
    .where("idx", "<", size)
    .orderBy("idx")
    .execute();
  if (rows.length !== size - from || rows.some((row, i) => row.idx !== from + i)) {
    refuse(`entries #${from}..#${size - 1} are not all there`);
  }
  const leaves = rows.map((row) => plainBytes(row.leaf_hash));
  if (!frontierExtendsTo(anchored.frontier, leaves, root)) {
    refuse(`its stored root at size ${size} does not extend the signed tree`);
  }
  return extendFrontier(anchored.frontier, leaves);
}

/** Issues a head for every operation the policy says is due; returns how many it issued. */
export async function issueDueHeads(
  db: Db,
  signer: LedgerSigner,
  policy: HeadPolicy,
): Promise<number> {
  const due = await db
    .selectFrom("ledger_state")
    .select("operation_id")
    .where("size", ">", sql<number>`signed_size`)
    .where((eb) =>
      eb.or([
        eb(sql<number>`size - signed_size`, ">=", policy.everyEntries),
        eb(
          "first_unsigned_at",
          "<=",
          sql<Date>`now() - make_interval(secs => ${policy.everyMs / 1000})`,
        ),
      ]),
    )
    .execute();
  // One refused operation does not hold the others back; the first refusal is thrown after.
  let refused: unknown = null;
  for (const { operation_id } of due) {
    try {
      await issueTreeHead(db, signer, operation_id);
    } catch (error) {
      refused ??= error;
    }
  }
  if (refused) throw refused;
  return due.length;
}

/**
 * Issues due heads in the background until stopped. Checks every min(everyMs, 1 s), so "every N
 * entries" lags by at most a second; call issueTreeHead for a head right now.
 */
export function startHeadScheduler(
  db: Db,
  signer: LedgerSigner,
  policy: HeadPolicy = defaultHeadPolicy,
  onError: (error: unknown) => void = logOncePerMessage,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      running = running.then(() => issueDueHeads(db, signer, policy)).catch(onError);
    },
    Math.min(policy.everyMs, 1000),
  );
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

// A refusal repeats every second until someone acts; say it once (per message), loudly.
const logged = new Set<string>();
function logOncePerMessage(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (logged.has(message)) return;
  logged.add(message);
  console.error(`ledger head issuer: ${message}`);
}

export function headFromRow(row: LedgerHeadRow): SignedTreeHead {
  return {
    head: {
      operation: row.operation_id,
      size: row.size,
      root: toHex(plainBytes(row.root)),
      time: row.time,
    },
    signature: toHex(plainBytes(row.signature)),
    publicKey: toHex(plainBytes(row.public_key)),
  };
}

export async function headsOf(db: DbOrTrx, operationId: string): Promise<LedgerHeadRow[]> {
  return db
    .selectFrom("ledger_heads")
    .selectAll()
    .where("operation_id", "=", operationId)
    .orderBy("size")
    .orderBy("id")
    .execute();
}

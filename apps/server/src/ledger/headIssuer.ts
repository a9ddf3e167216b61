import {
  fromHex,
  signTreeHead,
  toHex,
  type SignedTreeHead,
  type SigningKey,
} from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "../db/database";
import type { LedgerHeadRow } from "../db/tables/ledger";
import { plainBytes } from "./ledgerState";

export interface HeadPolicy {
  /** Issue a head once this many entries are unsigned. */
  everyEntries: number;
  /** Issue a head once the oldest unsigned entry is this old (ms). */
  everyMs: number;
}

export const defaultHeadPolicy: HeadPolicy = { everyEntries: 256, everyMs: 10_000 };

/** Signs the operation's current tree head (on demand) and records it. */
export async function issueTreeHead(
  db: Db,
  key: SigningKey,
  operationId: string,
  now: () => Date = () => new Date(),
): Promise<SignedTreeHead> {
  return db.transaction().execute(async (trx) => {
    // The same lock appends take: the head's size and root are a consistent pair.
    const state = await trx
      .selectFrom("ledger_state")
      .select(["size", "root"])
      .where("operation_id", "=", operationId)
      .forUpdate()
      .executeTakeFirst();
    if (!state) throw new Error(`operation ${operationId} has no ledger entries yet`);
    const signed = signTreeHead(
      {
        operation: operationId,
        size: state.size,
        root: toHex(plainBytes(state.root)),
        time: now().toISOString(),
      },
      key,
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
    return signed;
  });
}

/** Issues a head for every operation the policy says is due; returns how many it issued. */
export async function issueDueHeads(db: Db, key: SigningKey, policy: HeadPolicy): Promise<number> {
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
  for (const { operation_id } of due) await issueTreeHead(db, key, operation_id);
  return due.length;
}

/**
 * Issues due heads in the background until stopped. Checks every min(everyMs, 1 s), so "every N
 * entries" lags by at most a second; call issueTreeHead for a head right now.
 */
export function startHeadScheduler(
  db: Db,
  key: SigningKey,
  policy: HeadPolicy = defaultHeadPolicy,
  onError: (error: unknown) => void = (error) => console.error("ledger head issuer:", error),
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      running = running.then(() => issueDueHeads(db, key, policy)).catch(onError);
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

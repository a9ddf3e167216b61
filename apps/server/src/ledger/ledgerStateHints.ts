import { frontierRoot, toHex, type Frontier } from "@sweetie/core/ledger/index";
import type { LockedState } from "./evidenceAppender";
import { frontierToBytes } from "./ledgerState";

/**
 * The ledger state this process last wrote for each operation, so the next batch of messages
 * can be hashed without first locking and reading the state (insertMessagesWithEvidence). Only
 * ever a hint: the entries built on it are written only if the stored state still has its size
 * and root (insertBuiltEntries with `expected`), otherwise the batch is rebuilt under the lock.
 * Another process, a rolled-back transaction or a stale hint therefore costs a retry, never a
 * wrong entry.
 */
export interface StateHint {
  state: LockedState;
  /** Hex of the root, checked together with the size before anything is written. */
  root: string;
}

const hints = new Map<string, StateHint>();

/**
 * Operations another process is appending to as well (a hint turned out stale), until when. For
 * them the hint would fail about as often as not, and each failure costs a retry: they take the
 * lock first for a while instead.
 */
const contended = new Map<string, number>();
const CONTENDED_MS = 30_000;

export function stateHint(operationId: string, now = Date.now()): StateHint | undefined {
  const until = contended.get(operationId);
  if (until !== undefined) {
    if (now < until) return undefined;
    contended.delete(operationId);
  }
  return hints.get(operationId);
}

/** The hint for these operations was stale: forget it and lock first for a while. */
export function markContended(operationIds: Iterable<string>, now = Date.now()): void {
  for (const id of operationIds) {
    hints.delete(id);
    contended.set(id, now + CONTENDED_MS);
  }
}

export function rememberState(operationId: string, frontier: Frontier): void {
  hints.set(operationId, {
    state: {
      operation_id: operationId,
      size: frontier.size,
      frontier: toHex(frontierToBytes(frontier)),
    },
    root: toHex(frontierRoot(frontier)),
  });
}

export function forgetStates(operationIds: Iterable<string>): void {
  for (const id of operationIds) hints.delete(id);
}

/**
 * Batches of this process for one operation write their entries one after the other, in the
 * order they took their turn: each builds on the state the one before it reserved, and its
 * guarded write then queues behind that one's row lock instead of finding the state not yet
 * moved. (Without turns, concurrent ingest lanes of one process failed each other's check.)
 * Returns the release, to call once the entries are written (or the attempt is given up).
 */
export async function takeTurn(operationId: string): Promise<() => void> {
  const previous = turns.get(operationId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  turns.set(operationId, tail);
  await previous;
  return () => {
    release();
    if (turns.get(operationId) === tail) turns.delete(operationId);
  };
}

const turns = new Map<string, Promise<void>>();

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

export function stateHint(operationId: string): StateHint | undefined {
  return hints.get(operationId);
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

import type { ConnectorStatus } from "../connectors/connector";
import type { LeaseState } from "../venues/venueKeeper";

/** A connection's state as the Venues page shows it (times as ISO text). */
export function presentStatus(status: ConnectorStatus | undefined) {
  if (!status) return null;
  return {
    state: status.state,
    attempt: status.attempt,
    retryAt: status.retryAt ? status.retryAt.toISOString() : null,
    detail: status.detail,
    at: status.at.toISOString(),
  };
}

/** Who holds a network account's connection, as the Venues page shows it. */
export function presentLease(lease: LeaseState | undefined) {
  return {
    heldBy: lease?.heldBy ?? "nobody",
    expiresAt: lease?.expiresAt ? lease.expiresAt.toISOString() : null,
  };
}

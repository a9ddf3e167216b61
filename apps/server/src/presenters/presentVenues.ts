import type { ConnectorStatus } from "../connectors/connector";

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

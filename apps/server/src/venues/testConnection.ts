import type { Connector, ConnectorStatus } from "../connectors/connector";

/**
 * Opens a connection once and closes it again: connected means the account can sign in; a
 * connector that starts retrying, or faults, has said why in its status.
 */
export async function testConnection(
  connector: Connector,
  timeoutMs: number,
): Promise<{ ok: boolean; state: ConnectorStatus["state"]; detail: string | null }> {
  let settle: (status: ConnectorStatus) => void = () => {};
  const settled = new Promise<ConnectorStatus>((resolve) => {
    settle = resolve;
  });
  const unsubscribe = connector.onStatus((status) => {
    if (status.state !== "connecting") settle(status);
  });
  const timer = setTimeout(
    () =>
      settle({
        state: "disconnected",
        attempt: 0,
        retryAt: null,
        detail: `No answer from the network within ${Math.round(timeoutMs / 1000)} seconds.`,
        at: new Date(),
      }),
    timeoutMs,
  );
  connector.connect().catch((error: unknown) =>
    settle({
      state: "faulted",
      attempt: 0,
      retryAt: null,
      detail: error instanceof Error ? error.message : "The connection failed.",
      at: new Date(),
    }),
  );
  const status = await settled;
  clearTimeout(timer);
  unsubscribe();
  await connector.disconnect().catch(() => undefined);
  return {
    ok: status.state === "connected",
    state: status.state,
    detail: status.state === "connected" ? null : status.detail,
  };
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Me } from "../../api/schemas";
import {
  fetchVenues,
  leaveVenue,
  testNetwork,
  type ConnectionTest,
  type Venues,
} from "../../api/venues";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { AddNetworkForm } from "./AddNetworkForm";

type Network = Venues["networks"][number];

const STATE_LABEL: Record<NonNullable<Network["status"]>["state"], string> = {
  connecting: "Connecting",
  connected: "Connected",
  reconnecting: "Reconnecting",
  faulted: "Faulted",
  disconnected: "Not connected",
};

/**
 * Venue administration: the operation's accounts on real chat networks and their rooms (each
 * must be permitted by the authorization), their live connection state, and where the persona
 * is present now. Administrators and supervisors add networks; operators see and leave venues.
 */
export function VenuesScene({ me, operationId }: { me: Me; operationId: string }) {
  const queryClient = useQueryClient();
  const canManage = useRoleAccess(me, operationId)?.manageVenues ?? false;
  const venues = useQuery({
    queryKey: ["venues", operationId],
    queryFn: () => fetchVenues(operationId),
    refetchInterval: 3_000,
    retry: false,
  });
  const leave = useMutation({
    mutationFn: (venueAddress: string) => leaveVenue(operationId, venueAddress),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["venues", operationId] }),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Venues" />
      <p className="muted">
        The networks and rooms the persona can be present in. A room can be added only if the
        operation&apos;s authorization permits it; passwords are stored encrypted and never shown
        again.
      </p>
      <ErrorMessage error={venues.error ?? leave.error} />
      <section aria-labelledby="presence-heading">
        <h2 id="presence-heading">Where the persona is present</h2>
        {venues.data && venues.data.presences.length > 0 ? (
          <ul className="venue-presences">
            {venues.data.presences.map((presence) => (
              <li key={presence.venueId}>
                <code>{presence.venueAddress}</code>{" "}
                <button
                  type="button"
                  className="button"
                  disabled={leave.isPending}
                  onClick={() => leave.mutate(presence.venueAddress)}
                >
                  Leave {presence.venueAddress}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Not present in any venue on this server.</p>
        )}
      </section>
      <section aria-labelledby="networks-heading">
        <h2 id="networks-heading">Networks</h2>
        {venues.data && venues.data.networks.length > 0 ? (
          <NetworkTable
            operationId={operationId}
            networks={venues.data.networks}
            canManage={canManage}
          />
        ) : (
          <p className="muted">No network has been added to this operation yet.</p>
        )}
      </section>
      {canManage ? <AddNetworkForm operationId={operationId} /> : null}
    </>
  );
}

function NetworkTable({
  operationId,
  networks,
  canManage,
}: {
  operationId: string;
  networks: Network[];
  canManage: boolean;
}) {
  const [results, setResults] = useState<Record<string, ConnectionTest | "testing">>({});
  const handleTest = (networkId: string) => {
    setResults((current) => ({ ...current, [networkId]: "testing" }));
    testNetwork(operationId, networkId)
      .then((result) => setResults((current) => ({ ...current, [networkId]: result })))
      .catch(() =>
        setResults((current) => ({
          ...current,
          [networkId]: { ok: false, state: "disconnected", detail: "The test could not run." },
        })),
      );
  };
  return (
    <table className="table venue-table">
      <thead>
        <tr>
          <th scope="col">Network</th>
          <th scope="col">Account</th>
          <th scope="col">Rooms</th>
          <th scope="col">Connection</th>
          {canManage ? <th scope="col">Test</th> : null}
        </tr>
      </thead>
      <tbody>
        {networks.map((network) => {
          const result = results[network.id];
          return (
            <tr key={network.id}>
              <td>
                {network.protocol.toUpperCase()} {network.host}:{network.port}
                {network.tls ? " (TLS)" : " (no TLS)"}
              </td>
              <td>
                {network.accountName}
                {network.hasSecret ? <span className="muted"> · password stored</span> : null}
              </td>
              <td>
                {network.rooms.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  network.rooms.map((room) => (
                    <div key={room.venueId}>
                      <code>{room.address}</code>
                      {room.present ? <strong> · present</strong> : null}
                    </div>
                  ))
                )}
              </td>
              <td>
                <ConnectionState status={network.status} lease={network.lease} />
                <LeaseHolder lease={network.lease} />
              </td>
              {canManage ? (
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={result === "testing"}
                    onClick={() => handleTest(network.id)}
                  >
                    Test connection
                  </button>
                  <span role="status" className="venue-test-result">
                    {result === "testing"
                      ? " Testing…"
                      : result
                        ? result.ok
                          ? " Signed in and out: the account works."
                          : ` Failed: ${result.detail ?? STATE_LABEL[result.state]}`
                        : ""}
                  </span>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ConnectionState({
  status,
  lease,
}: {
  status: Network["status"];
  lease: Network["lease"];
}) {
  if (!status) {
    return (
      <span className="muted">
        {lease.heldBy === "another_server"
          ? "Connected through another server"
          : "Not connected from this server"}
      </span>
    );
  }
  return (
    <span className={`venue-state venue-state-${status.state}`} data-state={status.state}>
      {STATE_LABEL[status.state]}
      {status.state === "reconnecting" && status.retryAt
        ? ` (attempt ${status.attempt}, next at ${formatDateTime(status.retryAt)})`
        : ""}
      {status.detail && status.state !== "connected" ? ` — ${status.detail}` : ""}
    </span>
  );
}

/** Which server process holds the network's connection (several may share one database). */
function LeaseHolder({ lease }: { lease: Network["lease"] }) {
  const until = lease.expiresAt
    ? ` (lease renewed, runs to ${formatDateTime(lease.expiresAt)})`
    : "";
  return (
    <div className="venue-lease muted" data-held-by={lease.heldBy}>
      {lease.heldBy === "this_server"
        ? `Held by this server${until}`
        : lease.heldBy === "another_server"
          ? `Held by another server${until}; it sends and receives for this network`
          : "Held by no server now: the persona is not signed in to this network"}
    </div>
  );
}

import { Link } from "wouter";
import type { Me, OperationSummary } from "../api/schemas";
import { ErrorMessage } from "../components/ErrorMessage";
import { OperationBadges } from "../components/OperationBadges";
import { PageTitle } from "../components/PageTitle";
import { formatMode, formatRole, formatDateTime } from "../format";
import { useOperations } from "../hooks/useOperations";

interface OperationsSceneProps {
  me: Me;
}

export function OperationsScene({ me }: OperationsSceneProps) {
  const operationsQuery = useOperations();

  return (
    <>
      <div className="page-heading">
        <PageTitle title="Operations" />
        {me.isAdmin ? (
          <p>
            <Link href="/operations/new" className="button button-primary">
              New operation
            </Link>
          </p>
        ) : null}
      </div>
      {operationsQuery.isPending ? <p className="muted">Loading operations…</p> : null}
      <ErrorMessage error={operationsQuery.error} />
      {operationsQuery.data?.length === 0 ? <EmptyOperations me={me} /> : null}
      {operationsQuery.data && operationsQuery.data.length > 0 ? (
        <OperationsTable operations={operationsQuery.data} />
      ) : null}
    </>
  );
}

function EmptyOperations({ me }: OperationsSceneProps) {
  return (
    <div className="empty-state">
      <h2>No operations yet</h2>
      {me.isAdmin ? (
        <p>
          No operation has been created. Open one with its authorization record under{" "}
          <Link href="/operations/new">New operation</Link>; it will then appear here for you and
          its team.
        </p>
      ) : (
        <p>
          You are not on the team of any operation. Ask the admin of your operation to add you by
          your username, <strong>{me.username}</strong>. The operation will appear here once they
          have.
        </p>
      )}
    </div>
  );
}

function OperationsTable({ operations }: { operations: OperationSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-stacking">
        <caption className="visually-hidden">Operations you can open</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Mode</th>
            <th scope="col">Your role</th>
            <th scope="col">Partner unit</th>
            <th scope="col">Authorized window</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {operations.map((operation) => (
            <tr key={operation.id}>
              <th scope="row" className="cell-name">
                <Link href={`/operations/${encodeURIComponent(operation.id)}`}>
                  {operation.name}
                </Link>
              </th>
              <td data-label="Mode">{formatMode(operation.mode)}</td>
              <td data-label="Your role">
                {operation.role ? formatRole(operation.role) : "Not on the team"}
              </td>
              <td data-label="Partner unit">{operation.partnerUnit}</td>
              <td data-label="Authorized window">
                <span className="window-line">{formatDateTime(operation.startsAt)}</span>
                <span className="window-line">to {formatDateTime(operation.endsAt)}</span>
              </td>
              <td data-label="Status">
                <OperationBadges active={operation.active} isTraining={operation.isTraining} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

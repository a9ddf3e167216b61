import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { fetchAwaitingSignOff } from "../../api/identity";
import type { Me } from "../../api/schemas";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { ClaimCard } from "./ClaimCard";

/** Claims waiting for a reviewer who is not their author. */
export function SignOffScene({ me, operationId }: { me: Me; operationId: string }) {
  const claims = useQuery({
    queryKey: ["awaiting-sign-off", operationId],
    queryFn: () => fetchAwaitingSignOff(operationId),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <p className="back-link">
        <Link href={`/operations/${operationId}/subjects`}>
          <span aria-hidden="true">← </span>Subjects
        </Link>
      </p>
      <PageTitle title="Claims awaiting sign-off" />
      <p className="muted">
        Check each claim's sources before signing it off. A claim counts as established only with
        two independent sources and the sign-off of someone who did not write it.
      </p>
      {claims.isPending ? <p className="muted">Loading…</p> : null}
      {claims.isError ? <ErrorMessage error={claims.error} /> : null}
      {claims.data && claims.data.claims.length === 0 ? (
        <p className="empty-state">No claim awaits sign-off.</p>
      ) : null}
      {claims.data?.claims.map((claim) => (
        <div key={claim.id}>
          <p className="muted">
            Proposed by {claim.authorName} for{" "}
            <Link href={`/operations/${operationId}/subjects/${claim.subjectId}`}>
              {claim.subjectLabel}
            </Link>
          </p>
          <ClaimCard
            operationId={operationId}
            claim={claim}
            subjectLabel={claim.subjectLabel}
            canSignOff
            meId={me.id}
          />
        </div>
      ))}
    </>
  );
}

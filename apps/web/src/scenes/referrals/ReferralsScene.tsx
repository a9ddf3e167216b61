import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { fetchReferrals } from "../../api/referrals";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { countryLabel, OUTCOME_WORDS, STATUS_TONE, STATUS_WORDS } from "./referralFormat";

/** The operation's referrals, newest first, with their status and what happened after. */
export function ReferralsScene({ me, operationId }: { me: Me; operationId: string }) {
  const access = useRoleAccess(me, operationId);
  const referrals = useQuery({
    queryKey: ["referrals", operationId],
    queryFn: () => fetchReferrals(operationId),
  });
  const base = `/operations/${operationId}`;
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Referrals" />
      <p className="muted">
        A referral groups the subjects of one country into a package for that country&apos;s
        registered agency. A supervisor who did not build it releases it; then it is downloaded,
        sent, acknowledged, and its outcome recorded.
      </p>
      {access?.buildReferrals ? (
        <p className="action-links page-actions">
          <Link href={`${base}/referrals/new`} className="button button-primary">
            New referral
          </Link>
        </p>
      ) : null}
      {referrals.isPending ? <p className="muted">Loading the referrals…</p> : null}
      <ErrorMessage error={referrals.error} />
      {referrals.data && referrals.data.length === 0 ? (
        <p className="empty-state">
          No referral yet. Start one when subjects of a country are established.
        </p>
      ) : null}
      {referrals.data && referrals.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table table-stacking">
            <caption className="visually-hidden">Referrals, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
                <th scope="col">Agency</th>
                <th scope="col">Subjects</th>
                <th scope="col">Built by</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {referrals.data.map((referral) => (
                <tr key={referral.id}>
                  <th scope="row" className="cell-name">
                    <Link href={`${base}/referrals/${referral.id}`}>
                      {countryLabel(referral.country)}
                    </Link>
                  </th>
                  <td data-label="Status">
                    <Badge tone={STATUS_TONE[referral.status]}>
                      {STATUS_WORDS[referral.status]}
                    </Badge>
                    {referral.outcome ? (
                      <span className="cell-secondary">{OUTCOME_WORDS[referral.outcome]}</span>
                    ) : null}
                  </td>
                  <td data-label="Agency">
                    {referral.agency ? (
                      referral.agency.name
                    ) : (
                      <span className="muted">Not chosen yet</span>
                    )}
                    {referral.agencyReference ? (
                      <span className="cell-secondary">
                        Their reference: {referral.agencyReference}
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Subjects">{referral.subjects}</td>
                  <td data-label="Built by">
                    {referral.builtBy.name}
                    {referral.releasedBy ? (
                      <span className="cell-secondary">Released by {referral.releasedBy.name}</span>
                    ) : null}
                  </td>
                  <td data-label="Last change">{formatDateTime(referral.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

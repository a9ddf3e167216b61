import { Link } from "wouter";
import { isApiError } from "../api/apiError";
import type { Me, OperationDetail } from "../api/schemas";
import { AddMemberForm } from "../components/AddMemberForm";
import { AuthorizationRecord } from "../components/AuthorizationRecord";
import { CloseOperation } from "../components/CloseOperation";
import { Badge } from "../components/Badge";
import { ErrorMessage } from "../components/ErrorMessage";
import { OperationBadges } from "../components/OperationBadges";
import { OperationBanner } from "../components/OperationBanner";
import { PageTitle } from "../components/PageTitle";
import { SecuritySetting } from "../components/SecuritySetting";
import { TeamTable } from "../components/TeamTable";
import { formatMode, formatRole, isWithinWindow } from "../format";
import { useOperation } from "../hooks/useOperations";
import { roleAccess } from "../roleAccess";

interface OperationSceneProps {
  me: Me;
  operationId: string;
}

export function OperationScene({ me, operationId }: OperationSceneProps) {
  const operationQuery = useOperation(operationId);

  if (operationQuery.isPending) {
    return <p className="muted">Loading the operation…</p>;
  }
  if (operationQuery.isError) {
    return <OperationUnavailable me={me} error={operationQuery.error} />;
  }
  return <OperationView me={me} detail={operationQuery.data} />;
}

function OperationUnavailable({ me, error }: { me: Me; error: unknown }) {
  const needsSecondFactor = isApiError(error, "second_factor_setup_required");
  return (
    <>
      <BackLink />
      <PageTitle title="Operation unavailable" />
      <ErrorMessage error={error} />
      {needsSecondFactor && me.totpEnabled ? (
        <p>
          Your account has two-factor sign-in, but this session was opened without the code. Sign
          out, then sign in again with your 6-digit code.
        </p>
      ) : null}
      {needsSecondFactor && !me.totpEnabled ? (
        <p>
          <Link href="/account/two-factor">Set up two-factor sign-in</Link>, then open the operation
          again.
        </p>
      ) : null}
    </>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link href="/operations">
        <span aria-hidden="true">← </span>All operations
      </Link>
    </p>
  );
}

function OperationView({ me, detail }: { me: Me; detail: OperationDetail }) {
  const { operation, role, team } = detail;
  const canManage = role === "admin" || me.isAdmin;
  const { startsAt, endsAt } = operation.authorization;
  const access = roleAccess(role, { isTraining: operation.isTraining, isSystemAdmin: me.isAdmin });

  return (
    <>
      <BackLink />
      <OperationBanner me={me} operationId={operation.id} />
      <div className="page-heading">
        <PageTitle title={operation.name} />
        <p className="page-heading-meta">
          <OperationBadges
            active={isWithinWindow(startsAt, endsAt) && !operation.closed}
            isTraining={operation.isTraining}
          />
          <Badge>{`${formatMode(operation.mode)} mode`}</Badge>
          <span className="muted">
            {role
              ? `Your role: ${formatRole(role)}`
              : "You are not on the team (system admin view)"}
          </span>
        </p>
        <nav aria-label="Work in this operation">
          <ul className="action-links">
            {access.operate ? (
              <li>
                <Link
                  href={`/operations/${operation.id}/console`}
                  className="button button-primary"
                >
                  Open the live console
                </Link>
              </li>
            ) : access.readConversations ? (
              <li>
                <Link
                  href={`/operations/${operation.id}/console`}
                  className="button button-primary"
                >
                  Read transcripts
                </Link>
              </li>
            ) : null}
            {access.review ? (
              <li>
                <Link href={`/operations/${operation.id}/review`} className="button">
                  Review queue
                </Link>
              </li>
            ) : null}
            {access.identify ? (
              <li>
                <Link href={`/operations/${operation.id}/subjects`} className="button">
                  Subjects
                </Link>
              </li>
            ) : null}
            {access.referrals ? (
              <li>
                <Link href={`/operations/${operation.id}/referrals`} className="button">
                  Referrals
                </Link>
              </li>
            ) : null}
            {access.dashboard ? (
              <li>
                <Link href={`/operations/${operation.id}/dashboard`} className="button">
                  Supervision dashboard
                </Link>
              </li>
            ) : null}
            <li>
              <Link href={`/operations/${operation.id}/personas`} className="button">
                Personas
              </Link>
            </li>
            {access.audit ? (
              <li>
                <Link href={`/operations/${operation.id}/audit`} className="button">
                  Audit log
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
      <div className="columns">
        <section aria-labelledby="authorization-heading" className="section">
          <h2 id="authorization-heading">Authorization</h2>
          <AuthorizationRecord operation={operation} />
        </section>
        <div>
          <section aria-labelledby="team-heading" className="section">
            <h2 id="team-heading">Team</h2>
            <TeamTable operationId={operation.id} team={team} canManage={canManage} />
            {canManage ? <AddMemberForm operationId={operation.id} /> : null}
          </section>
          {canManage ? <SecuritySetting operation={operation} /> : null}
          {canManage && !operation.isTraining ? <CloseOperation operation={operation} /> : null}
        </div>
      </div>
    </>
  );
}

import { REFERRAL_STATUSES } from "@sweetie/core/referral/lifecycle";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import {
  changeDraft,
  fetchReferral,
  packageUrl,
  releaseReferral,
  type ReferralDetail,
  type ReferralSelection,
} from "../../api/referrals";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import type { RoleAccess } from "../../roleAccess";
import { ReferralHistory } from "./ReferralHistory";
import { ReferralPreviewPanel, previewKey } from "./ReferralPreviewPanel";
import { ReferralTracking } from "./ReferralTracking";
import {
  countryLabel,
  formatBytes,
  OUTCOME_WORDS,
  shortHash,
  STATUS_SHORT,
  STATUS_TONE,
  STATUS_WORDS,
} from "./referralFormat";
import { SubjectPicker } from "./SubjectPicker";

interface ReferralSceneProps {
  me: Me;
  operationId: string;
  referralId: string;
}

/** One referral: where it stands, its preview, release (four-eyes), the package, what came after. */
export function ReferralScene({ me, operationId, referralId }: ReferralSceneProps) {
  const access = useRoleAccess(me, operationId);
  const detail = useQuery({
    queryKey: ["referral", operationId, referralId],
    queryFn: () => fetchReferral(operationId, referralId),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <p className="back-link">
        <Link href={`/operations/${operationId}/referrals`}>
          <span aria-hidden="true">← </span>Referrals
        </Link>
      </p>
      {detail.isPending ? <p className="muted">Loading the referral…</p> : null}
      {detail.isError ? (
        <>
          <PageTitle title="Referral unavailable" />
          <ErrorMessage error={detail.error} />
        </>
      ) : null}
      {detail.data && access ? (
        <ReferralView operationId={operationId} referral={detail.data.referral} access={access} />
      ) : null}
    </>
  );
}

function ReferralView({
  operationId,
  referral,
  access,
}: {
  operationId: string;
  referral: ReferralDetail;
  access: RoleAccess;
}) {
  const current = REFERRAL_STATUSES.indexOf(referral.status);
  return (
    <>
      <div className="page-heading">
        <PageTitle title={`Referral to ${countryLabel(referral.country)}`} />
        <p className="page-heading-meta">
          <Badge tone={STATUS_TONE[referral.status]}>{STATUS_WORDS[referral.status]}</Badge>
          {referral.outcome ? <Badge>{OUTCOME_WORDS[referral.outcome]}</Badge> : null}
          <span className="muted">
            Built by {referral.builtBy.name}
            {referral.releasedBy ? `, released by ${referral.releasedBy.name}` : ""}
          </span>
        </p>
      </div>
      <ol className="status-steps" aria-label="Where the referral stands">
        {REFERRAL_STATUSES.map((status, index) => (
          <li
            key={status}
            className={index <= current ? "status-step status-step-done" : "status-step"}
            aria-current={index === current ? "step" : undefined}
          >
            {STATUS_SHORT[status]}
          </li>
        ))}
      </ol>
      {referral.status === "draft" ? (
        <>
          <ReleasePanel operationId={operationId} referral={referral} access={access} />
          {access.buildReferrals ? (
            <ChangeDraft operationId={operationId} referral={referral} />
          ) : null}
          <ReferralPreviewPanel operationId={operationId} referralId={referral.id} />
        </>
      ) : (
        <PackagePanel operationId={operationId} referral={referral} access={access} />
      )}
      {access.releaseReferrals ? (
        <ReferralTracking operationId={operationId} referral={referral} />
      ) : null}
      <ReferralHistory referral={referral} />
    </>
  );
}

function ReleasePanel({
  operationId,
  referral,
  access,
}: {
  operationId: string;
  referral: ReferralDetail;
  access: RoleAccess;
}) {
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: () => releaseReferral(operationId, referral.id),
    onSuccess: ({ referral: released }) => {
      queryClient.setQueryData(["referral", operationId, referral.id], { referral: released });
      void queryClient.invalidateQueries({ queryKey: ["referrals", operationId] });
    },
  });
  return (
    <section className="section" aria-labelledby="release-heading">
      <h2 id="release-heading">Release</h2>
      <p className="muted">
        Releasing builds the package once, signs it and keeps it by its hash. After that the
        referral cannot change. A supervisor who did not build it releases it.
      </p>
      {referral.canRelease ? (
        <>
          <ErrorMessage error={release.error} />
          <button
            type="button"
            className="button button-primary"
            onClick={() => release.mutate()}
            disabled={release.isPending}
          >
            Release the package
          </button>
          {release.isPending ? (
            <p role="status" className="muted">
              Building and signing the package. This can take a minute.
            </p>
          ) : null}
        </>
      ) : (
        <p className="message message-info" role="note">
          {referral.releaseBlockedBecause ?? "You cannot release this referral."}
          {access.releaseReferrals || !access.buildReferrals
            ? null
            : " You can change the draft until then."}
        </p>
      )}
    </section>
  );
}

function ChangeDraft({ operationId, referral }: { operationId: string; referral: ReferralDetail }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (selection: ReferralSelection) => changeDraft(operationId, referral.id, selection),
    onSuccess: async ({ referral: changed }) => {
      queryClient.setQueryData(["referral", operationId, referral.id], { referral: changed });
      await queryClient.invalidateQueries({ queryKey: previewKey(operationId, referral.id) });
      void queryClient.invalidateQueries({ queryKey: ["referrals", operationId] });
    },
  });
  return (
    <details className="panel change-draft">
      <summary>Change the draft</summary>
      <SubjectPicker
        key={referral.steps.length}
        operationId={operationId}
        country={referral.country}
        referralId={referral.id}
        initial={{ agencyId: referral.agency?.id ?? null, subjectIds: referral.subjectIds }}
        submitLabel="Save the changes"
        pending={change.isPending}
        error={change.error}
        onSubmit={(selection) => change.mutate(selection)}
      />
    </details>
  );
}

function PackagePanel({
  operationId,
  referral,
  access,
}: {
  operationId: string;
  referral: ReferralDetail;
  access: RoleAccess;
}) {
  const pkg = referral.package;
  if (!pkg) return null;
  return (
    <section className="section" aria-labelledby="package-heading">
      <h2 id="package-heading">Package</h2>
      <dl className="record">
        <div className="record-row">
          <dt>File</dt>
          <dd>
            {pkg.fileName} ({formatBytes(pkg.sizeBytes)})
          </dd>
        </div>
        <div className="record-row">
          <dt>SHA-256</dt>
          <dd>
            <code className="secret-wrap">{pkg.sha256}</code>
          </dd>
        </div>
        <div className="record-row">
          <dt>Signed head</dt>
          <dd>
            {pkg.headSize.toLocaleString("en-GB")} entries, root{" "}
            <code title={pkg.headRoot}>{shortHash(pkg.headRoot)}</code>
            {access.heads ? (
              <>
                {" "}
                ·{" "}
                <Link href={`/operations/${operationId}/heads`}>signed heads and cosignatures</Link>
              </>
            ) : null}
          </dd>
        </div>
        <div className="record-row">
          <dt>Receiving agency</dt>
          <dd>
            {referral.agency
              ? `${referral.agency.name}${referral.agency.unit ? `, ${referral.agency.unit}` : ""}`
              : "None"}
            {referral.agencyReference ? ` (their reference: ${referral.agencyReference})` : ""}
          </dd>
        </div>
      </dl>
      {access.releaseReferrals ? (
        <p className="action-links">
          <a className="button" href={packageUrl(operationId, referral.id)} download={pkg.fileName}>
            Download the package
          </a>
        </p>
      ) : (
        <p className="muted">A supervisor downloads the package and sends it to the agency.</p>
      )}
      <p className="muted package-help">
        The agency checks it offline: with <code>sweetie verify</code>, or by opening{" "}
        <code>verify.html</code> from the package in a browser.
      </p>
    </section>
  );
}

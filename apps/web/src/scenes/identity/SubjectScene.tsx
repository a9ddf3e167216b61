import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import { decideMerge, fetchSubject, findingFileUrl, type SubjectDetail } from "../../api/identity";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { DisclosureExport } from "../../components/DisclosureExport";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { ClaimCard } from "./ClaimCard";
import { ClaimForm } from "./ClaimForm";
import { CountryPanel } from "./CountryPanel";
import { FindingForm } from "./FindingForm";
import { FindingPicture } from "./FindingPicture";
import { ComparisonOpinionItem } from "./ComparisonOpinion";
import { ComparisonPicker } from "./ImageComparison";
import { IDENTIFIER_KIND_LABELS, provenanceText } from "./identityFormat";
import { ChatText } from "../../components/ChatText";

interface SubjectSceneProps {
  me: Me;
  operationId: string;
  subjectId: string;
}

/** One subject: identifiers with provenance, findings, claims, country, merges, conversations. */
export function SubjectScene({ me, operationId, subjectId }: SubjectSceneProps) {
  const access = useRoleAccess(me, operationId);
  const detail = useQuery({
    queryKey: ["subject", operationId, subjectId],
    queryFn: () => fetchSubject(operationId, subjectId),
  });
  if (detail.isPending) return <p className="muted">Loading the subject…</p>;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  const data = detail.data;
  const { subject } = data;
  const canRecord = access?.recordIdentity ?? false;
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <p className="back-link">
        <Link href={`/operations/${operationId}/subjects`}>
          <span aria-hidden="true">← </span>Subjects
        </Link>
      </p>
      <PageTitle title={subject.label} />
      <p className="page-heading-meta">
        {subject.status.established ? (
          <Badge tone="active">Established</Badge>
        ) : (
          <Badge>Not established</Badge>
        )}
        <Link href={`/operations/${operationId}/subjects/${subjectId}/graph`}>Graph view</Link>
      </p>
      {!subject.status.established ? (
        <ul className="claim-missing" aria-label="What this subject still needs">
          {subject.status.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {subject.mergedInto ? (
        <p className="console-notice">
          This subject was merged into{" "}
          <Link href={`/operations/${operationId}/subjects/${subject.mergedInto}`}>
            another subject
          </Link>
          .
        </p>
      ) : null}
      <MergeSuggestions operationId={operationId} detail={data} canRecord={canRecord} />
      <div className="columns">
        <section className="section" aria-labelledby="identifiers-heading">
          <h2 id="identifiers-heading">Identifiers</h2>
          {data.observations.length === 0 ? <p className="muted">None seen yet.</p> : null}
          <ul className="plain-list identifier-list">
            {data.observations.map((o) => (
              <li key={o.id}>
                <strong>{IDENTIFIER_KIND_LABELS[o.kind]}:</strong>{" "}
                <span className="secret">{o.value}</span>
                {o.platform ? <span className="muted"> on {o.platform}</span> : null}
                <br />
                <span className="muted">{provenanceText(o)}</span>
              </li>
            ))}
          </ul>
        </section>
        <CountryPanel operationId={operationId} detail={data} canRecord={canRecord} />
      </div>
      <section className="section" aria-labelledby="claims-heading">
        <h2 id="claims-heading">Claims</h2>
        {data.claims.length === 0 ? <p className="muted">No claim yet.</p> : null}
        {data.claims.map((claim) => (
          <ClaimCard
            key={claim.id}
            operationId={operationId}
            claim={claim}
            subjectLabel={subject.label}
            canSignOff={access?.signOffClaims ?? false}
            meId={me.id}
          />
        ))}
        {canRecord ? (
          <details className="panel">
            <summary>Propose a claim</summary>
            <ClaimForm operationId={operationId} detail={data} />
          </details>
        ) : null}
      </section>
      <section className="section" aria-labelledby="findings-heading">
        <h2 id="findings-heading">Findings</h2>
        {data.findings.length === 0 && data.comparisons.length === 0 ? (
          <p className="muted">No finding recorded yet.</p>
        ) : null}
        <ul className="plain-list finding-list">
          {data.findings.map((f) => (
            <li key={f.id} className="panel finding-item">
              <h3>{f.title}</h3>
              <p className="muted">
                Seen {formatDateTime(f.seenAt)} by {f.recordedByName}
                {f.sourceUrl ? (
                  <>
                    {" "}
                    at <span className="secret">{f.sourceUrl}</span>
                  </>
                ) : null}
                {f.retracted ? " · retracted" : ""}
              </p>
              {f.note ? <p>{f.note}</p> : null}
              {f.file ? (
                <p>
                  {f.file.displayable ? (
                    <FindingPicture
                      operationId={operationId}
                      subjectId={subjectId}
                      findingId={f.id}
                      label={f.title}
                      download={`${f.file.mediaType}, ${(f.file.sizeBytes / 1024).toFixed(0)} KiB`}
                    />
                  ) : (
                    <a href={findingFileUrl(operationId, f.id)} download>
                      Download the file ({f.file.mediaType}, {(f.file.sizeBytes / 1024).toFixed(0)}{" "}
                      KiB)
                    </a>
                  )}
                  <br />
                  <span className="muted audit-id">SHA-256 {f.file.sha256}</span>
                </p>
              ) : null}
              {f.similarImages.length > 0 ? (
                <p className="console-notice">
                  Same picture as {f.similarImages.length} other image
                  {f.similarImages.length === 1 ? "" : "s"} of this operation
                  {f.similarImages.some((s) => s.mirrored) ? " (one mirrored)" : ""}. Whether two
                  pictures show one person is your judgement: compare them side by side below.
                </p>
              ) : null}
            </li>
          ))}
          {data.comparisons.map((c) => (
            <ComparisonOpinionItem
              key={c.id}
              operationId={operationId}
              comparison={c}
              canRecord={canRecord}
            />
          ))}
        </ul>
        {canRecord ? (
          <details className="panel">
            <summary>Record a finding</summary>
            <FindingForm operationId={operationId} subjectId={subjectId} />
          </details>
        ) : null}
      </section>
      <ComparisonPicker operationId={operationId} detail={data} canRecord={canRecord} />
      <div className="columns">
        <section className="section" aria-labelledby="conversations-heading">
          <h2 id="conversations-heading">Conversations</h2>
          <ul className="plain-list">
            {data.conversations.map((c) => (
              <li key={c.id}>
                <Link
                  className="conversation-handle"
                  href={`/operations/${operationId}/review/${c.id}`}
                >
                  <ChatText text={c.counterpartHandle} />
                </Link>{" "}
                <span className="muted">
                  {c.stage.replaceAll("_", " ")}, since {formatDateTime(c.createdAt)}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted">{data.captures.length} webcam capture(s) in these conversations.</p>
        </section>
        <section className="section" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <ol className="plain-list history-list">
            {data.timeline.map((t, i) => (
              <li key={i}>
                <span className="muted">{formatDateTime(t.at)}</span> {t.text}
              </li>
            ))}
          </ol>
        </section>
      </div>
      {access?.disclose ? (
        <DisclosureExport operationId={operationId} scope="subject" targetId={subjectId} />
      ) : null}
    </>
  );
}

function MergeSuggestions({
  operationId,
  detail,
  canRecord,
}: {
  operationId: string;
  detail: SubjectDetail;
  canRecord: boolean;
}) {
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (input: { otherSubjectId: string; decision: "merge" | "not_same" }) =>
      decideMerge(operationId, detail.subject.id, {
        ...input,
        reason: input.decision === "merge" ? "They share identifiers" : "Not the same person",
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["subject", operationId] });
      await queryClient.invalidateQueries({ queryKey: ["subjects", operationId] });
    },
  });
  if (detail.mergeSuggestions.length === 0) return null;
  return (
    <section className="section" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Possibly the same person</h2>
      {detail.mergeSuggestions.map((s) => (
        <div key={s.subjectId} className="panel">
          <p>
            <Link href={`/operations/${operationId}/subjects/${s.subjectId}`}>{s.label}</Link>{" "}
            shares{" "}
            {s.shared
              .map((x) => `${IDENTIFIER_KIND_LABELS[x.kind].toLowerCase()} ${x.normalized}`)
              .join(", ")}
            .
          </p>
          {canRecord ? (
            <p className="form-actions-inline">
              <button
                type="button"
                className="button"
                onClick={() => decide.mutate({ otherSubjectId: s.subjectId, decision: "merge" })}
              >
                Merge into this subject
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => decide.mutate({ otherSubjectId: s.subjectId, decision: "not_same" })}
              >
                Not the same person
              </button>
            </p>
          ) : null}
        </div>
      ))}
      {decide.isError ? <ErrorMessage error={decide.error} /> : null}
    </section>
  );
}

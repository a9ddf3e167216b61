import { useQuery } from "@tanstack/react-query";
import { fetchPreview, type ReferralPreview } from "../../api/referrals";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { count } from "./referralFormat";

export const previewKey = (operationId: string, referralId: string) =>
  ["referral-preview", operationId, referralId] as const;

/** What the package will cite, before it is built: subjects, claims with sources, files. */
export function ReferralPreviewPanel({
  operationId,
  referralId,
}: {
  operationId: string;
  referralId: string;
}) {
  // Every read of the preview is audited: read it once per visit, not on every focus.
  const preview = useQuery({
    queryKey: previewKey(operationId, referralId),
    queryFn: () => fetchPreview(operationId, referralId),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return (
    <section className="section" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview: what the package will cite</h2>
      {preview.isPending ? <p className="muted">Reading what the package will contain…</p> : null}
      <ErrorMessage error={preview.error} />
      {preview.data ? (
        <PreviewBody preview={preview.data.preview} ready={preview.data.ready} />
      ) : null}
    </section>
  );
}

function PreviewBody({ preview, ready }: { preview: ReferralPreview; ready: boolean }) {
  const { totals } = preview;
  return (
    <>
      <p>
        {ready ? (
          <Badge tone="active">Ready to release</Badge>
        ) : (
          <Badge>Not ready to release</Badge>
        )}{" "}
        {count(totals.subjects, "subject")}, {count(totals.conversations, "conversation")},{" "}
        {count(totals.messages, "message")}, {count(totals.captures, "capture")},{" "}
        {count(totals.ledgerEntries, "evidence log entry", "evidence log entries")}.
      </p>
      <p className="muted">
        Receiving agency:{" "}
        {preview.agency
          ? `${preview.agency.name}${preview.agency.unit ? `, ${preview.agency.unit}` : ""}`
          : "none chosen yet"}
      </p>
      {preview.warnings.length > 0 ? (
        <div className="message message-warn" role="note">
          <p className="preview-warnings-title">Before release</p>
          <ul className="preview-warnings">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="plain-list preview-subjects">
        {preview.subjects.map((subject) => (
          <li key={subject.id} className="panel preview-subject">
            <h3>
              {subject.label}{" "}
              {subject.established ? (
                <Badge tone="active">Established</Badge>
              ) : (
                <Badge>Not established</Badge>
              )}
            </h3>
            {subject.established ? null : (
              <ul className="claim-missing">
                {subject.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
            <h4>Established claims</h4>
            {subject.claims.length === 0 ? (
              <p className="muted">None: the report will say the identity is not established.</p>
            ) : (
              <ul className="preview-claims">
                {subject.claims.map((claim) => (
                  <li key={`${claim.words}-${claim.value}`}>
                    {claim.words}: <span className="secret">{claim.value}</span>
                    <ul className="claim-sources">
                      {claim.sources.map((source) => (
                        <li key={source}>{source}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
            <h4>Conversations</h4>
            <ul className="preview-conversations">
              {subject.conversations.map((c) => (
                <li key={c.id}>
                  With <span className="secret">{c.counterpart}</span>:{" "}
                  {count(c.messages, "message")}, {count(c.captures, "capture")},{" "}
                  {count(c.entries, "log entry", "log entries")}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h3>Files in every package</h3>
      <dl className="record">
        {preview.files.map((file) => (
          <div key={file.path} className="record-row">
            <dt>
              <code>{file.path}</code>
            </dt>
            <dd>{file.what}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

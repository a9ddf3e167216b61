import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { signOffClaim, type Claim } from "../../api/identity";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { formatDateTime } from "../../format";

/** A claim with its grading in words, its sources, sign-offs and status; a reviewer may sign off. */
export function ClaimCard({
  operationId,
  claim,
  subjectLabel,
  canSignOff,
  meId,
}: {
  operationId: string;
  claim: Claim;
  subjectLabel: string;
  canSignOff: boolean;
  meId: string;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const signOff = useMutation({
    mutationFn: () => signOffClaim(operationId, claim.id, note),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["subject", operationId] });
      await queryClient.invalidateQueries({ queryKey: ["awaiting-sign-off", operationId] });
    },
  });
  const active = claim.citations.filter((c) => !c.retracted);
  return (
    <article
      className="panel claim-card"
      aria-label={`Claim: ${subjectLabel} ${claim.predicateWords} ${claim.value}`}
    >
      <h3>
        {subjectLabel} {claim.predicateWords} <span className="secret">{claim.value}</span>
      </h3>
      <p>
        {claim.retracted ? (
          <Badge tone="closed">Retracted</Badge>
        ) : claim.status.established ? (
          <Badge tone="active">Established</Badge>
        ) : (
          <Badge>Not established</Badge>
        )}{" "}
        {claim.grading ? <span>{claim.grading.words}</span> : null}
      </p>
      {!claim.status.established && !claim.retracted ? (
        <ul className="claim-missing">
          {claim.status.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        {claim.status.independentSources} independent source
        {claim.status.independentSources === 1 ? "" : "s"}:
      </p>
      <ul className="claim-sources">
        {active.map((c) => (
          <li key={c.id}>
            {c.source.type === "finding"
              ? `Finding “${c.source.title}”${c.source.fileSha256 ? `, file SHA-256 ${c.source.fileSha256.slice(0, 12)}…` : ""}`
              : `Said in the chat: ${c.source.value}`}
          </li>
        ))}
      </ul>
      {claim.signOffs.filter((s) => !s.retracted).length > 0 ? (
        <p className="muted">
          Signed off{" "}
          {claim.signOffs
            .filter((s) => !s.retracted)
            .map((s) => formatDateTime(s.createdAt))
            .join(", ")}
        </p>
      ) : null}
      {canSignOff && !claim.status.established && !claim.retracted ? (
        claim.authorId === meId ? (
          <p className="muted">You wrote this claim: another supervisor must sign it off.</p>
        ) : (
          <form
            className="form-inline"
            onSubmit={(event) => {
              event.preventDefault();
              signOff.mutate();
            }}
          >
            <div className="field">
              <label htmlFor={`signoff-note-${claim.id}`}>Sign-off note</label>
              <input
                id={`signoff-note-${claim.id}`}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <button type="submit" className="button button-primary" disabled={signOff.isPending}>
              Sign off this claim
            </button>
          </form>
        )
      ) : null}
      {signOff.isError ? <ErrorMessage error={signOff.error} /> : null}
    </article>
  );
}

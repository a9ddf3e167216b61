import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { CLAIM_PREDICATES } from "@sweetie/core/identity/claims";
import { CREDIBILITY, RELIABILITY } from "@sweetie/core/identity/admiralty";
import { fieldErrorOf } from "../../api/apiError";
import { createClaim, type SubjectDetail } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";
import { TextField } from "../../components/TextField";
import {
  CLAIM_PREDICATE_WORDS,
  CREDIBILITY_WORDS,
  IDENTIFIER_KIND_LABELS,
  RELIABILITY_WORDS,
} from "./identityFormat";

/** Proposes a claim about the subject, graded, citing findings and observations. */
export function ClaimForm({ operationId, detail }: { operationId: string; detail: SubjectDetail }) {
  const queryClient = useQueryClient();
  const subjectId = detail.subject.id;
  const [predicate, setPredicate] = useState<string>("is_named");
  const [value, setValue] = useState("");
  const [reliability, setReliability] = useState("B");
  const [credibility, setCredibility] = useState("2");
  const [reason, setReason] = useState("");
  const [cited, setCited] = useState<Set<string>>(new Set());
  const create = useMutation({
    mutationFn: () =>
      createClaim(operationId, subjectId, {
        predicate,
        value,
        reliability,
        credibility,
        gradingReason: reason,
        citations: [...cited].map((key) => {
          const [type, id] = key.split(":") as [string, string];
          return type === "finding" ? { findingId: id } : { observationId: id };
        }),
      }),
    onSuccess: async () => {
      setValue("");
      setReason("");
      setCited(new Set());
      await queryClient.invalidateQueries({ queryKey: ["subject", operationId, subjectId] });
    },
  });
  const toggle = (key: string) => {
    const next = new Set(cited);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setCited(next);
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const sources = [
    ...detail.findings
      .filter((f) => !f.retracted)
      .map((f) => ({ key: `finding:${f.id}`, label: `Finding: ${f.title}` })),
    ...detail.observations.map((o) => ({
      key: `observation:${o.id}`,
      label: `${IDENTIFIER_KIND_LABELS[o.kind]}: ${o.value}`,
    })),
  ];
  return (
    <form className="form" onSubmit={handleSubmit} aria-label="Propose a claim">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`claim-predicate-${subjectId}`}>The subject…</label>
          <select
            id={`claim-predicate-${subjectId}`}
            value={predicate}
            onChange={(e) => setPredicate(e.target.value)}
          >
            {CLAIM_PREDICATES.map((p) => (
              <option key={p} value={p}>
                {CLAIM_PREDICATE_WORDS[p]}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Value"
          value={value}
          onValueChange={setValue}
          required
          fieldError={fieldErrorOf(create.error, "value")}
        />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`claim-reliability-${subjectId}`}>How reliable is the source?</label>
          <select
            id={`claim-reliability-${subjectId}`}
            value={reliability}
            onChange={(e) => setReliability(e.target.value)}
          >
            {RELIABILITY.map((r) => (
              <option key={r} value={r}>
                {RELIABILITY_WORDS[r]} ({r})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`claim-credibility-${subjectId}`}>How credible is the information?</label>
          <select
            id={`claim-credibility-${subjectId}`}
            value={credibility}
            onChange={(e) => setCredibility(e.target.value)}
          >
            {CREDIBILITY.map((c) => (
              <option key={c} value={c}>
                {CREDIBILITY_WORDS[c]} ({c})
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField
        label="Why this grading"
        value={reason}
        onValueChange={setReason}
        required
        fieldError={fieldErrorOf(create.error, "gradingReason")}
      />
      <fieldset className="field">
        <legend>Sources it rests on</legend>
        {sources.length === 0 ? <p className="muted">Record a finding first.</p> : null}
        {sources.map((source) => (
          <div key={source.key} className="field-checkbox">
            <input
              id={`cite-${subjectId}-${source.key}`}
              type="checkbox"
              checked={cited.has(source.key)}
              onChange={() => toggle(source.key)}
            />
            <label htmlFor={`cite-${subjectId}-${source.key}`}>{source.label}</label>
          </div>
        ))}
      </fieldset>
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Propose the claim
        </button>
      </div>
    </form>
  );
}

import type { SubjectSummary } from "@sweetie/core/api/identitySchemas";
import { identityConfidence } from "@sweetie/core/identity/identityConfidence";
import { subjectStatus, type ClaimView } from "./identityRepository";

// How a subject reads in lists and at the head of its page: status, counts, what needs work.

const iso = (d: Date) => d.toISOString();

/** A subject's summary from its claims and counts (members: itself and what was merged in). */
export function summarize(
  subject: { id: string; label: string; country: string | null; created_at: Date },
  claims: readonly ClaimView[],
  counts: { identifiers: number; findings: number; conversations: number; members: number },
  confidence: number | null,
): SubjectSummary {
  const active = claims.filter((c) => !c.retracted);
  const status = subjectStatus(subject.country, claims);
  const establishedClaims = active.filter((c) => c.status.established).length;
  return {
    id: subject.id,
    label: subject.label,
    country: subject.country,
    status,
    establishedClaims,
    claims: active.length,
    awaitingSignOff: active.filter(awaitsSignOff).length,
    identifiers: counts.identifiers,
    findings: counts.findings,
    conversations: counts.conversations,
    confidence,
    identityConfidence: identityConfidence({
      established: status.established,
      establishedClaims,
      claims: active.length,
    }),
    mergedSubjects: counts.members - 1,
    createdAt: iso(subject.created_at),
  };
}

/** A claim a reviewer can act on: not established, not retracted, no valid sign-off yet. */
export function awaitsSignOff(claim: ClaimView): boolean {
  if (claim.retracted || claim.status.established) return false;
  return claim.status.missing.some((m) => /sign it off/u.test(m));
}

export const count = (rows: readonly { subject_id: string }[], ids: readonly string[]) =>
  rows.filter((r) => ids.includes(r.subject_id)).length;

import type { DbOrTrx } from "../db/database";
import {
  subjectsForReferral,
  type CitationView,
  type ClaimView,
  type ReferralSubject as IdentifiedSubject,
} from "../identity/identityRepository";
import {
  recordReferralSource,
  type ReferralIdentifier,
  type ReferralSource,
  type ReferralSubject,
} from "./referralSource";
import { findingFilePath } from "./subjectIdentification";

// The package's subjects from the identification workspace: each chosen subject with its
// country, whether it is established and why not, and its established claims with the sources
// they cite (findings with their file hashes, what the chat disclosed), each by ledger entry id,
// so the report cites the evidence the identity stands on.

/** A cited source, in words, with the ledger entry that holds it. */
export function citationWords(citation: CitationView): string {
  const entry = (id: string | null) => (id ? `ledger entry ${id}` : "no ledger entry");
  const source = citation.source;
  if (source.type === "finding") {
    const file = source.fileSha256 ? `, file SHA-256 ${source.fileSha256}` : "";
    const where = source.sourceUrl ? ` at ${source.sourceUrl}` : "";
    return `finding "${source.title}"${where}, seen ${source.seenAt}${file} (${entry(source.ledgerEntryId)})`;
  }
  const place = source.messageId
    ? `said in the chat (message ${source.messageId}${source.span ? `, characters ${source.span.start}–${source.span.end}` : ""})`
    : source.eventId
      ? "recorded by the chat connector"
      : "shown by a finding";
  return `${source.kind} "${source.value}", ${place} (${entry(source.ledgerEntryId)})`;
}

/** An established claim as the report lists it: what is claimed, and every source it cites. */
export function claimIdentifier(claim: ClaimView): ReferralIdentifier {
  const cited = claim.citations.filter((c) => !c.retracted);
  const signOff = claim.signOffs.find((s) => !s.retracted);
  return {
    kind: claim.predicateWords,
    value: claim.value,
    claim: { id: claim.id, predicate: claim.predicate },
    sources: [
      `claim: ledger entry ${claim.ledgerEntryId ?? "—"}`,
      ...(claim.grading ? [`graded ${claim.grading.words}`] : []),
      ...cited.map(citationWords),
      ...(signOff ? [`signed off (ledger entry ${signOff.ledgerEntryId ?? "—"})`] : []),
    ],
    status: claim.retracted
      ? "retracted"
      : claim.status.established
        ? `established: ${claim.status.independentSources} independent sources, signed off by a reviewer`
        : `not established: ${claim.status.missing.join(" ")}`,
    basis: claimBasis(claim),
  };
}

/** The findings' files and chat messages an active citation of the claim points to. */
function claimBasis(claim: ClaimView): NonNullable<ReferralIdentifier["basis"]> {
  const files = new Map<string, NonNullable<ReferralIdentifier["basis"]>["files"][number]>();
  const messages = new Map<string, { id: string; conversationId: string | null }>();
  for (const { source, retracted } of claim.citations) {
    if (retracted) continue;
    if (source.type === "finding") {
      if (source.fileSha256 && source.fileSizeBytes !== null) {
        files.set(source.findingId, {
          findingId: source.findingId,
          title: source.title,
          path: findingFilePath(claim.subjectId, source.findingId, source.fileMediaType),
          mediaType: source.fileMediaType ?? "application/octet-stream",
          sizeBytes: source.fileSizeBytes,
          sha256: source.fileSha256,
        });
      }
    } else if (source.messageId) {
      messages.set(source.messageId, {
        id: source.messageId,
        conversationId: source.conversationId,
      });
    }
  }
  return { files: [...files.values()], messages: [...messages.values()] };
}

export function toPackageSubject(subject: IdentifiedSubject): ReferralSubject {
  return {
    id: subject.id,
    label: subject.label,
    country: subject.country,
    established: subject.status.established,
    notEstablishedBecause: subject.status.established ? null : subject.status.reasons.join(" "),
    identifiers: subject.establishedClaims.map(claimIdentifier),
    conversationIds: subject.conversationIds,
  };
}

export const identityReferralSource: ReferralSource = {
  operation: (db, operationId) => recordReferralSource.operation(db, operationId),
  async subjects(db: DbOrTrx, operationId, filter) {
    const subjects = await subjectsForReferral(db, operationId, filter.country);
    const wanted = filter.subjectIds ? new Set(filter.subjectIds) : null;
    return subjects.filter((s) => !wanted || wanted.has(s.id)).map(toPackageSubject);
  },
};

import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";

// What a package is built from, behind one interface: the operation with its authorization and
// persona, and the subjects with their conversations. The identification workspace adds each
// subject's identifiers, claims and sources here; the package code does not change.

export interface ReferralOperation {
  id: string;
  name: string;
  mode: string;
  isTraining: boolean;
  authorization: {
    issuingAuthority: string;
    reference: string;
    partnerUnit: string;
    startsAt: string;
    endsAt: string;
    permittedVenues: string[];
  };
  personas: { id: string; name: string; age: number; gender: string; location: string }[];
}

export interface ReferralIdentifier {
  kind: string;
  value: string;
  /** The claim it stands on, when it is one (its id and what it claims, e.g. "uses_email"). */
  claim?: { id: string; predicate: string };
  /** Where it came from: the message it was disclosed in, or an analyst's finding. */
  sources: string[];
  /** The claim's status in words ("established: 2 independent sources, signed off"). */
  status?: string;
  /**
   * What the claim rests on, for the JSON-LD's links: the cited findings' files (as the package
   * carries them, under evidence/subjects/) and the chat messages the cited observations are in.
   */
  basis?: {
    files: {
      findingId: string;
      title: string;
      path: string;
      mediaType: string;
      sizeBytes: number;
      sha256: string;
    }[];
    messages: { id: string; conversationId: string | null }[];
  };
}

export interface ReferralSubject {
  id: string;
  label: string;
  country: string | null;
  /** Established: identity backed by two independent sources and a reviewer's sign-off. */
  established: boolean;
  /** Why not, when not established (in the analyst's words). */
  notEstablishedBecause: string | null;
  identifiers: ReferralIdentifier[];
  conversationIds: string[];
}

export interface ReferralSource {
  operation(db: DbOrTrx, operationId: string): Promise<ReferralOperation>;
  /** The operation's subjects (optionally of one country, or only the given ids). */
  subjects(
    db: DbOrTrx,
    operationId: string,
    filter: { country?: string; subjectIds?: readonly string[] },
  ): Promise<ReferralSubject[]>;
}

/**
 * From the tables the review and console keep today. Until the identification workspace lands,
 * no subject is established and none has identifiers: the builder says so.
 */
export const recordReferralSource: ReferralSource = {
  async operation(db, operationId) {
    const op = await db
      .selectFrom("operations")
      .selectAll()
      .where("id", "=", operationId)
      .executeTakeFirstOrThrow();
    const personas = await db
      .selectFrom("personas")
      .select(["id", "name", "age", "gender", "location"])
      .where("operation_id", "=", operationId)
      .orderBy("created_at")
      .execute();
    return {
      id: op.id,
      name: op.name,
      mode: op.mode,
      isTraining: op.is_training,
      authorization: {
        issuingAuthority: op.issuing_authority,
        reference: op.authorization_reference,
        partnerUnit: op.partner_unit,
        startsAt: op.starts_at.toISOString(),
        endsAt: op.ends_at.toISOString(),
        permittedVenues: op.permitted_venues,
      },
      personas,
    };
  },

  async subjects(db, operationId, filter) {
    let query = db
      .selectFrom("subjects")
      .select([
        "subjects.id",
        "subjects.label",
        "subjects.country",
        sql<string[]>`coalesce(
          (select array_agg(sc.conversation_id::text order by sc.created_at)
             from subject_conversations sc where sc.subject_id = subjects.id),
          '{}')`.as("conversation_ids"),
      ])
      .where("subjects.operation_id", "=", operationId)
      .orderBy("subjects.created_at")
      .orderBy("subjects.id");
    if (filter.country) query = query.where("subjects.country", "=", filter.country);
    if (filter.subjectIds) {
      if (filter.subjectIds.length === 0) return [];
      query = query.where("subjects.id", "in", [...filter.subjectIds]);
    }
    const rows = await query.execute();
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      country: row.country,
      established: false,
      notEstablishedBecause: "no identity has been established yet (identification workspace)",
      identifiers: [],
      conversationIds: row.conversation_ids,
    }));
  },
};

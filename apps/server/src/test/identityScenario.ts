import { Readable } from "node:stream";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import type { BlobStore } from "../blobs/blobStore";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import type { Db } from "../db/database";
import { appendEvidence } from "../ledger/evidenceAppender";
import { ORIGIN_EVENT_KIND, syncChatObservations } from "../identity/chatObservations";
import { citeSources, createClaim, signOffClaim } from "../identity/claimCommands";
import { retract } from "../identity/retraction";
import type { IdentityPorts } from "../identity/identityPorts";
import { recordFinding } from "../identity/recordFinding";
import { recordImageComparison } from "../identity/recordImageComparison";
import { confirmCountry, decideMerge } from "../identity/subjectDecisions";

/** A fixed deconfliction secret for tests (the server's comes from the environment or data dir). */
export const TEST_DECONFLICTION_SECRET = new Uint8Array(32).fill(7);

export function testIdentityPorts(db: Db, blobs: BlobStore = databaseBlobStore(db)): IdentityPorts {
  return { evidence: ledgerEvidence, blobs, deconflictionSecret: TEST_DECONFLICTION_SECRET };
}

export const actorOf = (user: { id: string; username: string }) => ({
  userId: user.id,
  username: user.username,
  isAdmin: false,
  ip: "127.0.0.1",
});

/** Stages bytes in the blob store as an upload would. */
export function stageBytes(blobs: BlobStore, bytes: Uint8Array, maxBytes = 50 * 1024 * 1024) {
  return blobs.stage(Readable.from([Buffer.from(bytes)]), maxBytes);
}

/**
 * The identification evidence of one subject, written by the commands the routes run: a network
 * origin recorded by a connector (an observation), two independent findings with files and a
 * third found through the first, an identifier a finding shows, a claim citing them, a grading, a retracted
 * citation, a sign-off by someone who is not the author, a "not the same person" decision and a
 * country confirmation.
 */
export async function buildIdentityEvidence(
  db: Db,
  input: {
    operationId: string;
    conversationId: string;
    subjectId: string;
    analyst: { id: string; username: string };
    supervisor: { id: string; username: string };
    image: Uint8Array;
  },
) {
  const ports = testIdentityPorts(db);
  await db.transaction().execute(async (trx) => {
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: input.operationId,
        conversation_id: input.conversationId,
        kind: ORIGIN_EVENT_KIND,
        payload: JSON.stringify({ origin: "irc:~cp1@host-203-0-113-7.example.net" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvidence(trx, {
      kind: "event",
      operationId: input.operationId,
      source: { table: "events", id: event.id },
    });
    await syncChatObservations(trx, ports, {
      operationId: input.operationId,
      conversationIds: [input.conversationId],
    });
  });
  const analyst = actorOf(input.analyst);
  const first = await recordFinding(db, ports, {
    actor: analyst,
    operationId: input.operationId,
    subjectId: input.subjectId,
    title: "Public profile page",
    sourceUrl: "https://social.example/cp1",
    seenAt: new Date("2026-11-30T10:00:00Z"),
    note: "Same handle, profile photo saved",
    derivedFrom: null,
    identifiers: [{ kind: "email", value: "CP1@Example.net" }],
    file: { fileName: "profile.png", staged: await stageBytes(ports.blobs, input.image) },
  });
  const secondBytes = new TextEncoder().encode("%PDF-1.4\n% a saved register extract\n");
  const second = await recordFinding(db, ports, {
    actor: analyst,
    operationId: input.operationId,
    subjectId: input.subjectId,
    title: "Business register extract",
    sourceUrl: "https://register.example/entry/42",
    seenAt: new Date("2026-11-30T11:00:00Z"),
    note: "Looked up separately in the public register",
    derivedFrom: null,
    identifiers: [],
    file: { fileName: "register.pdf", staged: await stageBytes(ports.blobs, secondBytes) },
  });
  // Found through the first one: not an independent source for it.
  await recordFinding(db, ports, {
    actor: analyst,
    operationId: input.operationId,
    subjectId: input.subjectId,
    title: "Photo album linked from the profile",
    sourceUrl: "https://social.example/cp1/photos",
    seenAt: new Date("2026-11-30T10:30:00Z"),
    note: "",
    derivedFrom: first.id,
    identifiers: [],
    file: null,
  });
  const observation = await db
    .selectFrom("observations")
    .select("id")
    .where("finding_id", "=", first.id)
    .executeTakeFirstOrThrow();
  const claim = await db.transaction().execute((trx) =>
    createClaim(trx, ports, {
      actor: analyst,
      operationId: input.operationId,
      subjectId: input.subjectId,
      predicate: "uses_email",
      value: "cp1@example.net",
      reliability: "B",
      credibility: "2",
      gradingReason: "shown on the subject's own profile",
      citations: [{ findingId: first.id }, { findingId: second.id }],
    }),
  );
  const cited = await db.transaction().execute((trx) =>
    citeSources(trx, ports, {
      actor: analyst,
      operationId: input.operationId,
      claimId: claim.id,
      citations: [{ observationId: observation.id }],
    }),
  );
  await db.transaction().execute((trx) =>
    retract(trx, ports, {
      actor: analyst,
      operationId: input.operationId,
      target: "citation",
      targetId: cited.ids[0]!,
      reason: "the finding already cites this",
    }),
  );
  await db.transaction().execute((trx) =>
    signOffClaim(trx, ports, {
      actor: actorOf(input.supervisor),
      operationId: input.operationId,
      claimId: claim.id,
      note: "both captures checked",
    }),
  );
  const other = await db
    .insertInto("subjects")
    .values({ operation_id: input.operationId, label: "Another subject" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.transaction().execute((trx) =>
    decideMerge(trx, ports, {
      actor: analyst,
      operationId: input.operationId,
      subjectId: input.subjectId,
      otherSubjectId: other.id,
      decision: "not_same",
      reason: "different ages stated",
    }),
  );
  await db.transaction().execute((trx) =>
    confirmCountry(trx, ports, {
      actor: analyst,
      operationId: input.operationId,
      subjectId: input.subjectId,
      country: "DE",
      note: "email domain and stated city agree",
    }),
  );
  // An analyst's side-by-side opinion on the conversation's webcam capture and the profile photo.
  const capture = await db
    .selectFrom("captures")
    .select("id")
    .where("conversation_id", "=", input.conversationId)
    .executeTakeFirst();
  const comparison = capture
    ? await recordImageComparison(db, ports, {
        actor: analyst,
        operationId: input.operationId,
        subjectId: input.subjectId,
        left: { kind: "capture", id: capture.id },
        right: { kind: "finding", id: first.id },
        opinion: "same_person",
        reason: "same room, same shirt and the same mark on the wall",
      })
    : null;
  return {
    claimId: claim.id,
    findingIds: [first.id, second.id],
    otherSubjectId: other.id,
    comparisonId: comparison?.id ?? null,
  };
}

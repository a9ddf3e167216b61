import { sql } from "kysely";
import { captureBytesIn } from "../blobs/captureBytes";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { addCapture } from "../commands/addCapture";
import { ingestMessages } from "../commands/ingestMessages";
import { reviewConversation } from "../commands/reviewConversation";
import { coreAnalyzer } from "../conversations/coreAnalyzer";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import type { Db } from "../db/database";
import { appendEvidence } from "../ledger/evidenceAppender";
import { buildOperationWithTeam, buildUser } from "./accounts";
import { buildPersona, buildVenue } from "./factories";
import { buildIdentityEvidence } from "./identityScenario";
import { draftReferral } from "../referrals/referralLifecycle";
import { recordDisclosureExport } from "../disclosures/buildDisclosure";

// The smallest valid PNG (1×1), built here rather than read from a fixture.
export const PNG = Uint8Array.from(
  Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
    "hex",
  ),
);

/** The finding's saved image: another file than the capture's, so each entry has its own. */
export const FINDING_PNG = Uint8Array.from([...PNG, 0x0a]);

const actor = (user: { id: string; username: string }) => ({
  userId: user.id,
  username: user.username,
  isAdmin: false,
  ip: "127.0.0.1",
});

/**
 * One operation with every kind of evidence, written by the same code the server runs: the
 * persona's presence, a conversation a counterpart opened (ingest: its opening, messages and
 * protocol events), a supervisor's confirmation (decision, subject link, event), a capture,
 * an exposure override and the identification workspace's evidence on the subject (findings with
 * files, observations, a claim with citations, grading, retraction and sign-off, a merge
 * decision, a country confirmation). Returns the operation and the people.
 */
export async function buildEvidenceScenario(db: Db) {
  const [operator, supervisor, analyst] = await Promise.all([
    buildUser(db),
    buildUser(db),
    buildUser(db),
  ]);
  const operation = await buildOperationWithTeam(db, {
    team: [
      { userId: operator.id, role: "operator" },
      { userId: supervisor.id, role: "supervisor" },
      { userId: analyst.id, role: "analyst" },
    ],
  });
  const venue = await buildVenue(db, operation.id);
  const persona = await buildPersona(db, operation.id);
  // Presence, as goPresent records it (its connector hub is not needed for the evidence).
  await db.transaction().execute(async (trx) => {
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: operation.id,
        kind: "presence.started",
        payload: JSON.stringify({
          venue: "training://lobby",
          venueId: venue.id,
          personaId: persona.id,
          displayName: "ana",
        }),
        actor_id: operator.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvidence(trx, {
      kind: "event",
      operationId: operation.id,
      source: { table: "events", id: event.id },
    });
  });
  const ports = {
    analyzer: coreAnalyzer,
    evidence: ledgerEvidence,
    captures: captureBytesIn(databaseBlobStore(db)),
  };
  await db.transaction().execute((trx) =>
    ingestMessages(
      trx,
      ports,
      ["hi asl?", "do you have a cam", "i can send load"].map((text, i) => ({
        operationId: operation.id,
        venueId: venue.id,
        personaId: persona.id,
        message: {
          venueAddress: "training://lobby",
          counterpartId: "cp-1",
          counterpartHandle: "cp one",
          bytes: new TextEncoder().encode(text),
          receivedAt: new Date(Date.now() + i),
          // As a real network's connector gives it: origin and the raw line (message_wire).
          origin: { network: "irc.example.org", server: "irc.test.local", sender: "cp!u@host" },
          wire: [new TextEncoder().encode(`:cp!u@host PRIVMSG ana :${text}\r\n`)],
        },
      })),
    ),
  );
  const conversation = await db
    .selectFrom("conversations")
    .select("id")
    .where("operation_id", "=", operation.id)
    .executeTakeFirstOrThrow();
  // Proposal is working state (derived); set it so the review can run.
  await sql`update conversations set proposed = true where id = ${conversation.id}`.execute(db);
  await db.transaction().execute((trx) =>
    reviewConversation(trx, ports, {
      actor: actor(supervisor),
      operationId: operation.id,
      conversationId: conversation.id,
      decision: "confirm",
      reason: "asked for a paid webcam show after the age statement",
    }),
  );
  await addCapture(db, ports, {
    actor: actor(operator),
    operationId: operation.id,
    conversationId: conversation.id,
    fileName: "cam.png",
    mediaType: "image/png",
    bytes: PNG,
  });
  // An exposure override, as the exposure route records it.
  await db.transaction().execute(async (trx) => {
    const override = await trx
      .insertInto("exposure_overrides")
      .values({
        operation_id: operation.id,
        user_id: operator.id,
        day: new Date().toISOString().slice(0, 10),
        extra_reveals: 5,
        granted_by: supervisor.id,
        reason: "end of a long case",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvidence(trx, {
      kind: "exposure_override",
      operationId: operation.id,
      source: { table: "exposure_overrides", id: override.id },
    });
  });
  // The identification workspace's evidence on the subject the confirmation made (issue 11).
  const subject = await db
    .selectFrom("subjects")
    .select("id")
    .where("operation_id", "=", operation.id)
    .executeTakeFirstOrThrow();
  const identity = await buildIdentityEvidence(db, {
    operationId: operation.id,
    conversationId: conversation.id,
    subjectId: subject.id,
    analyst,
    supervisor,
    image: FINDING_PNG,
  });
  // A referral of the subject, drafted by the analyst (issue 12): a referral_step entry.
  const referral = await db.transaction().execute((trx) =>
    draftReferral(trx, ports, {
      actor: actor(analyst),
      operationId: operation.id,
      country: "DE",
      agencyId: null,
      subjectIds: [subject.id],
    }),
  );
  // A disclosure export of the conversation, recorded as the export records a built package: a
  // disclosure entry (the package itself is built by the disclosure tests, not needed here).
  const disclosure = await db
    .insertInto("disclosures")
    .values({
      operation_id: operation.id,
      scope: "conversation",
      target_id: conversation.id,
      requested_by: supervisor.id,
      conversations_total: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordDisclosureExport(db, ports, {
    actor: actor(supervisor),
    disclosure,
    built: {
      sha256: "ab".repeat(32),
      sizeBytes: 4096,
      headSize: 1,
      headRoot: "cd".repeat(32),
      files: 9,
      conversationIds: [conversation.id],
    },
  });
  return {
    referralId: referral.id,
    operation,
    operator,
    supervisor,
    analyst,
    conversationId: conversation.id,
    subjectId: subject.id,
    identity,
  };
}

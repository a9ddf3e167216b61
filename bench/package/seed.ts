import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { captureBytesIn } from "../../apps/server/src/blobs/captureBytes";
import { databaseBlobStore } from "../../apps/server/src/blobs/databaseBlobStore";
import { addCapture } from "../../apps/server/src/commands/addCapture";
import { ingestMessages, type IngestItem } from "../../apps/server/src/commands/ingestMessages";
import { reviewConversation } from "../../apps/server/src/commands/reviewConversation";
import { coreAnalyzer } from "../../apps/server/src/conversations/coreAnalyzer";
import { ledgerEvidence } from "../../apps/server/src/conversations/ledgerEvidence";
import type { Db } from "../../apps/server/src/db/database";
import { buildOperationWithTeam, buildUser } from "../../apps/server/src/test/accounts";
import { buildPersona, buildVenue } from "../../apps/server/src/test/factories";

// Seeds the package benchmark's operation through the real paths: the counterparts' messages go
// through ingest (detector, protocol, ledger), each conversation is confirmed by a supervisor
// (decision, subject, link) and gets a capture (JPEG-sized random bytes).

export const BENCH_OPERATION = "Benchmark operation";

const LINES = [
  "hi asl?",
  "how old r u",
  "where do you live",
  "do you have a cam",
  "i can send load",
  "are you alone now",
  "ok",
  "lol",
  "u there?",
  "what school grade",
];

const actor = (user: { id: string; username: string }) => ({
  userId: user.id,
  username: user.username,
  isAdmin: false,
  ip: "127.0.0.1",
});

export async function seedPackageOperation(
  db: Db,
  subjects: number,
  messages: number,
  captureBytes: number,
): Promise<string> {
  const [operator, supervisor] = [await buildUser(db), await buildUser(db)];
  const operation = await buildOperationWithTeam(db, {
    name: BENCH_OPERATION,
    team: [
      { userId: operator.id, role: "operator" },
      { userId: supervisor.id, role: "supervisor" },
    ],
  });
  const venue = await buildVenue(db, operation.id);
  const persona = await buildPersona(db, operation.id);
  const ports = {
    analyzer: coreAnalyzer,
    evidence: ledgerEvidence,
    captures: captureBytesIn(databaseBlobStore(db)),
  };
  const t0 = Date.now() - subjects * messages;
  for (let from = 0; from < subjects; from += 20) {
    const items: IngestItem[] = [];
    for (let s = from; s < Math.min(subjects, from + 20); s++) {
      for (let m = 0; m < messages; m++) {
        items.push({
          operationId: operation.id,
          venueId: venue.id,
          personaId: persona.id,
          message: {
            venueAddress: "training://lobby",
            counterpartId: `cp-${s}`,
            counterpartHandle: `counterpart ${s}`,
            bytes: new TextEncoder().encode(`${LINES[(s + m) % LINES.length]} (${m})`),
            receivedAt: new Date(t0 + s * messages + m),
          },
        });
      }
    }
    await db.transaction().execute((trx) => ingestMessages(trx, ports, items));
  }
  const conversations = await db
    .selectFrom("conversations")
    .select("id")
    .where("operation_id", "=", operation.id)
    .orderBy("created_at")
    .execute();
  await sql`update conversations set proposed = true where operation_id = ${operation.id}`.execute(
    db,
  );
  const jpeg = (i: number) => {
    const bytes = randomBytes(captureBytes);
    bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
    bytes.writeUInt32BE(i, 8);
    return bytes;
  };
  for (const [i, c] of conversations.entries()) {
    await db.transaction().execute((trx) =>
      reviewConversation(trx, ports, {
        actor: actor(supervisor),
        operationId: operation.id,
        conversationId: c.id,
        decision: "confirm",
        reason: "asked for a paid webcam show after the age statement",
      }),
    );
    await addCapture(db, ports, {
      actor: actor(operator),
      operationId: operation.id,
      conversationId: c.id,
      fileName: `cam-${i}.jpg`,
      mediaType: "image/jpeg",
      bytes: jpeg(i),
    });
  }
  await sql`update subjects set country = 'NL' where operation_id = ${operation.id}`.execute(db);
  return operation.id;
}

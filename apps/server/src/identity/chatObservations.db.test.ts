import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestMessages } from "../commands/ingestMessages";
import { reviewConversation } from "../commands/reviewConversation";
import { coreAnalyzer } from "../conversations/coreAnalyzer";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import { issueTreeHead } from "../ledger/headIssuer";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { buildOperationWithTeam, buildUser } from "../test/accounts";
import { buildPersona, buildVenue } from "../test/factories";
import { actorOf, TEST_DECONFLICTION_SECRET } from "../test/identityScenario";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { originValues } from "./chatObservations";

// Issue 11, build 2: what the chat discloses becomes observations on the conversation's
// subject, pointing to the exact message and span, at confirmation and then at ingest.

const store = useTestStore();
const ports = {
  analyzer: coreAnalyzer,
  evidence: ledgerEvidence,
  deconflictionSecret: TEST_DECONFLICTION_SECRET,
};
let operationId: string;
let venueId: string;
let personaId: string;
let supervisor: { id: string; username: string };

const ingest = (texts: string[], sender = "cp7!~kid7@host-198-51-100-4.example.net") =>
  store.db.transaction().execute((trx) =>
    ingestMessages(
      trx,
      ports,
      texts.map((text, i) => ({
        operationId,
        venueId,
        personaId,
        message: {
          venueAddress: "training://lobby",
          counterpartId: "cp-7",
          counterpartHandle: "cp seven",
          bytes: new TextEncoder().encode(text),
          receivedAt: new Date(Date.now() + i),
          origin: { network: "irc.example.org", server: "irc.test.local", sender },
          wire: [new TextEncoder().encode(`:${sender} PRIVMSG ana :${text}\r\n`)],
        },
      })),
    ),
  );

const observationsOf = (subjectId: string) =>
  store.db
    .selectFrom("observations as o")
    .leftJoin("messages as m", "m.id", "o.message_id")
    .select(["o.id", "o.kind", "o.value", "o.message_id", "o.span_start", "o.span_end", "m.body"])
    .where("o.subject_id", "=", subjectId)
    .orderBy("o.created_at")
    .execute();

beforeAll(async () => {
  const [operator, chief] = await Promise.all([buildUser(store.db), buildUser(store.db)]);
  supervisor = chief;
  const operation = await buildOperationWithTeam(store.db, {
    team: [
      { userId: operator.id, role: "operator" },
      { userId: chief.id, role: "supervisor" },
    ],
  });
  operationId = operation.id;
  venueId = (await buildVenue(store.db, operationId)).id;
  personaId = (await buildPersona(store.db, operationId)).id;
});

describe("observations from the chat", () => {
  it("reads the identifying part of a network origin", () => {
    expect(originValues({ sender: "nick!~id@host.example" })).toEqual(["irc:~id@host.example"]);
    expect(
      originValues({
        sender: "room@muc.example/nick",
        realJid: "a@b.example/phone",
        occupantId: "x1",
      }),
    ).toEqual(["xmpp:a@b.example/phone", "occupant:x1"]);
    expect(originValues({ sender: "room@muc.example/nick" })).toEqual([]);
    expect(originValues(null)).toEqual([]);
  });

  it("adds nothing while the conversation has no subject, then everything at confirmation, then each new message's at ingest", async () => {
    await ingest(["hi", "email me: Kid7.Example@Mail.test"]);
    expect(await store.db.selectFrom("observations").select("id").execute()).toEqual([]);

    const conversation = await store.db
      .selectFrom("conversations")
      .select("id")
      .where("operation_id", "=", operationId)
      .executeTakeFirstOrThrow();
    await sql`update conversations set proposed = true where id = ${conversation.id}`.execute(
      store.db,
    );
    const { subjectId } = await store.db.transaction().execute((trx) =>
      reviewConversation(trx, ports, {
        actor: actorOf(supervisor),
        operationId,
        conversationId: conversation.id,
        decision: "confirm",
        reason: "asked for a webcam show after the age statement",
      }),
    );
    const confirmed = await observationsOf(subjectId!);
    const email = confirmed.find((o) => o.kind === "email")!;
    expect(email.value).toBe("kid7.example@mail.test");
    // The span points to the exact characters of the exact message.
    expect(email.body!.slice(email.span_start!, email.span_end!).toLowerCase()).toBe(
      "kid7.example@mail.test",
    );
    const origin = confirmed.find((o) => o.kind === "network_origin")!;
    expect(origin.value).toBe("irc:~kid7@host-198-51-100-4.example.net");
    expect(origin.body).toBe("hi");

    // A new message of the subject's conversation adds its identifier in the ingest transaction;
    // the origin already observed is not observed again.
    const { messageIds } = await ingest(["text me +44 7700 900123"]);
    const after = await observationsOf(subjectId!);
    const phone = after.find((o) => o.kind === "phone")!;
    expect(phone).toMatchObject({ value: "+447700900123", message_id: messageIds[0] });
    expect(after.filter((o) => o.kind === "network_origin")).toHaveLength(1);

    // A new origin (the counterpart reconnected from elsewhere) is a new observation.
    await ingest(["back"], "cp7!~kid7@host-203-0-113-9.example.net");
    expect(
      (await observationsOf(subjectId!)).filter((o) => o.kind === "network_origin"),
    ).toHaveLength(2);

    // Each is a ledger entry, and each is in the deconfliction index.
    const ids = (await observationsOf(subjectId!)).map((o) => o.id);
    const entries = await store.db
      .selectFrom("ledger_entries")
      .select(["kind", "source_id"])
      .where("source_table", "=", "observations")
      .where("source_id", "in", ids)
      .execute();
    expect(entries).toHaveLength(ids.length);
    expect(entries.every((e) => e.kind === "observation")).toBe(true);
    const pointers = await store.db
      .selectFrom("deconfliction_pointers")
      .select("kind")
      .where("subject_id", "=", subjectId!)
      .execute();
    expect(new Set(pointers.map((p) => p.kind))).toEqual(
      new Set(["email", "phone", "network_origin"]),
    );
    await issueTreeHead(store.db, testSigner(), operationId);
    expect((await verifyLedger(store.db, { operationId })).problem).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { buildConversation, buildMessage } from "../../test/factories";
import { PNG } from "../../test/evidenceScenario";
import { multipartBody } from "../../test/multipart";
import { fillPath } from "../../test/routeTable";
import { useTestApp } from "../../test/testHooks";

// Acceptance (issue 11): two operations with disjoint teams hold one person: the same email (said
// in the chat) and the same handle (shown by a finding). Both supervisors get the pointer with
// the other side's contact; no response to either team carries the other operation's name, id,
// subject label, identifier values or message text.

const server = useTestApp();

interface Side {
  name: string;
  operationId: string;
  supervisor: { session: SignedIn; displayName: string };
  analyst: { session: SignedIn };
  subjectId: string;
  subjectLabel: string;
  conversationId: string;
  findingId: string;
  ownEmail: string;
  messageText: string;
}

const SHARED_EMAIL = "shared.person@example.net";

async function buildSide(tag: string): Promise<Side> {
  const db = server.store.db;
  const name = `Operation ${tag} Secret`;
  const { operation, members } = await buildSignedInTeam(server.app, db, ["supervisor", "analyst"]);
  await db.updateTable("operations").set({ name }).where("id", "=", operation.id).execute();
  const subjectLabel = `${tag} subject label`;
  const subject = await db
    .insertInto("subjects")
    .values({ operation_id: operation.id, label: subjectLabel })
    .returning("id")
    .executeTakeFirstOrThrow();
  const conversation = await buildConversation(db, {
    operation_id: operation.id,
    counterpart_handle: `${tag}-handle-x`,
  });
  await db
    .insertInto("subject_conversations")
    .values({ subject_id: subject.id, conversation_id: conversation.id })
    .execute();
  const ownEmail = `only-${tag.toLowerCase()}@example.org`;
  const messageText = `mail me ${SHARED_EMAIL} or ${ownEmail} (${tag} words)`;
  const at = (value: string) => messageText.indexOf(value);
  await buildMessage(db, {
    operation_id: operation.id,
    conversation_id: conversation.id,
    body: messageText,
    indicators: JSON.stringify(
      [SHARED_EMAIL, ownEmail].map((value) => ({
        type: "id.email",
        start: at(value),
        end: at(value) + value.length,
        value,
        confidence: 0.9,
        rule: "id.email/address",
      })),
    ),
  });
  // Viewing the subjects turns the chat's disclosures into observations (and pointers).
  const list = await server.app.inject({
    method: "GET",
    url: `/api/operations/${operation.id}/subjects`,
    headers: members.analyst.session.headers,
  });
  expect(list.statusCode, list.body).toBe(200);
  const body = multipartBody(
    {
      title: "Profile",
      seenAt: "2026-11-30T10:00:00Z",
      identifierKind: "account",
      identifierValue: "Tom_88",
      identifierPlatform: "kik",
    },
    { name: "file", fileName: "profile.png", type: "image/png", bytes: PNG },
  );
  const finding = await server.app.inject({
    method: "POST",
    url: `/api/operations/${operation.id}/subjects/${subject.id}/findings`,
    headers: { ...members.analyst.session.headers, ...body.headers },
    payload: body.payload,
  });
  expect(finding.statusCode, finding.body).toBe(201);
  return {
    name,
    operationId: operation.id,
    supervisor: {
      session: members.supervisor.session,
      displayName: members.supervisor.user.display_name,
    },
    analyst: { session: members.analyst.session },
    subjectId: subject.id,
    subjectLabel,
    conversationId: conversation.id,
    findingId: finding.json<{ id: string }>().id,
    ownEmail,
    messageText,
  };
}

let a: Side;
let b: Side;
let getRoutes: string[];

beforeAll(async () => {
  a = await buildSide("Alpha");
  b = await buildSide("Bravo");
  const doc = (await server.app.inject({ method: "GET", url: "/api/openapi.json" })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  getRoutes = Object.entries(doc.paths)
    .filter(([, methods]) => "get" in methods)
    .map(([path]) => path);
});

const secretsOf = (side: Side) => [
  side.name,
  side.operationId,
  side.subjectId,
  side.subjectLabel,
  side.ownEmail,
  side.messageText,
  side.conversationId,
  side.findingId,
];

describe("deconfliction between operations with disjoint teams", () => {
  it("gives both supervisors a pointer with the other side's contact, and nothing else", async () => {
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const response = await server.app.inject({
        method: "GET",
        url: `/api/operations/${own.operationId}/deconfliction`,
        headers: own.supervisor.session.headers,
      });
      expect(response.statusCode).toBe(200);
      const { notices } = response.json<{
        notices: { subjectId: string; kind: string; contacts: { displayName: string }[] }[];
      }>();
      expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(["email", "account"]));
      for (const notice of notices) {
        expect(notice.subjectId).toBe(own.subjectId);
        expect(notice.contacts.map((c) => c.displayName)).toEqual([other.supervisor.displayName]);
      }
    }
  });

  it("no response to either team carries the other operation's case data", async () => {
    let checked = 0;
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const params = {
        operationId: own.operationId,
        subjectId: own.subjectId,
        conversationId: own.conversationId,
        findingId: own.findingId,
      };
      for (const caller of [own.supervisor.session, own.analyst.session]) {
        for (const path of getRoutes) {
          let url: string;
          try {
            url = fillPath(path, params);
          } catch {
            continue; // a route about something neither side has here (a capture, a user)
          }
          const response = await server.app.inject({ method: "GET", url, headers: caller.headers });
          for (const secret of secretsOf(other)) {
            expect(response.body, `${path} leaks ${secret}`).not.toContain(secret);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

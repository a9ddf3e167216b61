import { createHash } from "node:crypto";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { manualClock } from "../clock";
import { buildSignedInTeam } from "../test/accounts";
import { buildConversation, buildMessage, storeBlob } from "../test/factories";
import { MASKED_MESSAGE } from "../test/lexicon/maskedTerms";
import { useTestApp } from "../test/testHooks";

// Issue 9, S8 on the server: explicit terms leave the server masked and capture bytes stay on
// it until the person reveals them, reveals count on the server, and past the budget nothing
// more is shown. Every read of a transcript (REST, live socket) is audited.

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

interface Transcript {
  messages: { id: string; body: string; masked: boolean; maskedSpans: unknown[] }[];
}

describe("operator welfare enforced by the server", () => {
  const clock = manualClock(new Date());
  const server = useTestApp({ clock, listen: true, config: { SWEETIE_REVEAL_MINUTES: 10 } });

  async function world() {
    const team = await buildSignedInTeam(server.app, server.store.db, ["supervisor", "operator"]);
    const operationId = team.operation.id;
    const conversation = await buildConversation(server.store.db, { operation_id: operationId });
    const message = (body: string) =>
      buildMessage(server.store.db, {
        operation_id: operationId,
        conversation_id: conversation.id,
        body,
      });
    await storeBlob(server.store.db, PNG);
    const capture = await server.store.db
      .insertInto("captures")
      .values({
        operation_id: operationId,
        conversation_id: conversation.id,
        media_type: "image/png",
        file_name: "capture.png",
        size_bytes: PNG.length,
        sha256: createHash("sha256").update(PNG).digest("hex"),
        captured_by: team.members.operator.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const operator = team.members.operator.session.headers;
    const as = (headers: Record<string, string>) => ({
      transcript: async () =>
        (
          await server.app.inject({
            url: `/api/operations/${operationId}/conversations/${conversation.id}`,
            headers,
          })
        ).json<Transcript>(),
      content: () =>
        server.app.inject({
          url: `/api/operations/${operationId}/captures/${capture.id}/content`,
          headers,
        }),
      reveal: (targetType: "message" | "capture", targetId: string) =>
        server.app.inject({
          method: "POST",
          url: `/api/operations/${operationId}/reveals`,
          headers,
          payload: { targetType, targetId },
        }),
    });
    const setBudget = (dailyReveals: number) =>
      server.app.inject({
        method: "PUT",
        url: `/api/operations/${operationId}/exposure-budgets/${team.members.operator.user.id}`,
        headers: team.members.supervisor.session.headers,
        payload: { dailyReveals },
      });
    return {
      ...team,
      operationId,
      conversation,
      capture,
      message,
      operator: as(operator),
      setBudget,
    };
  }

  it("sends explicit terms masked until revealed, for the reveal window", async () => {
    const w = await world();
    const message = await w.message(MASKED_MESSAGE.body);
    const plain = await w.message("how was school");
    const before = await w.operator.transcript();
    const masked = before.messages.find((m) => m.id === message.id)!;
    expect(masked.masked).toBe(true);
    expect(masked.body).not.toContain(MASKED_MESSAGE.term);
    expect(masked.body).toContain("■".repeat(MASKED_MESSAGE.term.length));
    expect(masked.body).toHaveLength(MASKED_MESSAGE.body.length);
    expect(before.messages.find((m) => m.id === plain.id)).toMatchObject({
      masked: false,
      body: "how was school",
    });

    expect((await w.operator.reveal("message", message.id)).statusCode).toBe(200);
    const after = await w.operator.transcript();
    expect(after.messages.find((m) => m.id === message.id)).toMatchObject({
      masked: false,
      body: MASKED_MESSAGE.body,
    });
    // Another team member has not revealed it: they still get it masked.
    const supervisorView = await server.app.inject({
      url: `/api/operations/${w.operationId}/conversations/${w.conversation.id}`,
      headers: w.members.supervisor.session.headers,
    });
    expect(supervisorView.body).not.toContain(MASKED_MESSAGE.term);

    clock.advance(11 * 60_000);
    const later = await w.operator.transcript();
    expect(later.messages.find((m) => m.id === message.id)?.masked).toBe(true);
  });

  it("withholds capture bytes until revealed, and refuses bytes and text past the budget", async () => {
    const w = await world();
    const hidden = await w.operator.content();
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json()).toMatchObject({ code: "reveal_required" });
    expect(hidden.rawPayload.includes(PNG)).toBe(false);

    const message = await w.message(MASKED_MESSAGE.body);
    expect((await w.operator.reveal("capture", w.capture.id)).statusCode).toBe(200);
    expect((await w.operator.reveal("message", message.id)).statusCode).toBe(200);
    const shown = await w.operator.content();
    expect(shown.statusCode).toBe(200);
    expect(shown.rawPayload.equals(PNG)).toBe(true);

    // A supervisor sets a budget below what was already revealed today: past it, the API sends
    // neither the bytes nor the unmasked text, and refuses new reveals.
    expect((await w.setBudget(1)).statusCode).toBe(200);
    const refused = await w.operator.content();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "exposure_budget_exceeded" });
    expect(refused.rawPayload.includes(PNG)).toBe(false);
    const transcript = await w.operator.transcript();
    expect(transcript.messages.find((m) => m.id === message.id)?.masked).toBe(true);
    expect(JSON.stringify(transcript)).not.toContain(MASKED_MESSAGE.term);
    const again = await w.operator.reveal("message", message.id);
    expect(again.json()).toMatchObject({ code: "exposure_budget_exceeded" });
  });

  it("refuses a capture that was never revealed once the budget is used up", async () => {
    const w = await world();
    expect((await w.setBudget(1)).statusCode).toBe(200);
    const message = await w.message(MASKED_MESSAGE.body);
    expect((await w.operator.reveal("message", message.id)).statusCode).toBe(200);
    // The last reveal of the day went to the message; it stays readable, the capture does not.
    expect((await w.operator.transcript()).messages[0]).toMatchObject({ masked: false });
    expect((await w.operator.reveal("capture", w.capture.id)).statusCode).toBe(403);
    const bytes = await w.operator.content();
    expect(bytes.statusCode).toBe(403);
    expect(bytes.json()).toMatchObject({ code: "exposure_budget_exceeded" });
  });

  it("audits a live subscription once, as a read of the operation's transcripts", async () => {
    const w = await world();
    const socket = new WebSocket(
      `${server.url.replace("http", "ws")}/api/operations/${w.operationId}/live`,
      { headers: { cookie: w.members.operator.session.cookie } },
    );
    const hello = new Promise<string>((resolve) =>
      socket.once("message", (data: Buffer) => resolve(data.toString("utf8"))),
    );
    await once(socket, "open");
    expect(JSON.parse(await hello)).toMatchObject({ type: "hello" });
    socket.close();
    const rows = await server.store.db
      .selectFrom("audit")
      .selectAll()
      .where("action", "=", "conversation.live.subscribe")
      .where("actor_id", "=", w.members.operator.user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operation_id: w.operationId, target_id: w.operationId });
  });
});

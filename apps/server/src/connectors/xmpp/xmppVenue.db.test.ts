import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConsoleRuntime, type ConsoleRuntime } from "../../conversations/consoleRuntime";
import { buildOperationWithTeam } from "../../test/accounts";
import { waitUntil } from "../../test/loopback";
import { startProsody, type ProsodyServer } from "../../test/prosody";
import { useTestStore } from "../../test/testHooks";
import { bodyOf, connectCounterpart } from "../../test/xmppCounterpart";
import type { NetworkAccount } from "../connectorRegistry";
import { XmppConnector } from "./xmppConnector";

// The registered XMPP connector through the hub and the ingest queue, on each store: a private
// message from a room occupant is committed before the server is told it arrived, byte-exact.

describe("XMPP venue through the connector hub", () => {
  const store = useTestStore();
  let server: ProsodyServer;
  let runtime: ConsoleRuntime;

  beforeAll(async () => {
    server = await startProsody();
    runtime = await openConsoleRuntime({ store });
  });
  afterAll(async () => {
    await runtime?.close();
    await server?.dispose();
  });

  it("opens the conversation from an occupant's private message and stores it byte-exact", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const roomJid = `lounge-${randomUUID().slice(0, 6)}@${server.mucDomain}`;
    const venueAddress = `xmpp:${roomJid}`;
    const venue = await store.db
      .insertInto("venues")
      .values({
        operation_id: operation.id,
        protocol: "xmpp",
        name: roomJid,
        address: venueAddress,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const password = randomUUID();
    await server.register("persona-hub", password);
    const account: NetworkAccount = {
      protocol: "xmpp",
      key: "network-1",
      host: "127.0.0.1",
      port: server.port,
      tls: false,
      accountName: `persona-hub@${server.domain}`,
      secret: password,
      displayNames: ["ana", "ana_m"],
    };
    await runtime.hub.goPresent({
      operationId: operation.id,
      venueId: venue.id,
      venueAddress,
      personaId: null,
      displayName: "ana",
      account,
    });
    const presence = runtime.hub.presenceFor(operation.id, venue.id)!;
    expect(presence.connector).toBeInstanceOf(XmppConnector);

    const bob = await connectCounterpart(server, `bob-${randomUUID().slice(0, 6)}`);
    try {
      await bob.join(roomJid, "bobby");
      const text = "hello 😀 — ça va? ‮";
      await bob.say(`${roomJid}/ana`, text);
      await waitUntil(
        async () =>
          (await store.db
            .selectFrom("messages")
            .select("id")
            .where("operation_id", "=", operation.id)
            .executeTakeFirst()) !== undefined,
        { what: "the stored message" },
      );
      const conversation = await store.db
        .selectFrom("conversations")
        .selectAll()
        .where("operation_id", "=", operation.id)
        .executeTakeFirstOrThrow();
      expect(conversation.counterpart_handle).toBe("bobby");
      expect(conversation.counterpart_ref).toMatch(new RegExp(`^${roomJid}#`));
      const message = await store.db
        .selectFrom("messages")
        .selectAll()
        .where("conversation_id", "=", conversation.id)
        .executeTakeFirstOrThrow();
      expect(message.body).toBe(text);
      expect(Buffer.from(message.body_bytes).equals(Buffer.from(text, "utf8"))).toBe(true);

      await presence.connector.send(
        { venueAddress, counterpartId: conversation.counterpart_ref! },
        "sorry, have to go",
      );
      await waitUntil(() => bob.inbox.some((stanza) => bodyOf(stanza) === "sorry, have to go"), {
        what: "the reply",
      });
    } finally {
      await bob.stop();
    }
  });
});

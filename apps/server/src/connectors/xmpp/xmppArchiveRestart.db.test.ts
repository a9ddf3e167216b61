import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConsoleRuntime, type ConsoleRuntime } from "../../conversations/consoleRuntime";
import { newestArchiveId, storedArchiveIds } from "../../db/repositories/archiveCursorRepository";
import { buildOperationWithTeam } from "../../test/accounts";
import { waitUntil } from "../../test/loopback";
import { startProsody, type ProsodyServer } from "../../test/prosody";
import { useTestStore } from "../../test/testHooks";
import { connectCounterpart } from "../../test/xmppCounterpart";
import type { IncomingPrivateMessage } from "../connector";
import type { NetworkAccount } from "../connectorRegistry";
import { personaResource } from "./xmppAccount";
import { XmppConnector } from "./xmppConnector";

// The archive cursor survives the server process: a process dies while the room keeps talking
// to the persona (the server holds the messages for the lost session and archives them); the
// next process reads the newest stored archive id from the database, fills the gap from the
// archive once, and stores nothing twice, byte-exact, with ledger entries.

describe("XMPP archive gap across a server process restart", () => {
  const store = useTestStore();
  let server: ProsodyServer;
  const runtimes: ConsoleRuntime[] = [];

  beforeAll(async () => {
    server = await startProsody();
  });
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close().catch(() => {});
    await server?.dispose();
  });

  it("fills what the dead process never stored, once, from the cursor kept in the database", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const roomJid = `lounge-${randomUUID().slice(0, 6)}@${server.mucDomain}`;
    const venueAddress = `xmpp:${roomJid}`;
    const username = `persona-${randomUUID().slice(0, 6)}`;
    const password = randomUUID();
    await server.register(username, password);
    const network = await store.db
      .insertInto("venue_networks")
      .values({
        operation_id: operation.id,
        protocol: "xmpp",
        host: "127.0.0.1",
        port: server.port,
        tls: false,
        account_name: `${username}@${server.domain}`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const venue = await store.db
      .insertInto("venues")
      .values({
        operation_id: operation.id,
        protocol: "xmpp",
        name: roomJid,
        address: venueAddress,
        network_id: network.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const account: NetworkAccount = {
      protocol: "xmpp",
      key: network.id,
      host: "127.0.0.1",
      port: server.port,
      tls: false,
      accountName: `${username}@${server.domain}`,
      secret: password,
      displayNames: ["ana", "ana_m"],
    };
    const goPresent = async () => {
      const runtime = await openConsoleRuntime({ store });
      runtimes.push(runtime);
      await runtime.hub.goPresent({
        operationId: operation.id,
        venueId: venue.id,
        venueAddress,
        personaId: null,
        displayName: "ana",
        account,
      });
      return runtime;
    };
    const incoming = async () =>
      store.db
        .selectFrom("messages")
        .leftJoin("message_wire", "message_wire.message_id", "messages.id")
        .select([
          "messages.id",
          "messages.body",
          "messages.body_bytes",
          "messages.conversation_id",
          "message_wire.origin",
          "message_wire.wire",
        ])
        .where("messages.operation_id", "=", operation.id)
        .where("messages.direction", "=", "in")
        .orderBy("messages.seq")
        .execute();

    const first = await goPresent();
    const bob = await connectCounterpart(server, `bob-${randomUUID().slice(0, 6)}`);
    try {
      await bob.join(roomJid, "bobby");
      const texts = ["one 😀 ça va", "two", "three — ünïcödé 🎈", "four ‮ end"];
      await bob.say(`${roomJid}/ana`, texts[0]!);
      await bob.say(`${roomJid}/ana`, texts[1]!);
      await waitUntil(async () => (await incoming()).length === 2, { what: "two stored" });
      expect(await newestArchiveId(store.db, network.id)).toBe(
        ((await incoming())[1]!.origin as { archiveId: string }).archiveId,
      );

      // The process dies: its connection drops without a goodbye, and the server holds the
      // session for it (stream management) while the counterpart keeps writing.
      const dead = first.hub.presenceFor(operation.id, venue.id)!.connector as XmppConnector;
      await dead.fault(600);
      await bob.say(`${roomJid}/ana`, texts[2]!);
      await bob.say(`${roomJid}/ana`, texts[3]!);
      // Both reached the room (and the persona's held session and archive) before the process
      // goes: a message the room handles after the persona left is refused back to its sender.
      await bob.handled(roomJid);
      await first.close();

      await goPresent();
      await waitUntil(async () => (await incoming()).length >= 4, {
        what: "the gap filled from the archive",
        timeoutMs: 30_000,
      });
      const rows = await incoming();
      expect(rows.map((row) => row.body)).toEqual(texts);
      for (const [index, row] of rows.entries()) {
        expect(Buffer.from(row.body_bytes).equals(Buffer.from(texts[index]!, "utf8"))).toBe(true);
      }
      // One conversation (the occupant id is stable).
      expect(new Set(rows.map((row) => row.conversation_id)).size).toBe(1);
      const archiveIds = rows.map((row) => (row.origin as { archiveId?: string }).archiveId);
      expect(archiveIds.every(Boolean)).toBe(true);
      expect(new Set(archiveIds).size).toBe(4);
      const wires = rows.map((row) => Buffer.from(row.wire!).toString("utf8"));
      // Late, each as it came: from the archive, or handed on by the server from the dead
      // session (delayed) when the new one replaced it, whichever reached the persona first.
      const late = /urn:xmpp:mam:2|urn:xmpp:delay/;
      expect(wires[2]).toMatch(late);
      expect(wires[3]).toMatch(late);
      expect(wires[0]).not.toMatch(late);
      const ledger = await store.db
        .selectFrom("ledger_entries")
        .select(["kind", "source_id"])
        .where("operation_id", "=", operation.id)
        .where("kind", "in", ["message", "message_wire"])
        .execute();
      for (const row of rows) {
        expect(ledger.some((entry) => entry.source_id === row.id)).toBe(true);
      }
      expect(ledger.filter((entry) => entry.kind === "message_wire")).toHaveLength(4);

      // The next process starts with a cursor behind the newest (archive order and ledger order
      // can differ): what the archive brings back that is already held is not stored again.
      await runtimes.at(-1)!.close();
      const again: IncomingPrivateMessage[] = [];
      const asked: string[] = [];
      const behind = new XmppConnector({
        account: {
          service: server.service,
          domain: server.domain,
          username,
          password,
          resource: personaResource(network.id),
          plainWithoutTls: true,
        },
        log: () => {},
        lastArchiveId: async () => archiveIds[0],
        alreadyStored: async (id) => {
          asked.push(id);
          return (await storedArchiveIds(store.db, network.id, [id])).has(id);
        },
        store: async (message) => {
          again.push(message);
        },
      });
      try {
        await behind.connect();
        await behind.goPresent({ venueAddress, displayName: "ana" });
        await bob.say(`${roomJid}/ana`, "five");
        await waitUntil(() => again.some((m) => new TextDecoder().decode(m.bytes) === "five"), {
          what: "a new message on the cursor-behind connector",
        });
        await waitUntil(() => archiveIds.slice(1).every((id) => asked.includes(id!)), {
          what: "the archive's older messages checked against the store",
        });
        expect(again.map((m) => new TextDecoder().decode(m.bytes))).toEqual(["five"]);
      } finally {
        await behind.disconnect();
      }
    } finally {
      await bob.stop();
    }
  }, 90_000);
});

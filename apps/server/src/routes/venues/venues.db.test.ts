import { Client } from "irc-framework";
import { createConnection } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationRow } from "../../db/tables/operations";
import { verifyLedger } from "../../ledger/ledgerVerifier";
import { buildSignedInTeam, type SignedIn } from "../../test/accounts";
import { NgircdServer } from "../../test/chatServers";
import { waitUntil } from "../../test/loopback";
import { useTestApp } from "../../test/testHooks";
import { signEveryLedger } from "../../test/testSigner";

// A real venue end to end through the API: an administrator adds the network and room, the
// operator goes present, a counterpart on Debian's ngircd approaches the persona, the
// conversation carries their hostmask, the persona's safe move reaches them, and every byte is
// in the database and the ledger.

const SECRET = "sasl-password-never-shown";

describe("venues on a real IRC network", () => {
  let ircd: NgircdServer;
  let operation: OperationRow;
  let supervisor: SignedIn;
  let operator: SignedIn;
  let analyst: SignedIn;
  const clients: Client[] = [];
  const server = useTestApp();
  const url = (path: string) => `/api/operations/${operation.id}${path}`;

  beforeAll(async () => {
    ircd = await NgircdServer.start();
    const team = await buildSignedInTeam(server.app, server.store.db, [
      "supervisor",
      "operator",
      "analyst",
    ]);
    operation = team.operation;
    supervisor = team.members.supervisor.session;
    operator = team.members.operator.session;
    analyst = team.members.analyst.session;
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.quit("");
    await ircd?.close();
  }, 30_000);

  it("adds a network only with rooms the authorization permits, and never shows its secret", async () => {
    const network = {
      protocol: "irc",
      host: "127.0.0.1",
      port: ircd.port,
      tls: false,
      accountName: "ana_v",
      rooms: ["#lobby"],
    };
    const refused = await server.app.inject({
      method: "POST",
      url: url("/networks"),
      headers: supervisor.headers,
      payload: network,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: "venue_not_authorized",
      errors: [{ field: "rooms" }],
    });
    expect(refused.json<{ detail: string }>().detail).toContain(
      `irc://127.0.0.1:${ircd.port}/#lobby`,
    );

    await server.store.db
      .updateTable("operations")
      .set({
        permitted_venues: JSON.stringify([
          "training://lobby",
          `irc://127.0.0.1:${ircd.port}/#lobby`,
        ]),
      })
      .where("id", "=", operation.id)
      .execute();
    // The account has no SASL on ngircd: its secret is only stored (sealed), to show it never comes back.
    const added = await server.app.inject({
      method: "POST",
      url: url("/networks"),
      headers: supervisor.headers,
      payload: { ...network, secret: SECRET },
    });
    expect(added.statusCode).toBe(201);
    const byOperator = await server.app.inject({
      method: "POST",
      url: url("/networks"),
      headers: operator.headers,
      payload: { ...network, accountName: "other" },
    });
    expect(byOperator.statusCode).toBe(403);

    const venues = await server.app.inject({ url: url("/venues"), headers: operator.headers });
    expect(venues.statusCode).toBe(200);
    expect(venues.json()).toMatchObject({
      networks: [
        {
          host: "127.0.0.1",
          accountName: "ana_v",
          hasSecret: true,
          status: null,
          rooms: [{ name: "#lobby", present: false }],
        },
      ],
    });
    const stored = await server.store.db
      .selectFrom("venue_networks")
      .select("secret_sealed")
      .executeTakeFirstOrThrow();
    const audit = await server.store.db.selectFrom("audit").select("details").execute();
    for (const text of [
      venues.body,
      added.body,
      JSON.stringify(audit),
      Buffer.from(stored.secret_sealed!).toString("latin1"),
    ]) {
      expect(text).not.toContain(SECRET);
    }
    const analystView = await server.app.inject({ url: url("/venues"), headers: analyst.headers });
    expect(analystView.statusCode).toBe(403);
  });

  it("tests the connection", async () => {
    const venues = await server.app.inject({ url: url("/venues"), headers: supervisor.headers });
    const networkId = venues.json<{ networks: { id: string }[] }>().networks[0]!.id;
    const tested = await server.app.inject({
      method: "POST",
      url: url(`/networks/${networkId}/test`),
      headers: supervisor.headers,
    });
    expect(tested.json()).toMatchObject({ ok: true, state: "connected" });
  });

  it("puts the persona in the room; a counterpart's approach is stored byte-exact with its hostmask; the safe move reaches them", async () => {
    const venueAddress = `irc://127.0.0.1:${ircd.port}/#lobby`;
    const present = await server.app.inject({
      method: "POST",
      url: url("/presence"),
      headers: operator.headers,
      payload: { venueAddress, displayName: "ana_v" },
    });
    expect(present.statusCode).toBe(201);
    const venues = await server.app.inject({ url: url("/venues"), headers: operator.headers });
    expect(venues.json()).toMatchObject({
      networks: [{ status: { state: "connected" }, rooms: [{ present: true }] }],
    });

    const them = new Client();
    clients.push(them);
    const received: string[] = [];
    them.on("privmsg", (event: { target: string; message: string }) => {
      if (event.target === "visitor9") received.push(event.message);
    });
    const registered = new Promise<void>((resolve) => them.once("registered", () => resolve()));
    them.connect({ host: ircd.host, port: ircd.port, nick: "visitor9", auto_reconnect: false });
    await registered;
    const joined = new Promise<void>((resolve) => them.once("join", () => resolve()));
    them.join("#lobby");
    await joined;
    const text = "hi 🙂 \x0304red\x03 <b>x</b> ñ";
    them.say("ana_v", text);
    // Bytes no library would send, over a raw socket.
    const invalid = Buffer.from([0x68, 0x69, 0xff, 0xfe, 0xc3, 0x28]);
    const raw = createConnection({ host: ircd.host, port: ircd.port });
    let seen = "";
    raw.on("data", (data: Buffer) => (seen += data.toString("latin1")));
    raw.write("NICK rawone\r\nUSER rawone 0 * :rawone\r\n");
    await waitUntil(() => / 001 /.test(seen), { what: "the raw client" });
    raw.write(Buffer.concat([Buffer.from("PRIVMSG ana_v :"), invalid, Buffer.from("\r\n")]));

    type Listed = {
      id: string;
      counterpartHandle: string;
      networkOrigin: { sender: string; network: string; server: string | null } | null;
    };
    let conversations: Listed[] = [];
    await waitUntil(
      async () => {
        await server.app.consoleRuntime.queue.drain();
        const list = await server.app.inject({
          url: url("/conversations"),
          headers: operator.headers,
        });
        conversations = list.json<{ conversations: Listed[] }>().conversations;
        return conversations.length === 2;
      },
      { what: "both conversations", timeoutMs: 30_000 },
    );
    raw.destroy();
    const visitor = conversations.find((c) => c.counterpartHandle === "visitor9")!;
    expect(visitor.networkOrigin).toEqual({
      sender: expect.stringMatching(/^visitor9!~?\w+@127\.0\.0\.1$/),
      network: "127.0.0.1",
      server: ircd.serverName,
    });

    const sent = await server.app.inject({
      method: "POST",
      url: url(`/conversations/${visitor.id}/messages`),
      headers: operator.headers,
      payload: { moveId: "age_statement", language: "en" },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ delivery: "sent" });
    await waitUntil(() => received.includes("im 10"), { what: "the safe move to arrive" });

    const rows = await server.store.db
      .selectFrom("messages")
      .leftJoin("message_wire", "message_wire.message_id", "messages.id")
      .select(["messages.direction", "messages.body_bytes", "message_wire.wire"])
      .where("messages.operation_id", "=", operation.id)
      .orderBy("messages.created_at")
      .execute();
    const incoming = rows.filter((row) => row.direction === "in");
    const bodies = incoming.map((row) => Buffer.from(row.body_bytes));
    expect(bodies.some((bytes) => bytes.equals(Buffer.from(text)))).toBe(true);
    expect(bodies.some((bytes) => bytes.equals(invalid))).toBe(true);
    for (const row of incoming) {
      const wire = Buffer.from(row.wire!);
      expect(wire.includes(Buffer.from(row.body_bytes))).toBe(true);
      expect(wire.subarray(-2).toString()).toBe("\r\n");
    }
    await signEveryLedger(server.store.db);
    expect((await verifyLedger(server.store.db, { operationId: operation.id })).problem).toBeNull();
    const wireEntries = await server.store.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("operation_id", "=", operation.id)
      .where("kind", "=", "message_wire")
      .execute();
    expect(wireEntries).toHaveLength(2);

    const held = await server.app.inject({ url: url("/venues"), headers: operator.headers });
    const networkId = held.json<{ networks: { id: string }[] }>().networks[0]!.id;
    expect(held.json()).toMatchObject({
      networks: [{ lease: { heldBy: "this_server" }, rooms: [{ present: true }] }],
    });
    expect(await onNetwork("ana_v")).toBe(true);

    const left = await server.app.inject({
      method: "POST",
      url: url("/presence/leave"),
      headers: operator.headers,
      payload: { venueAddress },
    });
    expect(left.json()).toMatchObject({ left: true });
    // Its last room left, the persona signs off the network: the connection is closed.
    expect(server.app.consoleRuntime.hub.holdsConnection(operation.id, networkId)).toBe(false);
    await waitUntil(async () => !(await onNetwork("ana_v")), {
      what: "the persona to sign off the network",
    });
    const after = await server.app.inject({ url: url("/venues"), headers: operator.headers });
    expect(after.json()).toMatchObject({
      networks: [{ status: null, lease: { heldBy: "nobody" }, rooms: [{ present: false }] }],
    });
  });

  /** Whether a nick is signed in to the network now (ISON, over a raw socket). */
  async function onNetwork(nick: string): Promise<boolean> {
    const socket = createConnection({ host: ircd.host, port: ircd.port });
    let seen = "";
    socket.on("data", (data: Buffer) => (seen += data.toString("latin1")));
    const me = `probe${Math.floor(Math.random() * 1e6)}`;
    socket.write(`NICK ${me}\r\nUSER ${me} 0 * :${me}\r\n`);
    await waitUntil(() => / 001 /.test(seen), { what: "the probe to register" });
    socket.write(`ISON ${nick}\r\n`);
    await waitUntil(() => / 303 /.test(seen), { what: "the ISON answer" });
    socket.destroy();
    const answer = / 303 \S+ :(.*)\r\n/.exec(seen)?.[1] ?? "";
    return answer.split(" ").includes(nick);
  }
});

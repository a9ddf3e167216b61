import { Client } from "irc-framework";
import { createConnection, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NgircdServer } from "../../test/chatServers";
import { LoopbackDoor, waitUntil } from "../../test/loopback";
import type { ConnectorStatus, IncomingPrivateMessage } from "../connector";
import type { NetworkAccount } from "../connectorRegistry";
import { IrcConnector, type IrcConnectorOptions } from "./ircConnector";
import { lastParamBytes } from "./wireLines";

// Reconnects wait out real backoff against a real server; a loaded machine needs more than 30 s.
vi.setConfig({ testTimeout: 120_000 });

// The persona's connector against Debian's ngircd on loopback, with counterparts that are real
// irc-framework clients, and a raw socket for bytes a library would never send.

let server: NgircdServer;
const connectors: IrcConnector[] = [];
const clients: Client[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await NgircdServer.start({ tls: true });
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.quit("");
  for (const socket of sockets) socket.destroy();
  await Promise.all(connectors.map((connector) => connector.disconnect()));
  await server?.close();
}, 30_000);

const fast: IrcConnectorOptions = {
  reconnect: { baseMs: 100, maxMs: 1_000 },
  flood: { burst: 5, intervalMs: 200 },
  sendDeadlineMs: 20_000,
  reclaimEveryMs: 500,
  firstConnectWaitMs: 5_000,
};

function account(displayNames: string[], overrides: Partial<NetworkAccount> = {}): NetworkAccount {
  return {
    protocol: "irc",
    key: `net-${displayNames[0]}`,
    host: server.host,
    port: server.port,
    tls: false,
    accountName: displayNames[0]!,
    secret: null,
    displayNames,
    ...overrides,
  };
}

function persona(displayNames: string[], options: IrcConnectorOptions = fast, over = {}) {
  const connector = new IrcConnector(account(displayNames, over), options);
  connectors.push(connector);
  const inbox: IncomingPrivateMessage[] = [];
  const statuses: ConnectorStatus[] = [];
  connector.onPrivateMessage((message) => inbox.push(message));
  connector.onStatus((status) => statuses.push(status));
  return { connector, inbox, statuses };
}

const venue = (channel: string) => `irc://127.0.0.1:${server.port}/${channel}`;

/** A counterpart as a real irc-framework client; collects what it receives privately. */
async function counterpart(nick: string, channel?: string) {
  const client = new Client();
  clients.push(client);
  const received: string[] = [];
  client.on("privmsg", (event: { target: string; message: string }) => {
    if (event.target === client.user.nick) received.push(event.message);
  });
  let registered = false;
  client.once("registered", () => (registered = true));
  client.connect({ host: server.host, port: server.port, nick, auto_reconnect: false });
  await waitUntil(() => registered, { what: `${nick} to register` });
  if (channel) {
    let joined = false;
    client.once("join", () => (joined = true));
    client.join(channel);
    await waitUntil(() => joined, { what: `${nick} to join ${channel}` });
  }
  return { client, received };
}

/** A raw socket counterpart that writes bytes as they are. */
async function rawCounterpart(nick: string) {
  const socket = createConnection({ host: server.host, port: server.port });
  sockets.push(socket);
  let seen = "";
  socket.on("data", (data: Buffer) => {
    seen += data.toString("latin1");
  });
  socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\n`);
  await waitUntil(() => / 001 /.test(seen), { what: "the raw client to register" });
  return socket;
}

describe("IRC connector on ngircd", () => {
  it("keeps every private message's bytes exactly, with the sender's hostmask, network and server", async () => {
    const { connector, inbox } = persona(["ana_b"]);
    await connector.connect();
    expect(connector.status().state).toBe("connected");
    await connector.goPresent({ venueAddress: venue("#lobby"), displayName: "ana_b" });
    const them = await counterpart("visitor1", "#lobby");
    them.client.say("ana_b", "hi ☺ 🙂 \x0304red\x03 \x02bold\x02 ñ");
    // Channel talk is not recorded; a CTCP request is not answered.
    them.client.say("#lobby", "hello room");
    them.client.ctcpRequest("ana_b", "VERSION");
    await waitUntil(() => inbox.length >= 1, { what: "the private message" });

    const raw = await rawCounterpart("rawsender");
    const invalid = Buffer.from([0x68, 0x69, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x20, 0x01, 0x07]);
    raw.write(Buffer.concat([Buffer.from("PRIVMSG ana_b :"), invalid, Buffer.from("\r\n")]));
    // A full 512-byte line (CR LF included): the server relays what fits.
    const head = "PRIVMSG ana_b :";
    raw.write(`${head}${"x".repeat(512 - head.length - 2)}\r\n`);
    await waitUntil(() => inbox.length >= 3, { what: "the raw messages" });

    const [first, bad, full] = inbox;
    expect(Buffer.from(first!.bytes).toString("utf8")).toBe("hi ☺ 🙂 \x0304red\x03 \x02bold\x02 ñ");
    expect(first!.counterpartId).toBe("visitor1");
    expect(first!.venueAddress).toBe(venue("#lobby"));
    expect(first!.origin).toMatchObject({
      network: "127.0.0.1",
      server: server.serverName,
      sender: expect.stringMatching(/^visitor1!~?\w+@127\.0\.0\.1$/),
    });
    // ngircd has no server-time: the receipt time is stamped here.
    expect(Math.abs(first!.receivedAt.getTime() - Date.now())).toBeLessThan(30_000);
    // The wire line is the raw bytes read off the socket; the message bytes are part of it.
    expect(Buffer.from(lastParamBytes(first!.wire![0]!)).equals(Buffer.from(first!.bytes))).toBe(
      true,
    );
    expect(Buffer.from(bad!.bytes).equals(invalid)).toBe(true);
    expect(Buffer.from(bad!.wire![0]!).includes(invalid)).toBe(true);
    expect(full!.bytes.length).toBeGreaterThan(400);
    expect(full!.wire![0]!.length).toBeLessThanOrEqual(512);
    expect(inbox).toHaveLength(3);

    await connector.send({ venueAddress: venue("#lobby"), counterpartId: "visitor1" }, "im 10");
    await waitUntil(() => them.received.includes("im 10"), { what: "the persona's reply" });
  });

  it("joins a channel whose name carries markup and keeps the name as text", async () => {
    const channel = '#<img_src=x_onerror=alert(1)>&"';
    const { connector, inbox } = persona(["rosa"]);
    await connector.connect();
    await connector.goPresent({ venueAddress: venue(channel), displayName: "rosa" });
    const them = await counterpart("marker", channel);
    them.client.say("rosa", "<script>x</script>");
    await waitUntil(() => inbox.length === 1, { what: "the message from the markup channel" });
    expect(inbox[0]!.venueAddress).toBe(venue(channel));
    expect(Buffer.from(inbox[0]!.bytes).toString("utf8")).toBe("<script>x</script>");
    expect(connector.status().state).toBe("connected");
  });

  it("takes the next display name, then a suffix, when its nick is in use", async () => {
    await counterpart("mira");
    await counterpart("mira_k");
    const { connector } = persona(["mira", "mira_k"]);
    await connector.connect();
    expect(connector.nick).toBe("mira1");
  });

  it("retries a network that is down at first, rejoins after losing it, reclaims its nick, and holds lines meanwhile", async () => {
    // The persona reaches the network through a door the test opens and closes, so others can
    // be on the network before the persona comes back, whatever the machine's load.
    const door = await LoopbackDoor.closed(() => server.port);
    try {
      const { connector, inbox, statuses } = persona(["lena"], fast, { port: door.port });
      await connector.connect();
      expect(connector.status().state).toBe("reconnecting");
      await door.open();
      await waitUntil(() => connector.status().state === "connected", {
        what: "the first connection after the network came up",
      });
      await connector.goPresent({ venueAddress: venue("#games"), displayName: "lena" });
      const them = await counterpart("guest7", "#games");
      them.client.say("lena", "before");
      await waitUntil(() => inbox.length === 1, { what: "the first message" });

      await door.close();
      await server.stop();
      await waitUntil(() => connector.status().state === "reconnecting", { what: "the loss" });
      // Written while the network is down: held, and delivered after reconnecting.
      const held = connector.send(
        { venueAddress: venue("#games"), counterpartId: "guest7" },
        "back",
      );
      await server.start();
      // Someone takes the persona's nick while it is away, and the contact is back before the
      // persona: the held line goes to them as soon as the persona reconnects.
      const squatter = await counterpart("lena");
      const again = await counterpart("guest7", "#games");
      await door.open();
      await waitUntil(() => connector.status().state === "connected", { what: "the reconnect" });
      expect(connector.nick).toBe("lena1");
      await held;
      await waitUntil(() => again.received.includes("back"), { what: "the held line" });
      squatter.client.quit("");
      await waitUntil(() => connector.nick === "lena", { what: "the nick to be reclaimed" });
      again.client.say("lena", "after");
      await waitUntil(() => inbox.length === 2, { what: "the message after reconnecting" });
      expect(inbox.map((m) => Buffer.from(m.bytes).toString())).toEqual(["before", "after"]);
      const states = statuses.map((s) => s.state);
      expect(states).toContain("reconnecting");
      expect(states.at(-1)).toBe("connected");
      expect(statuses.find((s) => s.state === "reconnecting")!.retryAt).toBeInstanceOf(Date);
    } finally {
      await door.close();
    }
  });

  it("fails a persona line that could not go out in time, and never writes it afterwards", async () => {
    const { connector } = persona(["nora"], { ...fast, sendDeadlineMs: 500 });
    await connector.connect();
    await connector.goPresent({ venueAddress: venue("#lobby"), displayName: "nora" });
    const them = await counterpart("waiter", "#lobby");
    await connector.fault(2);
    expect(connector.status().state).toBe("faulted");
    await expect(
      connector.send({ venueAddress: venue("#lobby"), counterpartId: "waiter" }, "late"),
    ).rejects.toThrow(/simulated technical problem/);
    await waitUntil(() => connector.status().state === "connected", { what: "the fault to end" });
    await connector.send({ venueAddress: venue("#lobby"), counterpartId: "waiter" }, "on time");
    await waitUntil(() => them.received.includes("on time"), { what: "the line after the fault" });
    expect(them.received).toEqual(["on time"]);
  });

  it("paces its own lines so the server never kills it for flooding, and survives a flood of CTCP and control bytes", async () => {
    const { connector, inbox } = persona(["vera"], {
      ...fast,
      flood: { burst: 5, intervalMs: 100 },
    });
    await connector.connect();
    await connector.goPresent({ venueAddress: venue("#lobby"), displayName: "vera" });
    const them = await counterpart("reader", "#lobby");
    const raw = await rawCounterpart("flooder");
    const flood = Array.from({ length: 16 }, (_, i) =>
      i % 2 ? `PRIVMSG vera :\x01PING ${i}\x01\r\n` : `PRIVMSG vera :<b>${i}</b>\x07\x1b[31m\r\n`,
    ).join("");
    raw.write(flood);
    const target = { venueAddress: venue("#lobby"), counterpartId: "reader" };
    await Promise.all(Array.from({ length: 15 }, (_, i) => connector.send(target, `line ${i}`)));
    await waitUntil(() => them.received.length === 15, { what: "all 15 lines", timeoutMs: 30_000 });
    expect(them.received).toEqual(Array.from({ length: 15 }, (_, i) => `line ${i}`));
    expect(connector.status().state).toBe("connected");
    await waitUntil(() => inbox.filter((m) => m.counterpartId === "flooder").length === 8, {
      what: "the flood's plain lines",
    });
  });

  it("connects over TLS", async () => {
    const { connector } = persona(
      ["tessa"],
      { ...fast, tlsRejectUnauthorized: false },
      {
        tls: true,
        port: server.tlsPort!,
      },
    );
    await connector.connect();
    expect(connector.status().state).toBe("connected");
    expect(connector.nick).toBe("tessa");
  });
});

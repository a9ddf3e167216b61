import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "irc-framework";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openStore, type Store } from "../db/database";
import { serverRoleName } from "../db/serverRole";
import { buildOperationWithTeam, buildUser, TEST_PASSWORD } from "../test/accounts";
import { NgircdServer } from "../test/chatServers";
import { waitUntil } from "../test/loopback";
import { postgresAdminUrl, postgresUrlFor } from "../test/postgresUrls";
import {
  runSweetie,
  signInOverHttp,
  startServe,
  type HttpSession,
  type ServeProcess,
} from "../test/serveProcess";

// The acceptance test of venue leases, with real processes: two `sweetie serve` children on one
// PostgreSQL database and Debian's ngircd on loopback. One takes the venue; a counterpart
// approaches the persona; a persona message sent through the other process's API is delivered by
// the holder; the holder is killed with SIGKILL; the other takes the venue over once the lease ran
// out, rejoins, and stores what the counterpart sends next. Nothing is stored twice or lost.

// The machine running the suite is shared and loaded: real processes need room.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 240_000 });

const LEASE_SECONDS = 3;
const PERSONA = "ana_lease";

interface VenuesView {
  networks: {
    id: string;
    status: { state: string } | null;
    lease: { heldBy: "this_server" | "another_server" | "nobody"; expiresAt: string | null };
    rooms: { present: boolean }[];
  }[];
}

describe("venue leases across two server processes on one PostgreSQL", () => {
  const database = `sweetie_lease_${randomBytes(4).toString("hex")}`;
  const url = postgresUrlFor(database);
  const dirs: string[] = [];
  const clients: Client[] = [];
  let ircd: NgircdServer;
  let owner: Store;
  let first: ServeProcess;
  let second: ServeProcess | undefined;
  let operationId: string;
  let venueAddress: string;
  let supervisorName: string;
  let operatorName: string;

  const envFor = async (): Promise<NodeJS.ProcessEnv> => {
    const dir = await mkdtemp(join(tmpdir(), "sweetie-lease-"));
    dirs.push(dir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      SWEETIE_DATA_DIR: dir,
      // Both processes open the same sealed secrets and act as the same database role.
      SWEETIE_SECRET_KEY: sharedKey,
      SWEETIE_APP_DATABASE_PASSWORD: "lease-test-password",
      SWEETIE_VENUE_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    delete env.SWEETIE_MIGRATION_DATABASE_URL;
    return env;
  };
  const sharedKey = randomBytes(32).toString("hex");

  beforeAll(async () => {
    ircd = await NgircdServer.start();
    await adminQuery(`create database ${database}`);
    const migrated = await runSweetie(["migrate"], await envFor());
    expect(migrated.code, migrated.stderr).toBe(0);
    owner = await openStore({ kind: "postgres", url, maxConnections: 2 });
    const supervisor = await buildUser(owner.db);
    const operator = await buildUser(owner.db);
    supervisorName = supervisor.username;
    operatorName = operator.username;
    venueAddress = `irc://127.0.0.1:${ircd.port}/#lobby`;
    const operation = await buildOperationWithTeam(owner.db, {
      team: [
        { userId: supervisor.id, role: "supervisor" },
        { userId: operator.id, role: "operator" },
      ],
    });
    operationId = operation.id;
    await owner.db
      .updateTable("operations")
      .set({ permitted_venues: JSON.stringify([venueAddress]) })
      .where("id", "=", operationId)
      .execute();
    first = await startServe(await envFor());
    second = await startServe(await envFor());
  });

  afterAll(async () => {
    for (const client of clients) client.quit("");
    await Promise.allSettled([first?.stop("SIGTERM"), second?.stop("SIGTERM")]);
    await owner?.close();
    await adminQuery(`drop database if exists ${database} with (force)`);
    await adminQuery(`drop role if exists "${serverRoleName(database, {})}"`);
    await ircd?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("hands the venue over after kill -9, stores every message once, and delivers a non-holder's send through the holder", async () => {
    const path = (rest: string) => `/api/operations/${operationId}${rest}`;
    const admin = await signInOverHttp(first.url, supervisorName, TEST_PASSWORD);
    const onFirst = await signInOverHttp(first.url, operatorName, TEST_PASSWORD);
    const onSecond = await signInOverHttp(second!.url, operatorName, TEST_PASSWORD);

    const added = await admin.post(path("/networks"), {
      protocol: "irc",
      host: "127.0.0.1",
      port: ircd.port,
      tls: false,
      accountName: PERSONA,
      rooms: ["#lobby"],
    });
    expect(added.status).toBe(201);
    const present = await onFirst.post<{ heldBy: string }>(path("/presence"), {
      venueAddress,
      displayName: PERSONA,
    });
    expect(present.status).toBe(201);
    expect(present.body.heldBy).toBe("this_server");
    expect(await lease(onFirst)).toMatchObject({ heldBy: "this_server" });
    // The other process knows who holds it and says so in plain words on the Venues page.
    await waitUntil(async () => (await lease(onSecond)).heldBy === "another_server", {
      what: "the second process to see the venue held elsewhere",
    });
    expect((await onSecond.get<VenuesView>(path("/venues"))).networks[0]!.rooms[0]!.present).toBe(
      true,
    );

    // A counterpart approaches the persona; the holder stores it.
    const received: string[] = [];
    const counterpart = await connectCounterpart("visitor7", received);
    for (let index = 1; index <= 4; index += 1) counterpart.say(PERSONA, `before ${index}`);
    await waitUntil(async () => (await incoming()).length === 4, {
      what: "the first messages to be stored",
      timeoutMs: 60_000,
    });

    // A persona message issued on the process that does not hold the venue: recorded there,
    // delivered by the holder (woken by NOTIFY), and it reads sent.
    const { conversations } = await onSecond.get<{ conversations: { id: string }[] }>(
      path("/conversations"),
    );
    const conversationId = conversations[0]!.id;
    const sent = await onSecond.post<{ delivery: string; messageId: string }>(
      path(`/conversations/${conversationId}/messages`),
      { moveId: "age_statement", language: "en" },
    );
    expect(sent.status).toBe(201);
    // This process cannot deliver it: it answers at once that the holder has it.
    expect(sent.body.delivery).toBe("pending");
    await waitUntil(() => received.includes("im 10"), {
      what: "the holder to deliver the non-holder's message",
      timeoutMs: 60_000,
    });
    await waitUntil(async () => (await deliveryOn(onSecond, conversationId)) === "sent", {
      what: "the delivery to read sent on the non-holder",
    });

    // The holder dies without a word.
    const killedAt = Date.now();
    await first.stop("SIGKILL");
    await waitUntil(async () => (await lease(onSecond)).heldBy === "this_server", {
      what: "the second process to take the venue over",
      timeoutMs: 60_000,
      everyMs: 50,
    });
    const tookOverMs = Date.now() - killedAt;
    await waitUntil(async () => await onNetwork(PERSONA), {
      what: "the persona to be back on the network",
      timeoutMs: 60_000,
      everyMs: 50,
    });
    const backMs = Date.now() - killedAt;
    const view = (await onSecond.get<VenuesView>(path("/venues"))).networks[0]!;
    expect(view.status?.state).toBe("connected");
    expect(view.rooms[0]!.present).toBe(true);
    const leaseRow = await owner.db
      .selectFrom("venue_leases")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(leaseRow.epoch).toBe(2);
    console.log(
      `venue takeover after kill -9: lease taken over in ${tookOverMs} ms, persona back on the network in ${backMs} ms (lease ${LEASE_SECONDS} s)`,
    );
    // Within the lease time: the lease runs out at most LEASE_SECONDS after the last renewal,
    // and the new holder claims on its next renewal tick (a third of the lease).
    expect(tookOverMs).toBeLessThan((LEASE_SECONDS + LEASE_SECONDS / 3) * 1000 + 5_000);

    // What the network delivers after the takeover is stored by the new holder.
    for (let index = 1; index <= 4; index += 1) counterpart.say(PERSONA, `after ${index}`);
    await waitUntil(async () => (await incoming()).length === 8, {
      what: "the messages after the takeover to be stored",
      timeoutMs: 60_000,
    });
    // The new holder sends too.
    const again = await onSecond.post<{ delivery: string }>(
      path(`/conversations/${conversationId}/messages`),
      { text: "hello again" },
    );
    expect(again.status).toBe(201);
    await waitUntil(() => received.includes("hello again"), { what: "the holder's own send" });

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const bodies = await incoming();
    expect(bodies.sort()).toEqual(
      ["before 1", "before 2", "before 3", "before 4"]
        .concat(["after 1", "after 2", "after 3", "after 4"])
        .sort(),
    );
    const deliveries = await owner.db
      .selectFrom("message_deliveries")
      .select("state")
      .where("operation_id", "=", operationId)
      .execute();
    expect(deliveries.map((row) => row.state)).toEqual(["sent", "sent"]);
    expect(received.filter((text) => text === "im 10")).toHaveLength(1);
  });

  async function lease(session: HttpSession) {
    const view = await session.get<VenuesView>(`/api/operations/${operationId}/venues`);
    return view.networks[0]!.lease;
  }

  async function deliveryOn(session: HttpSession, conversationId: string) {
    const transcript = await session.get<{
      messages: { direction: string; delivery: { state: string } | null }[];
    }>(`/api/operations/${operationId}/conversations/${conversationId}`);
    return transcript.messages.find((message) => message.direction === "out")?.delivery?.state;
  }

  async function incoming(): Promise<string[]> {
    const rows = await owner.db
      .selectFrom("messages")
      .select("body")
      .where("operation_id", "=", operationId)
      .where("direction", "=", "in")
      .execute();
    return rows.map((row) => row.body);
  }

  async function connectCounterpart(nick: string, received: string[]): Promise<Client> {
    const client = new Client();
    clients.push(client);
    client.on("privmsg", (event: { target: string; message: string }) => {
      if (event.target === nick) received.push(event.message);
    });
    const registered = new Promise<void>((resolve) => client.once("registered", () => resolve()));
    client.connect({ host: ircd.host, port: ircd.port, nick, auto_reconnect: false });
    await registered;
    const joined = new Promise<void>((resolve) => client.once("join", () => resolve()));
    client.join("#lobby");
    await joined;
    return client;
  }

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
    return answer.trim().split(" ").includes(nick);
  }
});

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

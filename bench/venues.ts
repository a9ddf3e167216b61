/**
 * `npm run bench -- venues [seconds] [counterparts]`: the real IRC path under load. Debian's
 * ngircd on loopback; the server (PGlite, fresh data directory) with the persona present in a
 * room through the IRC connector; 50 counterparts (irc-framework clients) send private messages
 * to the persona as fast as the server accepts from each (a message, then a PING; the next
 * message once the PONG shows the server took both) for 60 s. Every message must be stored
 * exactly once. Reports messages/s stored and the receipt → console latency (from the time the
 * connector stamped on receipt to the moment a console's WebSocket parsed the frame carrying the
 * message). Load generator, IRC server, app and console share the machine's 2 cores, so the
 * figures are a floor. Prints figures and writes bench/results/venues.json.
 */
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "irc-framework";
import { sql } from "kysely";
import WebSocket from "ws";
import { buildApp } from "../apps/server/src/app";
import { addVenueNetwork } from "../apps/server/src/commands/addVenueNetwork";
import { defaultConfig } from "../apps/server/src/config";
import { openStore } from "../apps/server/src/db/database";
import { migrateToLatest } from "../apps/server/src/db/migrator";
import { buildOperationWithTeam, buildUser, TEST_PASSWORD } from "../apps/server/src/test/accounts";
import { NgircdServer } from "../apps/server/src/test/chatServers";
import { waitUntil } from "../apps/server/src/test/loopback";

const seconds = Number(process.argv[2] ?? 60);
const counterparts = Number(process.argv[3] ?? 50);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const ircd = await NgircdServer.start();
  const dataDir = await mkdtemp(join(tmpdir(), "sweetie-bench-venues-"));
  const store = await openStore({ kind: "pglite", dataDir: join(dataDir, "db") });
  await migrateToLatest(store.db);
  const app = await buildApp({ store, config: { ...defaultConfig, SWEETIE_DATA_DIR: dataDir } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  try {
    const venueAddress = `irc://127.0.0.1:${ircd.port}/#bench`;
    const operator = await buildUser(store.db);
    const supervisor = await buildUser(store.db);
    const operation = await buildOperationWithTeam(store.db, {
      team: [
        { userId: operator.id, role: "operator" },
        { userId: supervisor.id, role: "supervisor" },
      ],
    });
    await store.db
      .updateTable("operations")
      .set({ permitted_venues: JSON.stringify([venueAddress]) })
      .where("id", "=", operation.id)
      .execute();
    await addVenueNetwork(
      store.db,
      { secrets: app.consoleRuntime.secrets },
      {
        actor: {
          userId: supervisor.id,
          username: supervisor.username,
          isAdmin: false,
          ip: "bench",
        },
        operation: { ...operation, permitted_venues: [venueAddress] },
        network: {
          protocol: "irc",
          host: "127.0.0.1",
          port: ircd.port,
          tls: false,
          accountName: "ana_bench",
          rooms: ["#bench"],
        },
      },
    );
    const session = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: operator.username, password: TEST_PASSWORD }),
    });
    const cookie = session.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const presence = await fetch(`${base}/api/operations/${operation.id}/presence`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: JSON.stringify({ venueAddress, displayName: "ana_bench" }),
    });
    if (presence.status !== 201) throw new Error(`presence refused: ${await presence.text()}`);

    const socket = new WebSocket(
      `${base.replace("http", "ws")}/api/operations/${operation.id}/live`,
      { headers: { cookie } },
    );
    const latencies: number[] = [];
    const seenOnConsole = new Set<string>();
    socket.on("message", (data: Buffer) => {
      const arrived = Date.now();
      const frame = JSON.parse(data.toString("utf8")) as {
        type: string;
        messages?: { id: string; createdAt: string; direction: string }[];
      };
      if (frame.type !== "messages") return;
      for (const message of frame.messages!) {
        if (message.direction !== "in" || seenOnConsole.has(message.id)) continue;
        seenOnConsole.add(message.id);
        latencies.push(arrived - Date.parse(message.createdAt));
      }
    });
    await once(socket, "open");

    // The counterparts: real IRC clients in the room.
    for (let k = 0; k < counterparts; k += 1) {
      const client = new Client();
      clients.push(client);
      const registered = new Promise<void>((resolve) => client.once("registered", () => resolve()));
      client.connect({ host: ircd.host, port: ircd.port, nick: `cp${k}`, auto_reconnect: false });
      await registered;
      const joined = new Promise<void>((resolve) => client.once("join", () => resolve()));
      client.join("#bench");
      await joined;
    }
    console.log(`${counterparts} counterparts in #bench; sending for ${seconds} s…`);
    let sent = 0;
    let running = true;
    const started = Date.now();
    const loops = clients.map(async (client, k) => {
      let i = 0;
      while (running) {
        const token = `t${k}-${i}`;
        const ponged = new Promise<void>((resolve) => {
          const onPong = (event: { message: string }) => {
            if (event.message === token) {
              client.off("pong", onPong);
              resolve();
            }
          };
          client.on("pong", onPong);
        });
        client.say("ana_bench", `cp${k} message ${i} 🙂`);
        client.ping(token);
        await ponged;
        sent += 1;
        i += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    running = false;
    await Promise.all(loops);
    const sendingSeconds = (Date.now() - started) / 1000;

    const countStored = async () => {
      const { rows } = await sql<{ total: number; distinct_bodies: number }>`
        select count(*)::int as total, count(distinct body)::int as distinct_bodies
          from messages where operation_id = ${operation.id} and direction = 'in'`.execute(
        store.db,
      );
      return rows[0]!;
    };
    await waitUntil(async () => (await countStored()).total >= sent, {
      timeoutMs: 120_000,
      everyMs: 250,
      what: "every message to be stored",
    }).catch(() => undefined);
    await app.consoleRuntime.queue.drain();
    const drainedAt = Date.now();
    await waitUntil(() => seenOnConsole.size >= sent, {
      timeoutMs: 30_000,
      what: "the console",
    }).catch(() => undefined);
    const stored = await countStored();
    const wire = await sql<{ total: number }>`
      select count(*)::int as total from message_wire where operation_id = ${operation.id}`.execute(
      store.db,
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    const figures = {
      benchmark: "venues",
      at: new Date().toISOString(),
      store: "pglite",
      ircServer: "ngircd (Debian), loopback",
      counterparts,
      seconds: Math.round(sendingSeconds * 10) / 10,
      sent,
      stored: stored.total,
      storedDistinct: stored.distinct_bodies,
      wireRows: wire.rows[0]!.total,
      everyMessageStoredOnce: stored.total === sent && stored.distinct_bodies === sent,
      messagesPerSecond: Math.round((stored.total / sendingSeconds) * 10) / 10,
      shownOnConsole: seenOnConsole.size,
      receiptToConsoleMs: {
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? 0,
      },
      drainAfterStopMs: drainedAt - started - Math.round(sendingSeconds * 1000),
      machine: {
        cores: cpus().length,
        loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
      },
      note: "load generator, ngircd, server and console share one machine (shared with other work)",
    };
    console.log(JSON.stringify(figures, null, 2));
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/venues.json", `${JSON.stringify(figures, null, 2)}\n`);
    socket.close();
  } finally {
    for (const client of clients) client.quit("");
    await app.close();
    await store.close();
    await ircd.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();

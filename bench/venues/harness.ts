import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import WebSocket from "ws";
import { buildApp } from "../../apps/server/src/app";
import {
  addVenueNetwork,
  type AddNetworkInput,
} from "../../apps/server/src/commands/addVenueNetwork";
import { defaultConfig } from "../../apps/server/src/config";
import { openStore } from "../../apps/server/src/db/database";
import { migrateToLatest } from "../../apps/server/src/db/migrator";
import { buildOperationWithTeam, buildUser } from "../../apps/server/src/test/accounts";
import { waitUntil } from "../../apps/server/src/test/loopback";
import { percentile, signInAndGoPresent } from "../common/console";

/** One protocol's load: where the persona sits, and counterparts that send until told to stop. */
export interface VenueLoad {
  protocol: "irc" | "xmpp";
  chatServer: string;
  venueAddress: string;
  network: AddNetworkInput;
  displayName: string;
  /** Connects the counterparts (the persona is present by then). */
  connect(): Promise<void>;
  /** One loop per counterpart: send a message, wait until the server took it, again; `sent()` counts. */
  run(running: () => boolean, sent: () => void): Promise<void>[];
  close(): Promise<void>;
}

/**
 * The real path under load for one protocol: the server (PGlite, fresh data directory) with the
 * persona present through the protocol's connector, a console on the live WebSocket, and the
 * load's counterparts sending private messages for `seconds`. Every message must be stored once.
 * Latency is from the time the connector stamped on receipt to the moment the console's
 * WebSocket parsed the frame carrying the message.
 */
export async function measureVenue(load: VenueLoad, seconds: number, counterparts: number) {
  const dataDir = await mkdtemp(join(tmpdir(), "sweetie-bench-venues-"));
  const store = await openStore({ kind: "pglite", dataDir: join(dataDir, "db") });
  await migrateToLatest(store.db);
  const app = await buildApp({ store, config: { ...defaultConfig, SWEETIE_DATA_DIR: dataDir } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
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
      .set({ permitted_venues: JSON.stringify([load.venueAddress]) })
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
        operation: { ...operation, permitted_venues: [load.venueAddress] },
        network: load.network,
      },
    );
    const { cookie } = await signInAndGoPresent(base, {
      username: operator.username,
      operationId: operation.id,
      venueAddress: load.venueAddress,
      displayName: load.displayName,
    });

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

    await load.connect();
    console.log(
      `${load.protocol}: ${counterparts} counterparts in the room; sending for ${seconds} s…`,
    );
    let sent = 0;
    let running = true;
    const started = Date.now();
    const loops = load.run(
      () => running,
      () => (sent += 1),
    );
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
    socket.close();
    return {
      chatServer: load.chatServer,
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
    };
  } finally {
    await load.close();
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { coreAnalyzer } from "../../conversations/coreAnalyzer";
import { IngestQueue } from "../../conversations/ingestQueue";
import { ledgerEvidence } from "../../conversations/ledgerEvidence";
import { InProcessBus } from "../../events/inProcessBus";
import { buildOperationWithTeam } from "../../test/accounts";
import { buildVenue } from "../../test/factories";
import { useTestStore } from "../../test/testHooks";
import type { DbOrTrx } from "../database";
import {
  assertFencesHold,
  claimLease,
  findLeases,
  releaseLease,
  StaleLeaseError,
} from "./venueLeasesRepository";

const LEASE_MS = 60_000;

async function buildNetwork(db: DbOrTrx, operationId: string): Promise<string> {
  const row = await db
    .insertInto("venue_networks")
    .values({
      operation_id: operationId,
      protocol: "irc",
      host: "irc.example.org",
      port: 6697,
      tls: true,
      account_name: `ana_${Math.random().toString(36).slice(2, 8)}`,
      secret_sealed: null,
      created_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The holder's claim ran out (as if it had died): its expiry moves into the past. */
async function expire(db: DbOrTrx, networkId: string): Promise<void> {
  await db
    .updateTable("venue_leases")
    .set({ expires_at: sql<Date>`now() - interval '1 second'` })
    .where("network_id", "=", networkId)
    .execute();
}

describe("venue leases in the database", () => {
  const store = useTestStore();

  it("gives a network to one holder, renews it, refuses others, and hands it over once it ran out", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const networkId = await buildNetwork(store.db, operation.id);
    const claim = (holder: string) =>
      claimLease(store.db, { networkId, holder, leaseMs: LEASE_MS });

    const first = await claim("a");
    expect(first).toMatchObject({ kind: "acquire", lease: { holder: "a", epoch: 1 } });
    expect(await claim("b")).toMatchObject({ kind: "held_elsewhere", lease: { holder: "a" } });
    const renewed = await claim("a");
    expect(renewed).toMatchObject({ kind: "renew", lease: { holder: "a", epoch: 1 } });
    expect(renewed.lease.expiresAt.getTime()).toBeGreaterThanOrEqual(
      first.lease.expiresAt.getTime(),
    );

    await expire(store.db, networkId);
    expect(await claim("b")).toMatchObject({
      kind: "takeover",
      previousHolder: "a",
      lease: { holder: "b", epoch: 2 },
    });
    // The old holder, back from a pause, is refused: the new holder's claim still runs.
    expect(await claim("a")).toMatchObject({ kind: "held_elsewhere", lease: { holder: "b" } });

    const { leases } = await findLeases(store.db, [networkId]);
    expect(leases.get(networkId)).toMatchObject({ holder: "b", epoch: 2 });
  });

  it("lets a released lease be taken at once, under a new epoch (the old one never comes back)", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const networkId = await buildNetwork(store.db, operation.id);
    await claimLease(store.db, { networkId, holder: "a", leaseMs: LEASE_MS });
    // Releasing someone else's lease changes nothing.
    await releaseLease(store.db, { networkId, holder: "b" });
    expect(await claimLease(store.db, { networkId, holder: "b", leaseMs: LEASE_MS })).toMatchObject(
      { kind: "held_elsewhere" },
    );
    await releaseLease(store.db, { networkId, holder: "a" });
    expect(await claimLease(store.db, { networkId, holder: "b", leaseMs: LEASE_MS })).toMatchObject(
      { kind: "takeover", lease: { holder: "b", epoch: 2 } },
    );
  });

  it("lets exactly one of two simultaneous first claimants hold the network", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const networkId = await buildNetwork(store.db, operation.id);
    const decisions = await Promise.all(
      ["a", "b", "c"].map((holder) =>
        claimLease(store.db, { networkId, holder, leaseMs: LEASE_MS }),
      ),
    );
    expect(decisions.filter((decision) => decision.kind === "acquire")).toHaveLength(1);
    expect(decisions.filter((decision) => decision.kind === "held_elsewhere")).toHaveLength(2);
  });

  it("refuses a stale holder's received messages by the epoch, and stores the holder's", async () => {
    const operation = await buildOperationWithTeam(store.db);
    const networkId = await buildNetwork(store.db, operation.id);
    const venue = await buildVenue(store.db, operation.id);
    const old = await claimLease(store.db, { networkId, holder: "a", leaseMs: LEASE_MS });
    await expire(store.db, networkId);
    const taken = await claimLease(store.db, { networkId, holder: "b", leaseMs: LEASE_MS });
    const staleFence = { networkId, holder: "a", epoch: old.lease.epoch };
    const fence = { networkId, holder: "b", epoch: taken.lease.epoch };
    await expect(assertFencesHold(store.db, [staleFence])).rejects.toBeInstanceOf(StaleLeaseError);
    await expect(assertFencesHold(store.db, [fence])).resolves.toBeUndefined();

    const queue = new IngestQueue({
      db: store.db,
      ports: { analyzer: coreAnalyzer, evidence: ledgerEvidence },
      bus: new InProcessBus(),
    });
    const item = (text: string, itemFence: typeof fence) => ({
      operationId: operation.id,
      venueId: venue.id,
      personaId: null,
      fence: itemFence,
      message: {
        venueAddress: "irc://irc.example.org/#lobby",
        counterpartId: "visitor",
        counterpartHandle: "visitor",
        bytes: new TextEncoder().encode(text),
        receivedAt: new Date(),
      },
    });
    await expect(queue.ingest(item("from the old holder", staleFence))).rejects.toBeInstanceOf(
      StaleLeaseError,
    );
    await queue.ingest(item("from the holder", fence));
    const stored = await store.db
      .selectFrom("messages")
      .select("body")
      .where("operation_id", "=", operation.id)
      .execute();
    expect(stored.map((row) => row.body)).toEqual(["from the holder"]);
  });

  it("makes a takeover wait for a write the old holder is committing (PostgreSQL: several processes)", async () => {
    if (store.kind !== "postgres") return; // PGlite is one process: nobody can take over.
    const operation = await buildOperationWithTeam(store.db);
    const networkId = await buildNetwork(store.db, operation.id);
    const old = await claimLease(store.db, { networkId, holder: "a", leaseMs: LEASE_MS });
    await expire(store.db, networkId);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const write = store.db.transaction().execute(async (trx) => {
      await assertFencesHold(trx, [{ networkId, holder: "a", epoch: old.lease.epoch }]);
      order.push("write checked");
      await held;
      order.push("write committed");
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const takeover = claimLease(store.db, { networkId, holder: "b", leaseMs: LEASE_MS }).then(
      (decision) => {
        order.push(`takeover ${decision.kind}`);
        return decision;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual(["write checked"]);
    release();
    await write;
    expect((await takeover).lease.epoch).toBe(old.lease.epoch + 1);
    expect(order).toEqual(["write checked", "write committed", "takeover takeover"]);
  });
});

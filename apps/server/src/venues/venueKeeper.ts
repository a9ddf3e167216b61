import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { decidePresence } from "@sweetie/core/venues/venueGate";
import {
  leaseHolderView,
  renewEveryMs,
  type LeaseHolderView,
} from "@sweetie/core/venues/venueLease";
import type { ConnectorHub } from "../connectors/connectorHub";
import type { Db } from "../db/database";
import {
  claimLease,
  findLeases,
  releaseLease,
  type LeaseFence,
} from "../db/repositories/venueLeasesRepository";
import { findNetwork } from "../db/repositories/venueNetworksRepository";
import {
  isPresenceWanted,
  listWantedPresences,
  type WantedPresence,
} from "../db/repositories/venuePresencesRepository";
import { networkAccount } from "./networkAccount";
import type { SecretBox } from "./secretBox";
import { LocalWakeups, PostgresWakeups, type VenueWakeups, type Wakeup } from "./venueWakeups";

export interface VenueKeeperOptions {
  db: Db;
  hub: ConnectorHub;
  secrets: () => Promise<SecretBox>;
  /** Delivers the operation's pending persona messages through the venues this process holds. */
  deliverPending: (operationId: string) => Promise<void>;
  /**
   * `leases` (PostgreSQL, several processes): hold venues through lease rows, renew them,
   * take over expired ones, hear wake-ups by LISTEN/NOTIFY. `single` (PGlite, or a CLI verb
   * that only uses the training range): this process holds whatever it opens.
   */
  mode: { kind: "leases"; url: string; leaseMs: number } | { kind: "single" };
  /** This process's name in the lease rows (tests set it; otherwise host, process id, random). */
  holderId?: string;
}

interface Held {
  operationId: string;
  fence: LeaseFence;
  /** When this process stops trusting its lease if it cannot renew it (local clock). */
  trustUntil: number;
}

/** Who holds a network account's connection, as the Venues page says it. */
export interface LeaseState {
  heldBy: LeaseHolderView;
  expiresAt: Date | null;
}

/**
 * Holds the venues (network accounts) of this server process. With leases, every few seconds
 * (three times per lease) and whenever another process wakes it, it claims or renews the lease of
 * every network the persona should be present on, joins the wanted rooms of the networks it
 * holds, leaves the rest, and lets go of a network whose lease another process took: its
 * connection closes and what it would still write is refused by the epoch. A network whose holder
 * died is taken over once the lease ran out; the new holder joins the rooms and delivers what
 * waited in the outbox.
 */
export class VenueKeeper {
  readonly holderId: string;
  private readonly held = new Map<string, Held>();
  private readonly wakeups: VenueWakeups;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(private readonly options: VenueKeeperOptions) {
    this.holderId =
      options.holderId ?? `${hostname()} process ${process.pid} ${randomBytes(3).toString("hex")}`;
    const onWakeup = (wakeup: Wakeup) => this.heard(wakeup);
    this.wakeups =
      options.mode.kind === "leases"
        ? new PostgresWakeups(options.mode.url, onWakeup)
        : new LocalWakeups(onWakeup);
  }

  get usesLeases(): boolean {
    return this.options.mode.kind === "leases";
  }

  /** Starts listening and the renewal timer (leases only); the first sync runs at once. */
  async start(): Promise<void> {
    const mode = this.options.mode;
    if (mode.kind !== "leases" || this.closed) return;
    await (this.wakeups as PostgresWakeups).keepAlive();
    this.timer = setInterval(() => this.tick(), renewEveryMs(mode.leaseMs));
    this.timer.unref();
    this.wake();
  }

  /** Runs a sync soon (serialized: a wake-up during one runs another after it). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sync()
      .catch((error: unknown) => console.error("venue leases: a sync failed", error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves once the sync under way (and any it asked for) finished. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Tells the holder (whichever process it is, this one included) that work waits. */
  async publish(wakeup: Wakeup): Promise<void> {
    await this.wakeups.publish(wakeup);
  }

  /**
   * Claims the network's lease for a go-present request handled here. `fence` is what the
   * connection must carry; `held: false` means another process holds the network and joins.
   */
  async claim(
    operationId: string,
    networkId: string,
  ): Promise<{ held: true; fence?: LeaseFence } | { held: false }> {
    const mode = this.options.mode;
    if (mode.kind !== "leases") return { held: true };
    const decision = await claimLease(this.options.db, {
      networkId,
      holder: this.holderId,
      leaseMs: mode.leaseMs,
    });
    if (decision.kind === "held_elsewhere") return { held: false };
    const fence = { networkId, holder: this.holderId, epoch: decision.lease.epoch };
    const before = this.held.get(networkId);
    if (before && before.fence.epoch !== fence.epoch) {
      await this.options.hub.close(before.operationId, networkId);
    }
    this.held.set(networkId, { operationId, fence, trustUntil: Date.now() + mode.leaseMs });
    return { held: true, fence };
  }

  /** Whether this process holds the network's connection right now. */
  holds(networkId: string): boolean {
    return this.options.mode.kind !== "leases" || this.held.has(networkId);
  }

  /**
   * For a persona message this process cannot deliver (no presence here): whether another
   * process holds, or will take over, the venue where the persona should be present.
   */
  async deliveredElsewhere(operationId: string, venueId: string | null): Promise<boolean> {
    if (this.options.mode.kind !== "leases" || !venueId) return false;
    const wanted = await isPresenceWanted(this.options.db, operationId, venueId);
    return wanted !== undefined && !this.held.has(wanted.networkId);
  }

  /** Who holds each of these network accounts, from where this process stands. */
  async leaseStates(operationId: string, networkIds: string[]): Promise<Map<string, LeaseState>> {
    const states = new Map<string, LeaseState>();
    if (this.options.mode.kind !== "leases") {
      for (const id of networkIds) {
        const holding = this.options.hub.holdsConnection(operationId, id);
        states.set(id, { heldBy: holding ? "this_server" : "nobody", expiresAt: null });
      }
      return states;
    }
    const { now, leases } = await findLeases(this.options.db, networkIds);
    for (const id of networkIds) {
      const lease = leases.get(id) ?? null;
      const heldBy = leaseHolderView(lease, this.holderId, now);
      states.set(id, { heldBy, expiresAt: heldBy === "nobody" ? null : lease!.expiresAt });
    }
    return states;
  }

  /** Stops renewing and lets this process's leases run out at once (clean shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.settled();
    const held = [...this.held.entries()];
    this.held.clear();
    await Promise.allSettled(
      held.map(async ([networkId, item]) => {
        await this.options.hub.close(item.operationId, networkId);
        await releaseLease(this.options.db, { networkId, holder: this.holderId });
      }),
    );
    await this.wakeups.close();
  }

  private heard(wakeup: Wakeup): void {
    if (this.closed) return;
    if (wakeup.kind === "presence") {
      this.wake();
      return;
    }
    // Only a process holding one of the operation's networks has anything to deliver.
    if ([...this.held.values()].some((item) => item.operationId === wakeup.operationId)) {
      this.options
        .deliverPending(wakeup.operationId)
        .catch((error: unknown) => console.error("pending persona messages not delivered", error));
    } else if (this.options.mode.kind !== "leases") {
      void this.options.deliverPending(wakeup.operationId).catch(() => undefined);
    }
  }

  private tick(): void {
    // A lease this process could not renew in time is given up before anyone may take it over.
    const now = Date.now();
    for (const [networkId, item] of this.held) {
      if (item.trustUntil <= now) void this.drop(networkId, "its lease could not be renewed");
    }
    if (this.wakeups instanceof PostgresWakeups) void this.wakeups.keepAlive();
    this.wake();
  }

  private async drop(networkId: string, why: string): Promise<void> {
    const item = this.held.get(networkId);
    if (!item) return;
    this.held.delete(networkId);
    console.error(`venue leases: closing the connection to network ${networkId}: ${why}`);
    await this.options.hub.close(item.operationId, networkId).catch(() => undefined);
  }

  private async sync(): Promise<void> {
    const mode = this.options.mode;
    if (mode.kind !== "leases" || this.closed) return;
    const { db, hub } = this.options;
    const now = new Date();
    const wanted = new Map<string, WantedPresence[]>();
    for (const row of await listWantedPresences(db)) {
      const decision = decidePresence(
        {
          reference: row.authorization_reference,
          permittedVenues: row.permitted_venues,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
        },
        row.address,
        now,
      );
      if (!decision.allowed) continue;
      wanted.set(row.network_id, [...(wanted.get(row.network_id) ?? []), row]);
    }
    for (const networkId of new Set([...wanted.keys(), ...this.held.keys()])) {
      if (this.closed) return;
      const rooms = wanted.get(networkId) ?? [];
      const before = this.held.get(networkId);
      if (rooms.length === 0) {
        // No room left on this network: close it and let another process have it at once.
        this.held.delete(networkId);
        await hub.close(before!.operationId, networkId);
        await releaseLease(db, { networkId, holder: this.holderId });
        continue;
      }
      const operationId = rooms[0]!.operation_id;
      let claimed: Awaited<ReturnType<VenueKeeper["claim"]>>;
      try {
        claimed = await this.claim(operationId, networkId);
      } catch (error) {
        console.error(`venue leases: the lease of network ${networkId} was not renewed`, error);
        continue;
      }
      if (!claimed.held) {
        if (before) await this.drop(networkId, "another server holds it now");
        continue;
      }
      await this.join(operationId, networkId, rooms, claimed.fence!);
      // New to this process (or the slow poll): deliver what waited for the holder.
      await this.options
        .deliverPending(operationId)
        .catch((error: unknown) => console.error("pending persona messages not delivered", error));
    }
  }

  /** Joins the wanted rooms of a network this process holds, and leaves the others. */
  private async join(
    operationId: string,
    networkId: string,
    rooms: WantedPresence[],
    fence: LeaseFence,
  ): Promise<void> {
    const { db, hub } = this.options;
    const present = hub.presencesOf(operationId, networkId);
    const wantedIds = new Set(rooms.map((room) => room.venue_id));
    for (const presence of present) {
      if (!wantedIds.has(presence.venueId)) await hub.leave(operationId, presence.venueAddress);
    }
    const missing = rooms.filter((room) => !present.some((p) => p.venueId === room.venue_id));
    if (missing.length === 0) return;
    const network = await findNetwork(db, operationId, networkId);
    if (!network) return;
    const secrets = network.secret_sealed ? await this.options.secrets() : null;
    for (const room of missing) {
      const names = [
        room.display_name,
        ...room.display_names.filter((name) => name !== room.display_name),
      ];
      try {
        await hub.goPresent({
          operationId,
          venueId: room.venue_id,
          venueAddress: room.address,
          personaId: room.persona_id,
          displayName: room.display_name,
          account: networkAccount(network, secrets, names),
          fence,
        });
      } catch (error) {
        console.error(`venue leases: could not go present in ${room.address}`, error);
      }
    }
  }
}

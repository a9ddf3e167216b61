import type { IngestItem } from "../commands/ingestMessages";
import type { LeaseFence } from "../db/repositories/venueLeasesRepository";
import type {
  Connector,
  ConnectorStatus,
  CounterpartDeparture,
  IncomingPrivateMessage,
} from "./connector";
import { ConnectorRegistry, type VenueAccount } from "./connectorRegistry";
import { TrainingRange, type TrainingRangeOptions } from "./training/trainingRange";

/** A counterpart left a conversation the persona holds in one of this process's presences. */
export interface DepartureItem {
  operationId: string;
  venueId: string;
  counterpartRef: string;
  at: Date;
}

/** A connection this process holds changed state (connected, reconnecting, faulted …). */
export interface StatusItem {
  operationId: string;
  accountKey: string;
  status: ConnectorStatus;
}

interface Presence {
  operationId: string;
  venueId: string;
  venueAddress: string;
  personaId: string | null;
  accountKey: string;
  connector: Connector;
}

export interface ConnectorHubOptions {
  onMessage: (item: IngestItem) => void;
  /**
   * Ingests a message and resolves once it is committed (the ingest queue's `ingest`), for
   * connectors that acknowledge receipt only then (`Connector.useStore`).
   */
  ingest?: (item: IngestItem) => Promise<void>;
  onDeparture?: (item: DepartureItem) => void;
  onStatus?: (item: StatusItem) => void;
  /** Options for training ranges opened from now on (tests set manual timers and a seed). */
  training?: TrainingRangeOptions;
  /** Extra protocols; the training range is always registered. */
  register?: (registry: ConnectorRegistry) => void;
}

/**
 * The connectors this server process holds, one per (operation, network account), each built by
 * the registry for the account's protocol, and the venues the persona is present in. Every
 * private message they receive goes to `onMessage` (the ingest queue). Presence is only
 * requested after the authorization gate allowed it.
 */
export class ConnectorHub {
  readonly registry = new ConnectorRegistry();
  /** Options for training ranges opened from now on (tests set manual timers and a seed). */
  trainingOptions: TrainingRangeOptions;
  private readonly connectors = new Map<string, Promise<Connector>>();
  /** The connectors of `connectors` that finished connecting. */
  private readonly opened = new Map<string, Connector>();
  private readonly presences = new Map<string, Presence>();
  /** The lease each connection was opened under; its messages are stored under it (fencing). */
  private readonly fences = new Map<string, LeaseFence>();

  constructor(private readonly options: ConnectorHubOptions) {
    this.trainingOptions = options.training ?? {};
    this.registry.register("training", () => new TrainingRange(this.trainingOptions));
    options.register?.(this.registry);
  }

  async goPresent(input: {
    operationId: string;
    venueId: string;
    venueAddress: string;
    personaId: string | null;
    displayName: string;
    account: VenueAccount;
    /** The venue lease this process holds for the account (several processes on PostgreSQL). */
    fence?: LeaseFence;
  }): Promise<void> {
    const connection = connectorKey(input.operationId, input.account.key);
    if (input.fence) this.fences.set(connection, input.fence);
    const connector = await this.connectorFor(input.operationId, input.account);
    const key = presenceKey(input.operationId, input.venueAddress);
    const before = this.presences.get(key);
    const presence: Presence = {
      operationId: input.operationId,
      venueId: input.venueId,
      venueAddress: input.venueAddress,
      personaId: input.personaId,
      accountKey: input.account.key,
      connector,
    };
    // Recorded before the join: what the room sends while it completes (and what the server
    // hands on from a session that died) is kept, not dropped as "not present".
    this.presences.set(key, presence);
    try {
      await connector.goPresent({
        venueAddress: input.venueAddress,
        displayName: input.displayName,
      });
    } catch (error) {
      if (this.presences.get(key) === presence) {
        if (before) this.presences.set(key, before);
        else this.presences.delete(key);
      }
      throw error;
    }
  }

  /**
   * The persona leaves one venue; when it was the last venue of its account, the connection
   * closes too (a persona signed in to a network with no room left is still visible there).
   */
  async leave(operationId: string, venueAddress: string): Promise<void> {
    const presence = this.presences.get(presenceKey(operationId, venueAddress));
    if (!presence) return;
    this.presences.delete(presenceKey(operationId, venueAddress));
    await presence.connector.leave(venueAddress);
    if (this.presencesOf(operationId, presence.accountKey).length === 0) {
      await this.close(operationId, presence.accountKey);
    }
  }

  /** The venues this process holds through one account. */
  presencesOf(
    operationId: string,
    accountKey: string,
  ): { venueId: string; venueAddress: string }[] {
    return [...this.presences.values()]
      .filter((item) => item.operationId === operationId && item.accountKey === accountKey)
      .map(({ venueId, venueAddress }) => ({ venueId, venueAddress }));
  }

  /** Whether this process has a connection (open or opening) to the account. */
  holdsConnection(operationId: string, accountKey: string): boolean {
    return this.connectors.has(connectorKey(operationId, accountKey));
  }

  /** The lease the account's connection was opened under, if any. */
  fenceFor(operationId: string, accountKey: string): LeaseFence | undefined {
    return this.fences.get(connectorKey(operationId, accountKey));
  }

  /** The presence a conversation's messages travel through, if this process holds it. */
  presenceFor(operationId: string, venueId: string | null): Presence | undefined {
    for (const presence of this.presences.values()) {
      if (presence.operationId === operationId && presence.venueId === venueId) return presence;
    }
    return undefined;
  }

  listPresences(operationId: string): { venueId: string; venueAddress: string }[] {
    return [...this.presences.values()]
      .filter((presence) => presence.operationId === operationId)
      .map(({ venueId, venueAddress }) => ({ venueId, venueAddress }));
  }

  /** The state of the connection to an account, if this process holds it. */
  statusFor(operationId: string, accountKey: string): ConnectorStatus | undefined {
    return this.opened.get(connectorKey(operationId, accountKey))?.status();
  }

  /** The operation's training range in this process (to add counterparts), if it is connected. */
  trainingRange(operationId: string): TrainingRange | undefined {
    const range = this.opened.get(connectorKey(operationId, "training"));
    return range instanceof TrainingRange ? range : undefined;
  }

  /** Closes the connection to one account (and every presence through it). */
  async close(operationId: string, accountKey: string): Promise<void> {
    const key = connectorKey(operationId, accountKey);
    const connector = this.connectors.get(key);
    this.fences.delete(key);
    if (!connector) return;
    this.connectors.delete(key);
    this.opened.delete(key);
    for (const [presenceId, presence] of this.presences) {
      if (presence.operationId === operationId && presence.accountKey === accountKey)
        this.presences.delete(presenceId);
    }
    await (await connector).disconnect();
  }

  async closeAll(): Promise<void> {
    const connectors = [...this.connectors.values()];
    this.connectors.clear();
    this.opened.clear();
    this.presences.clear();
    this.fences.clear();
    await Promise.allSettled(connectors.map(async (connector) => (await connector).disconnect()));
  }

  private connectorFor(operationId: string, account: VenueAccount): Promise<Connector> {
    const key = connectorKey(operationId, account.key);
    const existing = this.connectors.get(key);
    if (existing) return existing;
    const opening = this.open(operationId, account).then((connector) => {
      if (this.connectors.get(key) === opening) this.opened.set(key, connector);
      return connector;
    });
    this.connectors.set(key, opening);
    // A connection that could not be opened is not kept: the next presence request tries again.
    opening.catch(() => {
      if (this.connectors.get(key) === opening) this.connectors.delete(key);
    });
    return opening;
  }

  private async open(operationId: string, account: VenueAccount): Promise<Connector> {
    const connector = this.registry.create(account);
    const ingest = this.options.ingest;
    if (connector.useStore && ingest) {
      connector.useStore((message) => {
        const item = this.itemFor(operationId, message);
        // A message for a venue the persona is not present in is not kept, as with `route`.
        return item ? ingest(item) : Promise.resolve();
      });
    } else {
      connector.onPrivateMessage((message) => this.route(operationId, message));
    }
    connector.onCounterpartLeft((departure) => this.routeDeparture(operationId, departure));
    connector.onStatus((status) =>
      this.options.onStatus?.({ operationId, accountKey: account.key, status }),
    );
    await connector.connect();
    return connector;
  }

  private routeDeparture(operationId: string, departure: CounterpartDeparture): void {
    const presence = this.presences.get(presenceKey(operationId, departure.venueAddress));
    if (!presence) return;
    this.options.onDeparture?.({
      operationId,
      venueId: presence.venueId,
      counterpartRef: departure.counterpartId,
      at: departure.at,
    });
  }

  private route(operationId: string, message: IncomingPrivateMessage): void {
    const item = this.itemFor(operationId, message);
    if (item) this.options.onMessage(item);
  }

  private itemFor(operationId: string, message: IncomingPrivateMessage): IngestItem | undefined {
    const presence = this.presences.get(presenceKey(operationId, message.venueAddress));
    if (!presence) return undefined;
    const fence = this.fences.get(connectorKey(operationId, presence.accountKey));
    return {
      operationId,
      venueId: presence.venueId,
      personaId: presence.personaId,
      message,
      ...(fence ? { fence } : {}),
    };
  }
}

const presenceKey = (operationId: string, venueAddress: string) => `${operationId} ${venueAddress}`;
const connectorKey = (operationId: string, accountKey: string) => `${operationId} ${accountKey}`;

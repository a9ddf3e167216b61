import type { IngestItem } from "../commands/ingestMessages";
import type { Connector, CounterpartDeparture, IncomingPrivateMessage } from "./connector";
import { TrainingRange, type TrainingRangeOptions } from "./training/trainingRange";

/** A counterpart left a conversation the persona holds in one of this process's presences. */
export interface DepartureItem {
  operationId: string;
  venueId: string;
  counterpartRef: string;
  at: Date;
}

interface Presence {
  operationId: string;
  venueId: string;
  venueAddress: string;
  personaId: string | null;
  connector: Connector;
}

/**
 * The connectors this server process holds, one per operation and protocol, and the venues the
 * persona is present in. Every private message they receive goes to `onMessage` (the ingest
 * queue). Presence is only requested after the authorization gate allowed it.
 */
export class ConnectorHub {
  private readonly ranges = new Map<string, TrainingRange>();
  private readonly presences = new Map<string, Presence>();

  constructor(
    private readonly onMessage: (item: IngestItem) => void,
    /** Options for training ranges opened from now on (tests set manual timers and a seed). */
    public trainingOptions: TrainingRangeOptions = {},
    private readonly onDeparture: (item: DepartureItem) => void = () => {},
  ) {}

  async goPresent(input: {
    operationId: string;
    venueId: string;
    venueAddress: string;
    personaId: string | null;
    displayName: string;
  }): Promise<void> {
    const connector = await this.trainingRangeFor(input.operationId);
    await connector.goPresent({ venueAddress: input.venueAddress, displayName: input.displayName });
    this.presences.set(presenceKey(input.operationId, input.venueAddress), {
      operationId: input.operationId,
      venueId: input.venueId,
      venueAddress: input.venueAddress,
      personaId: input.personaId,
      connector,
    });
  }

  async leave(operationId: string, venueAddress: string): Promise<void> {
    const presence = this.presences.get(presenceKey(operationId, venueAddress));
    if (!presence) return;
    this.presences.delete(presenceKey(operationId, venueAddress));
    await presence.connector.leave(venueAddress);
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

  /** The operation's training range in this process (to add counterparts), if it is connected. */
  trainingRange(operationId: string): TrainingRange | undefined {
    return this.ranges.get(operationId);
  }

  async closeAll(): Promise<void> {
    const ranges = [...this.ranges.values()];
    this.ranges.clear();
    this.presences.clear();
    await Promise.allSettled(ranges.map((range) => range.disconnect()));
  }

  private async trainingRangeFor(operationId: string): Promise<TrainingRange> {
    const existing = this.ranges.get(operationId);
    if (existing) return existing;
    const range = new TrainingRange(this.trainingOptions);
    await range.connect();
    range.onPrivateMessage((message) => this.route(operationId, message));
    range.onCounterpartLeft((departure) => this.routeDeparture(operationId, departure));
    this.ranges.set(operationId, range);
    return range;
  }

  private routeDeparture(operationId: string, departure: CounterpartDeparture): void {
    const presence = this.presences.get(presenceKey(operationId, departure.venueAddress));
    if (!presence) return;
    this.onDeparture({
      operationId,
      venueId: presence.venueId,
      counterpartRef: departure.counterpartId,
      at: departure.at,
    });
  }

  private route(operationId: string, message: IncomingPrivateMessage): void {
    const presence = this.presences.get(presenceKey(operationId, message.venueAddress));
    if (!presence) return;
    this.onMessage({
      operationId,
      venueId: presence.venueId,
      personaId: presence.personaId,
      message,
    });
  }
}

const presenceKey = (operationId: string, venueAddress: string) => `${operationId} ${venueAddress}`;

import type { Store } from "../db/database";
import type { ConversationAnalyzer } from "./analyzer";
import { recordCounterpartLeft } from "../commands/recordCounterpartLeft";
import { newestArchiveId, storedArchiveIds } from "../db/repositories/archiveCursorRepository";
import { ConnectorHub, type DepartureItem } from "../connectors/connectorHub";
import { IrcConnector } from "../connectors/irc/ircConnector";
import type { TrainingRangeOptions } from "../connectors/training/trainingRange";
import { xmppAccountOf } from "../connectors/xmpp/xmppAccount";
import { XmppConnector } from "../connectors/xmpp/xmppConnector";
import { InProcessBus } from "../events/inProcessBus";
import type { EventBus } from "../events/liveEvents";
import { PostgresBus } from "../events/postgresBus";
import { coreAnalyzer } from "./coreAnalyzer";
import type { EvidenceSink } from "./evidence";
import { IngestQueue } from "./ingestQueue";
import { ledgerEvidence } from "./ledgerEvidence";
import { Outbox } from "./outbox";
import { loadOrCreateSecretBox, type SecretBox } from "../venues/secretBox";
import { VenueKeeper } from "../venues/venueKeeper";

/** The live side of one server process: its connectors, its ingest queue and the event bus. */
export interface ConsoleRuntime {
  bus: EventBus;
  hub: ConnectorHub;
  queue: IngestQueue;
  /** Delivers recorded persona messages through the venues this process holds. */
  outbox: Outbox;
  /** The venues (network accounts) this process holds, through leases on PostgreSQL. */
  keeper: VenueKeeper;
  /** Seals and opens network secrets (loaded on first use). */
  secrets: () => Promise<SecretBox>;
  analyzer: ConversationAnalyzer;
  evidence: EvidenceSink;
  /** The deployment's deconfliction secret, when given: chat observations are made at ingest. */
  deconflictionSecret?: Uint8Array;
  close(): Promise<void>;
}

export interface ConsoleRuntimeOptions {
  store: Store;
  /** Where the venue secret key is kept when SWEETIE_SECRET_KEY is not set. */
  dataDir?: string;
  bus?: EventBus;
  training?: TrainingRangeOptions;
  maxBatch?: number;
  lanes?: number;
  /**
   * The server: on PostgreSQL, hold real venues through leases of this length (several
   * processes may share the database). Without it (CLI verbs, PGlite) this process holds
   * whatever it opens.
   */
  venueLeases?: { leaseMs: number; holderId?: string };
  /**
   * The deployment's deconfliction secret: with it, new messages of a subject's conversations
   * add their identifiers and origins to the subject as they are ingested.
   */
  deconflictionSecret?: Uint8Array;
}

/** PostgreSQL fans events out between processes with LISTEN/NOTIFY; PGlite is one process. */
export async function openConsoleRuntime(options: ConsoleRuntimeOptions): Promise<ConsoleRuntime> {
  const bus =
    options.bus ??
    (options.store.kind === "postgres" && options.store.url
      ? await PostgresBus.open(options.store.url)
      : new InProcessBus());
  const analyzer = coreAnalyzer;
  const evidence = ledgerEvidence;
  const queue = new IngestQueue({
    db: options.store.db,
    ports: {
      analyzer,
      evidence,
      ...(options.deconflictionSecret ? { deconflictionSecret: options.deconflictionSecret } : {}),
    },
    bus,
    ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
    // PostgreSQL overlaps a few transactions' round trips; PGlite runs one at a time anyway.
    lanes: options.lanes ?? (options.store.kind === "postgres" ? 3 : 1),
  });
  // A departure is recorded once the counterpart's last messages are in, so it follows them.
  const departures = new Set<Promise<void>>();
  const recordDeparture = (item: DepartureItem) => {
    const done = queue
      .drain()
      .then(() => recordCounterpartLeft(options.store.db, { evidence }, item))
      .then(async (conversationId) => {
        if (conversationId) {
          await bus.publish([
            {
              kind: "conversations",
              operationId: item.operationId,
              conversationIds: [conversationId],
            },
          ]);
        }
      })
      .catch((error: unknown) => console.error("a counterpart's departure was not recorded", error))
      .finally(() => departures.delete(done));
    departures.add(done);
  };
  const hub = new ConnectorHub({
    onMessage: (item) => queue.push(item),
    ingest: (item) => queue.ingest(item),
    onDeparture: recordDeparture,
    register: (registry) => {
      registry.register("irc", (account) => new IrcConnector(account));
      registry.register(
        "xmpp",
        (account) =>
          new XmppConnector({
            account: xmppAccountOf(account),
            network: account.host,
            alternateNames: account.displayNames,
            // The archive cursor lives in the evidence (each message's archive id), so a
            // process that starts again fills the gap once (see archiveCursorRepository).
            lastArchiveId: () => newestArchiveId(options.store.db, account.key),
            alreadyStored: async (archiveId) =>
              (await storedArchiveIds(options.store.db, account.key, [archiveId])).has(archiveId),
          }),
      );
    },
    ...(options.training ? { training: options.training } : {}),
  });
  let secretBox: Promise<SecretBox> | undefined;
  const secrets = () => (secretBox ??= loadOrCreateSecretBox(options.dataDir ?? "./data"));
  const leases =
    options.venueLeases && options.store.kind === "postgres" && options.store.url
      ? options.venueLeases
      : undefined;
  const keeper: VenueKeeper = new VenueKeeper({
    db: options.store.db,
    hub,
    secrets,
    deliverPending: (operationId) => outbox.deliverPending(operationId),
    mode: leases
      ? { kind: "leases", url: options.store.url!, leaseMs: leases.leaseMs }
      : { kind: "single" },
    ...(leases?.holderId ? { holderId: leases.holderId } : {}),
  });
  const outbox: Outbox = new Outbox({
    db: options.store.db,
    hub,
    evidence,
    bus,
    router: {
      deliveredElsewhere: (operationId, venueId) => keeper.deliveredElsewhere(operationId, venueId),
      wakeHolder: (operationId) => keeper.publish({ kind: "outbox", operationId }),
    },
  });
  await keeper.start();
  return {
    bus,
    hub,
    queue,
    outbox,
    keeper,
    secrets,
    analyzer,
    evidence,
    ...(options.deconflictionSecret ? { deconflictionSecret: options.deconflictionSecret } : {}),
    async close() {
      await outbox.drain();
      await keeper.close();
      await hub.closeAll();
      await queue.drain();
      await Promise.all([...departures]);
      if (!options.bus) await bus.close();
    },
  };
}

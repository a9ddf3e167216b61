import type { Store } from "../db/database";
import type { ConversationAnalyzer } from "./analyzer";
import { ConnectorHub } from "../connectors/connectorHub";
import type { TrainingRangeOptions } from "../connectors/training/trainingRange";
import { InProcessBus } from "../events/inProcessBus";
import type { EventBus } from "../events/liveEvents";
import { PostgresBus } from "../events/postgresBus";
import { coreAnalyzer } from "./coreAnalyzer";
import type { EvidenceSink } from "./evidence";
import { IngestQueue } from "./ingestQueue";
import { ledgerEvidence } from "./ledgerEvidence";

/** The live side of one server process: its connectors, its ingest queue and the event bus. */
export interface ConsoleRuntime {
  bus: EventBus;
  hub: ConnectorHub;
  queue: IngestQueue;
  analyzer: ConversationAnalyzer;
  evidence: EvidenceSink;
  close(): Promise<void>;
}

export interface ConsoleRuntimeOptions {
  store: Store;
  bus?: EventBus;
  training?: TrainingRangeOptions;
  maxBatch?: number;
  lanes?: number;
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
    ports: { analyzer, evidence },
    bus,
    ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
    // PostgreSQL overlaps a few transactions' round trips; PGlite runs one at a time anyway.
    lanes: options.lanes ?? (options.store.kind === "postgres" ? 3 : 1),
  });
  const hub = new ConnectorHub((item) => queue.push(item), options.training ?? {});
  return {
    bus,
    hub,
    queue,
    analyzer,
    evidence,
    async close() {
      await hub.closeAll();
      await queue.drain();
      if (!options.bus) await bus.close();
    },
  };
}

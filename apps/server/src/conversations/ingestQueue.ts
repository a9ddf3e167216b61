import { ingestMessages, type IngestItem, type IngestPorts } from "../commands/ingestMessages";
import type { Db } from "../db/database";
import type { EventBus } from "../events/liveEvents";

export interface IngestQueueOptions {
  db: Db;
  ports: IngestPorts;
  bus: EventBus;
  /** Most messages per transaction. */
  maxBatch?: number;
}

/**
 * Group commit for incoming messages: while one transaction runs, new messages wait, and the next
 * transaction takes them all (up to `maxBatch`). At low rates each message commits alone at once;
 * at high rates batches grow and the database does far fewer commits.
 */
export class IngestQueue {
  private readonly pending: IngestItem[] = [];
  private running: Promise<void> | undefined;
  private failures = 0;

  constructor(private readonly options: IngestQueueOptions) {}

  push(item: IngestItem): void {
    this.pending.push(item);
    this.kick();
  }

  private kick(): void {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
      if (this.pending.length > 0) this.kick();
    });
  }

  /** Resolves once everything pushed so far is committed and published. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  get failedCount(): number {
    return this.failures;
  }

  get backlog(): number {
    return this.pending.length;
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch ?? 500);
      try {
        await this.commit(batch);
      } catch (error) {
        // One poisoned message must not lose the others: retry them one by one.
        console.error("ingest batch failed, retrying its messages one by one", error);
        for (const item of batch) {
          try {
            await this.commit([item]);
          } catch (itemError) {
            this.failures += 1;
            console.error("a message could not be ingested", itemError);
          }
        }
      }
    }
  }

  private async commit(batch: IngestItem[]): Promise<void> {
    const result = await this.options.db
      .transaction()
      .execute((trx) => ingestMessages(trx, this.options.ports, batch));
    await this.options.bus.publish(result.liveEvents);
  }
}

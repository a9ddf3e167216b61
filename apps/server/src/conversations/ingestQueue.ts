import { ingestMessages, type IngestItem, type IngestPorts } from "../commands/ingestMessages";
import type { Db } from "../db/database";
import { assertFencesHold, StaleLeaseError } from "../db/repositories/venueLeasesRepository";
import type { EventBus } from "../events/liveEvents";

export interface IngestQueueOptions {
  db: Db;
  ports: IngestPorts;
  bus: EventBus;
  /** Most messages per transaction. */
  maxBatch?: number;
  /**
   * Transactions that may run at once. A counterpart's messages always take the same lane, so
   * their order holds and two lanes never open the same conversation twice. One lane on PGlite
   * (it runs one transaction at a time anyway).
   */
  lanes?: number;
}

/**
 * Group commit for incoming messages: while a lane's transaction runs, new messages wait, and the
 * lane's next transaction takes them all (up to `maxBatch`). At low rates each message commits
 * alone at once; at high rates batches grow and the database does far fewer commits.
 */
export class IngestQueue {
  private readonly lanes: Lane[];
  private failures = 0;

  constructor(private readonly options: IngestQueueOptions) {
    this.lanes = Array.from({ length: Math.max(1, options.lanes ?? 1) }, () => new Lane(this));
  }

  push(item: IngestItem): void {
    this.laneFor(item).push({ item });
  }

  /**
   * Like `push`, and resolves once the message is committed (rejects when it could not be), so a
   * connector can acknowledge it to the network only when it is safe in the database.
   */
  ingest(item: IngestItem): Promise<void> {
    return new Promise((resolve, reject) => this.laneFor(item).push({ item, resolve, reject }));
  }

  private laneFor(item: IngestItem): Lane {
    return this.lanes[
      laneOf(`${item.operationId} ${item.message.counterpartId}`, this.lanes.length)
    ]!;
  }

  /** Resolves once everything pushed so far is committed and published. */
  async drain(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.drain()));
  }

  get failedCount(): number {
    return this.failures;
  }

  get backlog(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.pendingCount, 0);
  }

  /** @internal one transaction for a lane's batch, then its live events. */
  async commit(batch: IngestItem[]): Promise<void> {
    const result = await this.options.db.transaction().execute(async (trx) => {
      // A holder that lost its venue stores nothing more (checked under the rows' share lock).
      await assertFencesHold(
        trx,
        batch.flatMap((item) => (item.fence ? [item.fence] : [])),
      );
      return ingestMessages(trx, this.options.ports, batch);
    });
    await this.options.bus.publish(result.liveEvents);
  }

  /** @internal */
  recordFailure(): void {
    this.failures += 1;
  }

  /** @internal */
  get maxBatch(): number {
    return this.options.maxBatch ?? 500;
  }
}

interface Pending {
  item: IngestItem;
  resolve?: () => void;
  reject?: (error: unknown) => void;
}

class Lane {
  private readonly pending: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly queue: IngestQueue) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  push(entry: Pending): void {
    this.pending.push(entry);
    this.kick();
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.queue.maxBatch);
      try {
        await this.queue.commit(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve?.();
      } catch (error) {
        // One poisoned message must not lose the others: retry them one by one.
        if (!(error instanceof StaleLeaseError))
          console.error("ingest batch failed, retrying its messages one by one", error);
        for (const entry of batch) {
          try {
            await this.queue.commit([entry.item]);
            entry.resolve?.();
          } catch (itemError) {
            this.queue.recordFailure();
            if (itemError instanceof StaleLeaseError) {
              console.error(`a message was refused: ${itemError.message}`);
            } else {
              console.error("a message could not be ingested", itemError);
            }
            entry.reject?.(itemError);
          }
        }
      }
    }
  }
}

/** A stable lane for a key (FNV-1a). */
function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

import pg from "pg";
import { z } from "zod";
import { deliver } from "./inProcessBus";
import type { EventBus, LiveEvent, LiveEventListener } from "./liveEvents";

export const LIVE_CHANNEL = "sweetie_live";

// NOTIFY payloads must stay under 8,000 bytes; ids are 36 characters, so chunk well below.
const MAX_IDS_PER_NOTIFY = 80;

const uuids = z.array(z.string());
const liveEventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("messages"),
    operationId: z.string(),
    messageIds: uuids,
  }),
  z.object({ kind: z.literal("conversations"), operationId: z.string(), conversationIds: uuids }),
  z.object({ kind: z.literal("review"), operationId: z.string(), conversationIds: uuids }),
]);

/**
 * Fans events out between server processes with PostgreSQL LISTEN/NOTIFY: one dedicated
 * connection listens, publishing is a `pg_notify` on another. A process hears its own
 * notifications too, so local sockets are served by the same path as remote ones.
 */
export class PostgresBus implements EventBus {
  private readonly listeners = new Set<LiveEventListener>();
  private closed = false;

  private constructor(
    private readonly listenClient: pg.Client,
    private readonly publishClient: pg.Client,
  ) {}

  static async open(url: string): Promise<PostgresBus> {
    const listenClient = new pg.Client({ connectionString: url });
    const publishClient = new pg.Client({ connectionString: url });
    await listenClient.connect();
    await publishClient.connect();
    const bus = new PostgresBus(listenClient, publishClient);
    listenClient.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const parsed = liveEventSchema.safeParse(JSON.parse(message.payload));
      if (parsed.success) deliver(bus.listeners, parsed.data);
    });
    listenClient.on("error", (error) => {
      if (!bus.closed) console.error("live event listener connection failed", error);
    });
    publishClient.on("error", (error) => {
      if (!bus.closed) console.error("live event publisher connection failed", error);
    });
    await listenClient.query(`listen ${LIVE_CHANNEL}`);
    return bus;
  }

  async publish(events: LiveEvent[]): Promise<void> {
    const payloads = events.flatMap(chunkEvent).map((event) => JSON.stringify(event));
    if (payloads.length === 0) return;
    // One round trip for the whole batch.
    await this.publishClient.query(
      "select pg_notify($1, payload) from unnest($2::text[]) as payload",
      [LIVE_CHANNEL, payloads],
    );
  }

  subscribe(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await Promise.allSettled([this.listenClient.end(), this.publishClient.end()]);
  }
}

function chunkEvent(event: LiveEvent): LiveEvent[] {
  const ids = event.kind === "messages" ? event.messageIds : event.conversationIds;
  const chunks: LiveEvent[] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_NOTIFY) {
    const slice = ids.slice(start, start + MAX_IDS_PER_NOTIFY);
    chunks.push(
      event.kind === "messages"
        ? { ...event, messageIds: slice }
        : { ...event, conversationIds: slice },
    );
  }
  return chunks;
}

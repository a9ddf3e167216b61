import pg from "pg";
import { z } from "zod";

/** Channel on which processes wake the holder of a venue (PostgreSQL LISTEN/NOTIFY). */
export const VENUES_CHANNEL = "sweetie_venues";

const wakeupSchema = z.object({
  kind: z.enum(["presence", "outbox"]),
  operationId: z.string(),
});

/**
 * `presence`: a room was asked for or left (the holder joins or leaves it);
 * `outbox`: a persona message waits for delivery (the holder delivers it).
 */
export type Wakeup = z.infer<typeof wakeupSchema>;

/** Tells other processes (and this one) that a venue needs its holder. */
export interface VenueWakeups {
  publish(wakeup: Wakeup): Promise<void>;
  close(): Promise<void>;
}

/**
 * LISTEN on a dedicated connection, NOTIFY through another. A lost listening connection is
 * opened again on the next `keepAlive()` (the holder's slow poll covers the gap).
 */
export class PostgresWakeups implements VenueWakeups {
  private listener: pg.Client | undefined;
  private publisher: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onWakeup: (wakeup: Wakeup) => void,
  ) {}

  /** Opens the connections that are not open; failures are logged, never thrown. */
  async keepAlive(): Promise<void> {
    if (this.closed) return;
    if (!this.listener) {
      const client = new pg.Client({ connectionString: this.url });
      const drop = () => {
        if (this.listener === client) this.listener = undefined;
        void client.end().catch(() => undefined);
      };
      client.on("error", (error) => {
        if (!this.closed) console.error(`venue wake-up listener lost (${error.message})`);
        drop();
      });
      client.on("end", drop);
      client.on("notification", (message) => {
        if (message.channel !== VENUES_CHANNEL || !message.payload) return;
        const parsed = wakeupSchema.safeParse(safeJson(message.payload));
        if (parsed.success) this.onWakeup(parsed.data);
      });
      try {
        await client.connect();
        await client.query(`listen ${VENUES_CHANNEL}`);
        this.listener = client;
      } catch (error) {
        console.error(`venue wake-up listener could not connect (${messageOf(error)})`);
        await client.end().catch(() => undefined);
      }
    }
  }

  async publish(wakeup: Wakeup): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.publisher) {
        const client = new pg.Client({ connectionString: this.url });
        client.on("error", () => {
          if (this.publisher === client) this.publisher = undefined;
        });
        await client.connect();
        this.publisher = client;
      }
      await this.publisher.query("select pg_notify($1, $2)", [
        VENUES_CHANNEL,
        JSON.stringify(wakeup),
      ]);
    } catch (error) {
      // The holder's slow poll still finds the work; a lost wake-up only delays it.
      console.error(`venue wake-up not sent (${messageOf(error)})`);
      this.publisher = undefined;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const clients = [this.listener, this.publisher].filter((c): c is pg.Client => c !== undefined);
    this.listener = undefined;
    this.publisher = undefined;
    await Promise.allSettled(clients.map((client) => client.end()));
  }
}

/** One process (PGlite): a wake-up is heard by this process only. */
export class LocalWakeups implements VenueWakeups {
  constructor(private readonly onWakeup: (wakeup: Wakeup) => void) {}
  async publish(wakeup: Wakeup): Promise<void> {
    this.onWakeup(wakeup);
  }
  async close(): Promise<void> {}
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

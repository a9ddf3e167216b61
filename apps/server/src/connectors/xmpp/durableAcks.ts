/**
 * Stream management (XEP-0198) acknowledges a count `h` of stanzas handled, in arrival order. The
 * library counts a stanza as handled the moment it arrives; we count it only once it is stored.
 * `DurableAcks` takes over the library's counter: it returns the number of stanzas, from the
 * start of the stream, that are all handled (stored, or not needing storage), so an ack never
 * covers a message still on its way to the database. A crash then loses nothing: the server
 * still holds every unacknowledged stanza and sends it again on resumption.
 */
export class DurableAcks {
  private handled = 0;
  private readonly queue: Entry[] = [];
  private generation = 0;

  /**
   * Installs itself as `holder.inbound` (the library reads it for every ack it sends). Writes are
   * ignored: the library resets its counter only once its `<enabled/>` handler has run, after
   * stanzas that came in the same read were already counted, so `streamStarted` does that here.
   */
  attach(holder: { inbound: number }): void {
    Object.defineProperty(holder, "inbound", {
      configurable: true,
      enumerable: true,
      get: () => this.handled,
      set: () => {},
    });
  }

  /** The server enabled stream management (`<enabled/>`) or the session ended: count from 0. */
  streamStarted(): void {
    this.generation += 1;
    this.queue.length = 0;
    this.handled = 0;
  }

  /** A stanza arrived; call `done` once it is handled. Entries complete in any order. */
  arrive(): { done(): void } {
    const entry: Entry = { generation: this.generation, done: false };
    this.queue.push(entry);
    return {
      done: () => {
        if (entry.generation !== this.generation || entry.done) return;
        entry.done = true;
        this.advance();
      },
    };
  }

  /**
   * The connection dropped: stanzas not yet handled will come again (resumption) or from the
   * archive, so they no longer count on this stream.
   */
  dropPending(): void {
    this.generation += 1;
    this.queue.length = 0;
  }

  get count(): number {
    return this.handled;
  }

  get pending(): number {
    return this.queue.length;
  }

  private advance(): void {
    while (this.queue.length > 0 && this.queue[0]!.done) {
      this.queue.shift();
      this.handled += 1;
    }
  }
}

interface Entry {
  generation: number;
  done: boolean;
}

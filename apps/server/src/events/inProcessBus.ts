import type { EventBus, LiveEvent, LiveEventListener } from "./liveEvents";

/** The embedded deployment's bus (one process on PGlite): listeners in this process only. */
export class InProcessBus implements EventBus {
  private readonly listeners = new Set<LiveEventListener>();

  async publish(events: LiveEvent[]): Promise<void> {
    for (const event of events) deliver(this.listeners, event);
  }

  subscribe(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/** A failing listener (one broken socket) must not keep the event from the others. */
export function deliver(listeners: Iterable<LiveEventListener>, event: LiveEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error("live event listener failed", error);
    }
  }
}

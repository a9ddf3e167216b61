import NetTransport from "irc-framework/src/transports/net.js";
import { FloodQueue, type FloodQueueOptions } from "./floodQueue";

/** A server line longer than this without a line end is not IRC: the connection is dropped. */
const MAX_PENDING_BYTES = 64 * 1024;

export interface RecordingHooks {
  /** Called with the exact bytes of each received line (CR LF included), before it is parsed. */
  onLine(bytes: Uint8Array): void;
  flood: FloodQueueOptions;
}

/**
 * irc-framework's TCP/TLS transport, with two changes: every received line's raw bytes are
 * handed to the connector before the library decodes it (it decodes lossily: invalid UTF-8
 * becomes U+FFFD), and every written line goes through the flood-control queue.
 */
export function recordingTransport(hooks: RecordingHooks) {
  return class RecordingTransport extends NetTransport {
    readonly queue = new FloodQueue(hooks.flood, (line, done) => super.writeLine(line, done));

    override writeLine(line: string, callback?: () => void): void {
      this.queue.push(line, () => callback?.());
    }

    override onSocketData(data: Buffer): void {
      let buffer = Buffer.concat([this.incoming_buffer, data]);
      let start = 0;
      for (;;) {
        const end = buffer.indexOf(0x0a, start) + 1;
        if (end === 0) break;
        const line = buffer.subarray(start, end);
        start = end;
        hooks.onLine(new Uint8Array(line));
        this.emit("line", line.toString("utf8"));
      }
      buffer = buffer.subarray(start);
      if (buffer.length > MAX_PENDING_BYTES) {
        buffer = Buffer.alloc(0);
        this.socket?.destroy(new Error("the server sent a line longer than IRC allows"));
      }
      this.incoming_buffer = buffer;
    }

    override onSocketClose(): void {
      this.queue.abandon(new Error("the connection closed before the line was written"));
      super.onSocketClose();
    }
  };
}

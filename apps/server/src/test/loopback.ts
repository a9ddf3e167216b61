import { createConnection, createServer, type Server, type Socket } from "node:net";

// What every loopback chat-server harness (ngircd, prosody) and its tests share: a free port,
// a probe for "does it accept connections yet", and condition-based waiting.

/** A port nothing listens on right now (the kernel's choice), on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` right now. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface WaitOptions {
  timeoutMs?: number;
  everyMs?: number;
  /** Said in the error when the wait times out. */
  what?: string;
}

/** Polls until `check` holds (the machine is shared and loaded: never a fixed sleep). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, everyMs = 25, what = "the condition" }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * A loopback door in front of a server: what connects to `port` is piped to the server while
 * the door is open; closing it cuts every piped connection and refuses new ones. Lets a test
 * decide when one client may reach a server that others reach directly, without racing it.
 */
export class LoopbackDoor {
  private listener: Server | undefined;
  private readonly piped = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: () => number,
  ) {}

  /** A closed door on a free port, leading to whatever listens on `target()` when opened. */
  static async closed(target: () => number): Promise<LoopbackDoor> {
    return new LoopbackDoor(await freePort(), target);
  }

  async open(): Promise<void> {
    if (this.listener) return;
    const listener = createServer((inbound) => {
      const outbound = createConnection({ host: "127.0.0.1", port: this.target() });
      for (const socket of [inbound, outbound]) {
        this.piped.add(socket);
        socket.on("error", () => {});
        socket.once("close", () => {
          this.piped.delete(socket);
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    this.listener = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    for (const socket of this.piped) socket.destroy();
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}

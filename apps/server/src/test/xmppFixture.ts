import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { IncomingPrivateMessage } from "../connectors/connector";
import { XmppConnector, type XmppConnectorOptions } from "../connectors/xmpp/xmppConnector";
import { startProsody, type ProsodyServer } from "./prosody";
import { connectCounterpart, type XmppCounterpart } from "./xmppCounterpart";

/**
 * One prosody per test file, and helpers that open persona connectors and counterparts on it;
 * everything a test opened is closed after it.
 */
export function useProsody() {
  const context = {} as { server: ProsodyServer };
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    context.server = await startProsody();
  });
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch(() => {});
  });
  afterAll(async () => {
    await context.server?.dispose();
  });

  return {
    get server() {
      return context.server;
    },
    room: () => `room-${randomUUID().slice(0, 8)}@${context.server.mucDomain}`,
    /** A persona connector, connected; `stored` is what its store committed, in order. */
    async persona(options: Partial<XmppConnectorOptions> = {}) {
      const server = context.server;
      const username = `persona-${randomUUID().slice(0, 8)}`;
      const password = randomUUID();
      await server.register(username, password);
      const stored: IncomingPrivateMessage[] = [];
      const { store, ...rest } = options;
      const connector = new XmppConnector({
        account: {
          service: server.service,
          domain: server.domain,
          username,
          password,
          plainWithoutTls: true,
        },
        backoff: { initialMs: 100, maxMs: 1000 },
        log: () => {},
        ...rest,
        store: async (message) => {
          await store?.(message);
          stored.push(message);
        },
      });
      cleanups.push(() => connector.disconnect());
      await connector.connect();
      return { connector, stored, jid: `${username}@${server.domain}` };
    },
    /** A counterpart on its own account (`username` reuses an account, e.g. after a restart). */
    async counterpart(name: string, username?: string): Promise<XmppCounterpart> {
      const user = await connectCounterpart(
        context.server,
        username ?? `${name}-${randomUUID().slice(0, 6)}`,
      );
      cleanups.push(() => user.stop());
      return user;
    },
    onCleanup(cleanup: () => Promise<void>) {
      cleanups.push(cleanup);
    },
  };
}

export const textOf = (message: IncomingPrivateMessage) => new TextDecoder().decode(message.bytes);

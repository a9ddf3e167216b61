import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app";
import type { Clock } from "../clock";
import { defaultConfig, type ServerConfig } from "../config";
import type { Store } from "../db/database";
import { openTestStore } from "./testStore";

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/**
 * The real application on a fresh test store, listening on a random loopback port, serving the
 * built console when apps/web/dist exists. For browser tests and anything that needs a socket.
 */
export async function startTestServer(
  options: { clock?: Clock; config?: Partial<ServerConfig>; store?: Store } = {},
): Promise<TestServer> {
  const store = options.store ?? (await openTestStore());
  const app = await buildApp({
    store,
    config: { ...defaultConfig, ...options.config },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    async close() {
      await app.close();
      if (!options.store) await store.close();
    },
  };
}

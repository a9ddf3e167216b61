import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app";
import type { Clock } from "../clock";
import { defaultConfig, type ServerConfig } from "../config";
import type { TrainingRangeOptions } from "../connectors/training/trainingRange";
import type { Store } from "../db/database";
import { openTestStore } from "./testStore";

export interface TestAppOptions {
  clock?: Clock;
  /** Merged over the default configuration. */
  config?: Partial<ServerConfig>;
  /** Used as is and left open by `close()`; a fresh test store otherwise. */
  store?: Store;
  /** For the training range's synthetic counterparts (manual timers, a fixed seed). */
  training?: TrainingRangeOptions;
  /** The server's request log, written here (at level info) instead of nowhere. */
  logStream?: { write(line: string): void };
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

export interface TestServer extends TestApp {
  url: string;
}

/** The real application on a fresh test store, not listening: for `app.inject`. */
export async function openTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = options.store ?? (await openTestStore());
  const app = await buildApp({
    store,
    // A fixed deconfliction secret, so tests never write one into ./data; files the server creates
    // in its data dir (the venue secret key) go to a temp dir.
    config: {
      ...defaultConfig,
      SWEETIE_DECONFLICTION_SECRET: "07".repeat(32),
      SWEETIE_DATA_DIR: mkdtempSync(join(tmpdir(), "sweetie-data-")),
      ...options.config,
    },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  if (options.training) app.consoleRuntime.hub.trainingOptions = options.training;
  return {
    app,
    store,
    async close() {
      await app.close();
      if (!options.store) await store.close();
    },
  };
}

/**
 * The real application on a fresh test store, listening on a random loopback port, serving the
 * built console when apps/web/dist exists. For browser tests and anything that needs a socket.
 */
export async function startTestServer(options: TestAppOptions = {}): Promise<TestServer> {
  const testApp = await openTestApp(options);
  await testApp.app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = testApp.app.server.address() as AddressInfo;
  return { ...testApp, url: `http://127.0.0.1:${port}` };
}

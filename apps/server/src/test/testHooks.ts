import { afterAll, beforeAll } from "vitest";
import type { Store } from "../db/database";
import {
  openTestApp,
  startTestServer,
  type TestApp,
  type TestAppOptions,
  type TestServer,
} from "./testServer";
import { openTestStore } from "./testStore";

// The one set-up most store-backed test files share: open in beforeAll, close in afterAll. The
// hooks are registered where these are called, so a file's own beforeAll (its users, operations)
// runs after them and its own afterAll before them. The returned objects are read lazily: use
// their fields inside tests and hooks, never while the file is being collected.

function opened<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the test store opens in beforeAll: use it in a test");
  return value;
}

/** A fresh test store for this file (see openTestStore), open from beforeAll to afterAll. */
export function useTestStore(): Store {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });
  return {
    get kind() {
      return opened(store).kind;
    },
    get db() {
      return opened(store).db;
    },
    get pglite() {
      return opened(store).pglite;
    },
    get url() {
      return opened(store).url;
    },
    close: () => opened(store).close(),
  };
}

/**
 * The real application on a fresh test store for this file, built in beforeAll and closed (app,
 * then store) in afterAll. With `listen`, it also listens on a loopback port (`url`).
 */
export function useTestApp(
  options: TestAppOptions & { listen?: boolean } = {},
): Omit<TestServer, "close"> {
  let server: (TestApp & { url?: string }) | undefined;
  beforeAll(async () => {
    const { listen, ...appOptions } = options;
    server = listen ? await startTestServer(appOptions) : await openTestApp(appOptions);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get app() {
      return opened(server).app;
    },
    get store() {
      return opened(server).store;
    },
    get url() {
      const url = opened(server).url;
      if (url === undefined)
        throw new Error("this test app does not listen: useTestApp({ listen: true })");
      return url;
    },
  };
}

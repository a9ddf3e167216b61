import type { Clock } from "./clock";
import type { ServerConfig } from "./config";
import type { Store } from "./db/database";

/** The ports every route plugin receives: storage, time and settings. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  config: ServerConfig;
}

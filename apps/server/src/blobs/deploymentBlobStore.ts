import type { Store } from "../db/database";
import type { BlobStore } from "./blobStore";
import { databaseBlobStore } from "./databaseBlobStore";
import { filesystemBlobStore } from "./filesystemBlobStore";

/** The store a deployment uses: SWEETIE_BLOB_STORE, else the data directory when embedded. */
export function blobStoreFor(
  store: Pick<Store, "kind" | "db" | "dataDir">,
  settings: {
    SWEETIE_BLOB_STORE?: "filesystem" | "database" | undefined;
    SWEETIE_DATA_DIR: string;
  },
): BlobStore {
  const kind =
    settings.SWEETIE_BLOB_STORE ??
    (store.kind === "pglite" && store.dataDir ? "filesystem" : "database");
  return kind === "filesystem"
    ? filesystemBlobStore(`${settings.SWEETIE_DATA_DIR}/blobs`)
    : databaseBlobStore(store.db);
}

/** SWEETIE_BLOB_STORE as the CLI reads it from the environment (the server's config validates it). */
export function blobStoreSetting(value: string | undefined): "filesystem" | "database" | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "filesystem" || value === "database") return value;
  throw new Error(`SWEETIE_BLOB_STORE must be "filesystem" or "database", not "${value}"`);
}

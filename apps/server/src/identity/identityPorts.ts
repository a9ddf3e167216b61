import type { BlobStore } from "../blobs/blobStore";
import type { EvidenceSink } from "../conversations/evidence";

/** What the identification commands need besides a transaction. */
export interface IdentityPorts {
  evidence: EvidenceSink;
  blobs: BlobStore;
  /** The deployment's deconfliction secret (HMAC key). */
  deconflictionSecret: Uint8Array;
}

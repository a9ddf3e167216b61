// The evidence ledger's pure core: canonical entries, the RFC 6962 Merkle tree, proofs and
// signed heads. Shared by the server, the CLI, the browser and offline verification.
export * from "./bytes";
export * from "./canonicalJson";
export * from "./hashing";
export * from "./merkleTree";
export * from "./proofVerification";
export * from "./entries";
export * from "./treeHead";
export * from "./signatures";
export * from "./evidenceProof";
export * from "./consistency";
export * from "./inclusionBatch";

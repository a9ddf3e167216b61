// Referral and disclosure packages: the manifest, its signature and the offline verifier that
// the CLI and the browser page share.
export * from "./manifest";
export * from "./verifyPackage";
export * from "./packageParts";
export * from "./verdictSummary";
export * from "./witness";
export * from "./batchProof";
export * from "./entriesProof";
export * from "./provedNodes";

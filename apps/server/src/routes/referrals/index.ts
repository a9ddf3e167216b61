import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../appDeps";
import { blobStoreFor } from "../../blobs/blobStore";
import { ledgerEvidence } from "../../conversations/ledgerEvidence";
import type { LedgerSigner } from "../../ledger/headAnchor";
import { loadOrCreateLedgerSigner } from "../../ledger/ledgerHeads";
import { builderRoutes } from "./builder";
import { headRoutes } from "./heads";
import { lifecycleRoutes } from "./lifecycle";

/** Referrals (issue 12): the builder, the lifecycle, and the signed heads with cosignatures. */
export const referralRoutes: FastifyPluginAsyncZod<AppDeps & { signer?: LedgerSigner }> = async (
  app,
  { signer, ...deps },
) => {
  let loaded: Promise<LedgerSigner> | null = signer ? Promise.resolve(signer) : null;
  const referrals = {
    evidence: ledgerEvidence,
    blobs: blobStoreFor(deps.store, deps.config),
    signer: () => (loaded ??= loadOrCreateLedgerSigner(deps.config.SWEETIE_DATA_DIR)),
  };
  await app.register(builderRoutes, { ...deps, referrals });
  await app.register(lifecycleRoutes, { ...deps, referrals });
  await app.register(headRoutes, { ...deps, referrals });
};

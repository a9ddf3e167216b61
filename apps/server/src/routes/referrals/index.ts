import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../appDeps";
import { blobStoreFor } from "../../blobs/deploymentBlobStore";
import { ledgerEvidence } from "../../conversations/ledgerEvidence";
import type { LedgerSigner } from "../../ledger/headAnchor";
import { loadOrCreateLedgerSigner } from "../../ledger/ledgerHeads";
import { DisclosureBuilds } from "../../disclosures/disclosureJobs";
import { disclosureRoutes } from "../disclosures/index";
import { builderRoutes } from "./builder";
import { headRoutes } from "./heads";
import { lifecycleRoutes } from "./lifecycle";

/** Referrals (issue 12): the builder, the lifecycle, the signed heads with cosignatures, and disclosure exports. */
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
  // Disclosure exports share the package builder, the signer and the blob store.
  const builds = new DisclosureBuilds(
    deps.store.db,
    async () => ({ ...referrals, signer: await referrals.signer() }),
    deps.clock,
  );
  app.addHook("onClose", () => builds.drain());
  await app.register(disclosureRoutes, { ...deps, referrals, builds });
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../appDeps";
import { blobStoreFor } from "../../blobs/deploymentBlobStore";
import { ledgerEvidence } from "../../conversations/ledgerEvidence";
import { loadDeconflictionSecret } from "../../identity/deconflictionSecret";
import { claimRoutes } from "./claims";
import { comparisonRoutes } from "./comparisons";
import { findingRoutes } from "./findings";
import { subjectRoutes } from "./subjects";
import { subjectsAcrossRoutes } from "./subjectsAcross";

/** The identification workspace (issue 11). */
export const identityRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const identity = {
    evidence: ledgerEvidence,
    blobs: blobStoreFor(deps.store, deps.config),
    deconflictionSecret: await loadDeconflictionSecret(deps.config),
  };
  await app.register(subjectRoutes, { ...deps, identity });
  await app.register(subjectsAcrossRoutes, { ...deps, identity });
  await app.register(claimRoutes, { ...deps, identity });
  await app.register(findingRoutes, { ...deps, identity });
  await app.register(comparisonRoutes, { ...deps, identity });
};

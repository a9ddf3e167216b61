import { blobStoreFor } from "../blobs/deploymentBlobStore";
import { captureBytesIn } from "../blobs/captureBytes";
import { loadDeconflictionSecret } from "../identity/deconflictionSecret";
import fastifyWebsocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../appDeps";
import { purgeExpiredConversations } from "../commands/purgeExpiredConversations";
import { openConsoleRuntime, type ConsoleRuntime } from "../conversations/consoleRuntime";
import { conversationRoutes } from "../routes/conversations/index";
import { personaMessageRoutes } from "../routes/conversations/personaMessages";
import { conversationSettingRoutes } from "../routes/conversations/settings";
import { presenceRoutes } from "../routes/presence/index";
import { captureRoutes } from "../routes/captures/index";
import { exposureRoutes } from "../routes/exposure/index";
import { liveRoutes } from "../routes/live/index";
import { reviewRoutes } from "../routes/review/index";
import { operationAdministrationRoutes } from "../routes/operations/administration";
import { venueRoutes } from "../routes/venues/index";

declare module "fastify" {
  interface FastifyInstance {
    /** This process's connectors, ingest queue and event bus (tests and `sweetie simulate` use it). */
    consoleRuntime: ConsoleRuntime;
  }
}

/** The live console: WebSocket stream, connectors, ingest, persona messages, review. */
export async function registerConsole(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const runtime = await openConsoleRuntime({
    store: deps.store,
    dataDir: deps.config.SWEETIE_DATA_DIR,
    venueLeases: { leaseMs: deps.config.SWEETIE_VENUE_LEASE_SECONDS * 1000 },
    deconflictionSecret: await loadDeconflictionSecret(deps.config),
  });
  app.decorate("consoleRuntime", runtime);
  app.addHook("onClose", async () => runtime.close());
  // A refused WebSocket upgrade (not signed in, no access) is answered over the raw socket, which
  // Node no longer manages as HTTP: close it, or every refused attempt would hold a connection.
  app.addHook("onResponse", async (request, reply) => {
    if (request.headers.upgrade && reply.statusCode >= 400) request.raw.socket.destroy();
  });
  // Browsers send nothing large over the socket: it is a one-way stream.
  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 } });
  await app.register(conversationRoutes, { ...deps, runtime });
  await app.register(personaMessageRoutes, { ...deps, runtime });
  await app.register(conversationSettingRoutes, { ...deps, runtime });
  await app.register(presenceRoutes, { ...deps, runtime });
  await app.register(liveRoutes, { ...deps, runtime });
  await app.register(reviewRoutes, { ...deps, runtime });
  await app.register(exposureRoutes, { ...deps, runtime });
  await app.register(captureRoutes, { ...deps, runtime });
  await app.register(operationAdministrationRoutes, { ...deps, runtime });
  await app.register(venueRoutes, { ...deps, runtime });
  startRetentionJob(app, deps);
}

/** Runs the retention purge hourly (and once shortly after start). */
function startRetentionJob(app: FastifyInstance, deps: AppDeps): void {
  const run = () => {
    purgeExpiredConversations(deps.store.db, {
      clock: deps.clock,
      captures: captureBytesIn(blobStoreFor(deps.store, deps.config)),
    }).catch((error: unknown) => app.log.error({ err: error }, "retention purge failed"));
  };
  const first = setTimeout(run, 60_000);
  const hourly = setInterval(run, 3_600_000);
  first.unref();
  hourly.unref();
  app.addHook("onClose", async () => {
    clearTimeout(first);
    clearInterval(hourly);
  });
}

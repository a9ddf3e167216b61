import fastifyWebsocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../appDeps";
import { openConsoleRuntime, type ConsoleRuntime } from "../conversations/consoleRuntime";
import { conversationRoutes } from "../routes/conversations/index";
import { liveRoutes } from "../routes/live/index";

declare module "fastify" {
  interface FastifyInstance {
    /** This process's connectors, ingest queue and event bus (tests and `sweetie simulate` use it). */
    consoleRuntime: ConsoleRuntime;
  }
}

/** The live console: WebSocket stream, connectors, ingest, persona messages, review. */
export async function registerConsole(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const runtime = await openConsoleRuntime({ store: deps.store });
  app.decorate("consoleRuntime", runtime);
  app.addHook("onClose", async () => runtime.close());
  // Browsers send nothing large over the socket: it is a one-way stream.
  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 } });
  await app.register(conversationRoutes, { ...deps, runtime });
  await app.register(liveRoutes, { ...deps, runtime });
}

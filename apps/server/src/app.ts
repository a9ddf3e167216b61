import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppDeps } from "./appDeps";
import { systemClock, type Clock } from "./clock";
import { defaultConfig, type ServerConfig } from "./config";
import type { Store } from "./db/database";
import { registerConsole } from "./plugins/console";
import { registerErrorHandler } from "./plugins/errorHandler";
import { registerSecurityHeaders } from "./plugins/securityHeaders";
import { registerSessions } from "./plugins/sessions";
import { auditRoutes } from "./routes/audit/index";
import { dashboardRoutes } from "./routes/dashboard/index";
import { healthRoutes } from "./routes/health/index";
import { operationRoutes } from "./routes/operations/index";
import { sessionRoutes } from "./routes/session/index";
import { userRoutes } from "./routes/users/index";

export interface BuildAppOptions {
  store: Store;
  clock?: Clock;
  config?: ServerConfig;
  /** Folder with the built web console; served when it exists. */
  webRoot?: string;
  logger?: boolean;
}

export const defaultWebRoot = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Builds the HTTP application: plugins, routes, console. Never listens (main.ts does). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const deps: AppDeps = {
    store: options.store,
    clock: options.clock ?? systemClock,
    config: options.config ?? defaultConfig,
  };
  const app = Fastify({
    logger: options.logger ? { level: "info" } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const webRoot = options.webRoot ?? defaultWebRoot;
  const serveConsole = existsSync(`${webRoot}/index.html`);
  if (serveConsole) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: "index.html" });
  }
  registerErrorHandler(app, { spaIndex: serveConsole });
  registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Sweetie API",
        version: "0.1.0",
        description:
          "Operations platform for authorized undercover child-protection investigations. Errors are RFC 9457 problem+json.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "sweetie_session" },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  registerSessions(app, {
    db: deps.store.db,
    clock: deps.clock,
    sessionHours: deps.config.SWEETIE_SESSION_HOURS,
  });

  await app.register(healthRoutes, { store: deps.store });
  await app.register(sessionRoutes, deps);
  await app.register(operationRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await registerConsole(app, deps);

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  return app;
}

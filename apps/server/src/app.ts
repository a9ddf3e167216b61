import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
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
import { documentOperation } from "./plugins/openApiDocument";
import { clientErrorHandler, frameworkProblem, registerRequestEdge } from "./plugins/requestEdge";
import { registerSecurityHeaders } from "./plugins/securityHeaders";
import { registerSessions } from "./plugins/sessions";
import { auditRoutes } from "./routes/audit/index";
import { dashboardRoutes } from "./routes/dashboard/index";
import { healthRoutes } from "./routes/health/index";
import { localRoutes } from "./routes/local/index";
import { identityRoutes } from "./routes/identity/index";
import { operationRoutes } from "./routes/operations/index";
import { sessionRoutes } from "./routes/session/index";
import { userRoutes } from "./routes/users/index";
import { agencyRoutes } from "./routes/agencies/index";
import { referralRoutes } from "./routes/referrals/index";
import type { LedgerSigner } from "./ledger/headAnchor";

export interface BuildAppOptions {
  store: Store;
  clock?: Clock;
  config?: ServerConfig;
  /** Folder with the built web console; served when it exists. */
  webRoot?: string;
  logger?: boolean;
  /** Where the request log goes instead of stdout (tests read it); implies `logger`. */
  logStream?: { write(line: string): void };
  /** Serve the local API for the `sweetie` command on this machine, with this token (cli/storeLock.ts). */
  localApiToken?: string;
  /** The ledger signer this process signs heads with (else loaded from the data directory when a package is released). */
  signer?: LedgerSigner;
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
    logger: options.logStream
      ? { level: "info", stream: options.logStream }
      : options.logger
        ? { level: "info" }
        : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    frameworkErrors: (error, _request, reply) => {
      const problem = frameworkProblem(error);
      reply.hijack();
      reply.raw.writeHead(problem.status, problem.headers).end(problem.body);
    },
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerRequestEdge(app);

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
    transform: documentOperation,
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
  if (options.localApiToken) {
    await app.register(localRoutes, {
      ...deps,
      token: options.localApiToken,
      runtime: app.consoleRuntime,
    });
  }
  await app.register(identityRoutes, deps);
  await app.register(agencyRoutes, deps);
  await app.register(referralRoutes, {
    ...deps,
    ...(options.signer ? { signer: options.signer } : {}),
  });

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  return app;
}

import { randomUUID } from "node:crypto";
import { roleSchema } from "@sweetie/core/api/foundationSchemas";
import { usernameSchema } from "@sweetie/core/api/username";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { tokensEqual } from "../../accounts/tokens";
import type { AppDeps } from "../../appDeps";
import { addCliUser } from "../../commands/addCliUser";
import { startSimulation, type Simulation } from "../../commands/simulation";
import type { ConsoleRuntime } from "../../conversations/consoleRuntime";
import { LOCAL_TOKEN_HEADER } from "../../cli/storeLock";
import { AppError } from "../../errors";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export const localUserBody = z.strictObject({
  username: usernameSchema,
  role: roleSchema,
  operationId: z.uuid().optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(1).max(1000).optional(),
});

const simulationBody = z.strictObject({
  operationId: z.uuid(),
  as: z.string().trim().min(1).max(100),
  venueAddress: z.string().trim().min(1).max(500),
  counterparts: z.number().int().min(1).max(10_000),
  ratePerSecond: z.number().positive().max(10_000),
  /** 0: until the CLI stops it (or stops asking). */
  seconds: z.number().min(0).max(86_400),
});

const statsSchema = z.object({
  received: z.number(),
  handedToIngest: z.number(),
  backlog: z.number(),
  failed: z.number(),
  running: z.boolean(),
});

// A simulation whose CLI stopped asking (killed, lost its terminal) stops by itself.
const ABANDONED_AFTER_MS = 15_000;

/**
 * The server's local API, for the `sweetie` command on the same machine while this server holds
 * the embedded store (cli/storeLock.ts): only from loopback, only with the random token the
 * server wrote to `<data dir>/server.json` (mode 0600, readable by the account that runs it).
 * Hidden from the OpenAPI document: it is not part of the console's API and no person calls it.
 */
export const localRoutes: FastifyPluginAsyncZod<
  AppDeps & { token: string; runtime: ConsoleRuntime }
> = async (app, { store, clock, token, runtime }) => {
  const db = store.db;
  const simulations = new Map<
    string,
    { simulation: Simulation; running: boolean; lastSeen: number; timer?: NodeJS.Timeout }
  >();

  const requireLocal = async (request: FastifyRequest) => {
    const given = request.headers[LOCAL_TOKEN_HEADER];
    if (!LOOPBACK.has(request.ip) || typeof given !== "string" || !tokensEqual(given, token)) {
      throw new AppError("forbidden", {
        detail: "The local API answers only the sweetie command on this machine.",
      });
    }
  };
  const config = { access: "public" as const };

  const finish = (id: string) => {
    const entry = simulations.get(id);
    if (!entry || !entry.running) return;
    entry.simulation.stop();
    entry.running = false;
    clearTimeout(entry.timer);
  };
  const watchdog = setInterval(() => {
    for (const [id, entry] of simulations) {
      if (entry.running && Date.now() - entry.lastSeen > ABANDONED_AFTER_MS) finish(id);
    }
  }, 5_000);
  watchdog.unref();
  app.addHook("onClose", async () => {
    clearInterval(watchdog);
    for (const id of simulations.keys()) finish(id);
  });

  const present = (id: string) => {
    const entry = simulations.get(id);
    if (!entry) throw new AppError("not_found", { detail: "No such simulation on this server." });
    entry.lastSeen = Date.now();
    return { ...entry.simulation.stats(), running: entry.running };
  };

  app.post(
    "/api/local/users",
    {
      config,
      preHandler: requireLocal,
      schema: {
        hide: true,
        body: localUserBody,
        response: {
          201: z.object({
            username: z.string(),
            role: roleSchema,
            operationId: z.string().nullable(),
            oneTimePassword: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const created = await db
        .transaction()
        .execute((trx) => addCliUser(trx, { ...request.body, via: "cli via server" }));
      return reply.code(201).send({
        username: created.user.username,
        role: request.body.role,
        operationId: request.body.operationId ?? null,
        oneTimePassword: created.oneTimePassword,
      });
    },
  );

  app.post(
    "/api/local/simulations",
    {
      config,
      preHandler: requireLocal,
      schema: {
        hide: true,
        body: simulationBody,
        response: { 201: z.object({ id: z.string(), venueAddress: z.string() }) },
      },
    },
    async (request, reply) => {
      const { seconds, ...input } = request.body;
      const simulation = await startSimulation(db, { runtime, clock }, input);
      const id = randomUUID();
      const entry: {
        simulation: Simulation;
        running: boolean;
        lastSeen: number;
        timer?: NodeJS.Timeout;
      } = { simulation, running: true, lastSeen: Date.now() };
      if (seconds > 0) entry.timer = setTimeout(() => finish(id), seconds * 1000);
      simulations.set(id, entry);
      return reply.code(201).send({ id, venueAddress: simulation.venueAddress });
    },
  );

  const idParams = z.strictObject({ id: z.uuid() });

  app.get(
    "/api/local/simulations/:id",
    {
      config,
      preHandler: requireLocal,
      schema: { hide: true, params: idParams, response: { 200: statsSchema } },
    },
    async (request) => present(request.params.id),
  );

  app.delete(
    "/api/local/simulations/:id",
    {
      config,
      preHandler: requireLocal,
      schema: { hide: true, params: idParams, response: { 200: statsSchema } },
    },
    async (request) => {
      finish(request.params.id);
      await runtime.queue.drain();
      return present(request.params.id);
    },
  );
};

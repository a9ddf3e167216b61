import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { Store } from "../../db/database";

export const healthRoutes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  app.get(
    "/api/health",
    {
      config: { access: "public" },
      schema: {
        summary: "Is the server up, and which store does it use",
        tags: ["system"],
        response: {
          200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(store.db);
      return { status: "ok" as const, database: store.kind };
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { goPresent, leaveVenue } from "../../commands/goPresent";
import { AppError } from "../../errors";
import { operationAccess } from "../../policies/operationAccess";
import type { ConsoleRouteDeps } from "../conversations/index";
import { operationParams, presenceBody, spawnBody } from "../conversations/schema";

const leaveBody = z.strictObject({
  venueAddress: z.string().trim().min(1, "Choose the venue to leave.").max(500),
});

/** The persona's presence in venues, and synthetic counterparts in the training range. */
export const presenceRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, clock, runtime },
) => {
  const db = store.db;

  app.post(
    "/api/operations/:operationId/presence",
    {
      schema: {
        summary: "Go present in a venue (refused outside the operation's authorization)",
        tags: ["console"],
        params: operationParams,
        body: presenceBody,
        response: {
          201: z.object({
            venueId: z.string(),
            venueAddress: z.string(),
            personaId: z.string(),
            /** Which server process joins the room: this one, or the one holding the network. */
            heldBy: z.enum(["this_server", "another_server"]),
          }),
        },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const presence = await goPresent(
        db,
        {
          hub: runtime.hub,
          clock,
          evidence: runtime.evidence,
          secrets: runtime.secrets,
          keeper: runtime.keeper,
        },
        { actor, operation, ...request.body },
      );
      return reply.code(201).send(presence);
    },
  );

  app.post(
    "/api/operations/:operationId/presence/leave",
    {
      schema: {
        summary: "Leave a venue: the persona is no longer present there",
        tags: ["console"],
        params: operationParams,
        body: leaveBody,
        response: { 200: z.object({ venueAddress: z.string(), left: z.boolean() }) },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      const left = await leaveVenue(
        db,
        { hub: runtime.hub, evidence: runtime.evidence, keeper: runtime.keeper },
        {
          actor,
          operation,
          venueAddress: request.body.venueAddress,
        },
      );
      return { venueAddress: request.body.venueAddress, left };
    },
  );

  app.post(
    "/api/operations/:operationId/training/counterparts",
    {
      schema: {
        summary:
          "Send a synthetic counterpart to the persona in a training-range room (training operations only)",
        tags: ["console"],
        params: operationParams,
        body: spawnBody,
        response: {
          201: z.object({ counterpartId: z.string(), handle: z.string(), behaviourId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "conversation.operate",
      );
      // A synthetic counterpart in a real operation would put invented talk next to evidence.
      if (!operation.is_training) throw new AppError("training_only");
      const range = runtime.hub.trainingRange(operation.id);
      if (!range || !range.isPresent(request.body.venueAddress))
        throw new AppError("venue_not_connected");
      if (!range.behaviourIds().includes(request.body.behaviourId)) {
        throw new AppError("validation_failed", {
          detail: "Choose a behaviour from the list; this one is not known to the training range.",
          errors: [{ field: "behaviourId", message: "Choose a behaviour from the list." }],
        });
      }
      const counterpart = range.spawn(request.body.behaviourId, request.body.venueAddress);
      await recordAudit(db, actor, {
        action: "training.counterpart_spawned",
        operationId: operation.id,
        targetType: "venue",
        targetId: request.body.venueAddress,
        details: { counterpartId: counterpart.id, behaviourId: counterpart.behaviourId },
      });
      return reply.code(201).send({
        counterpartId: counterpart.id,
        handle: counterpart.handle,
        behaviourId: counterpart.behaviourId,
      });
    },
  );
};

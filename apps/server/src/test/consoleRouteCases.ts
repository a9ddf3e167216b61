import { createHash } from "node:crypto";
import { ManualTimers } from "../connectors/training/timers";
import { upsertMembership } from "../db/repositories/operationsRepository";
import type { Role } from "../db/tables/operations";
import { buildUser } from "./accounts";
import { buildConversation, buildMessage, storeBlob } from "./factories";
import type { RouteCase, RouteWorld } from "./routeTable";
import { goPresentInLobby, LOBBY } from "./trainingRange";

// Rows of the route table for the live console, review queue, exposure and captures. Every
// target is made fresh in `params`, so destructive calls (review, break-off) never meet a
// conversation an earlier call already closed.

/** A 1×1 PNG: the capture route checks the file's signature, not only the declared type. */
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const operating: Role[] = ["operator", "supervisor"];
const everyRole: Role[] = ["admin", "supervisor", "operator", "analyst", "legal"];
const revealing: Role[] = ["supervisor", "operator", "analyst", "legal"];

const operationParams = (world: RouteWorld) => ({ operationId: world.operation.id });

/**
 * Before the operation's training range opens, gives it manual timers: synthetic counterparts
 * then wait for a message instead of talking on their own while the walker runs.
 */
function quietTrainingRange(world: RouteWorld) {
  const hub = world.app.consoleRuntime.hub;
  if (!hub.trainingRange(world.operation.id)) {
    hub.trainingOptions = { timers: new ManualTimers(Date.now()), seed: 5 };
  }
}

/** Puts the persona in the lobby through the real route. */
async function presentInLobby(world: RouteWorld) {
  quietTrainingRange(world);
  const response = await goPresentInLobby(
    world.app,
    world.operation.id,
    world.callers.operator.session.headers,
  );
  if (response.statusCode !== 201) throw new Error(`presence failed: ${response.body}`);
  return response.json<{ venueId: string; personaId: string }>();
}

/** A conversation with a counterpart who is in the lobby now, so persona messages reach them. */
async function liveConversation(world: RouteWorld) {
  const presence = await presentInLobby(world);
  // The world's operation is a real one, where the route refuses training counterparts.
  const counterpart = world.app.consoleRuntime.hub
    .trainingRange(world.operation.id)!
    .spawn("benign_chatter", LOBBY);
  return world.db
    .insertInto("conversations")
    .values({
      operation_id: world.operation.id,
      venue_id: presence.venueId,
      persona_id: presence.personaId,
      counterpart_handle: counterpart.handle,
      counterpart_ref: counterpart.id,
      initiator: "counterpart",
      operator_id: null,
      last_message_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const conversationParams = async (world: RouteWorld) => ({
  operationId: world.operation.id,
  conversationId: (await buildConversation(world.db, { operation_id: world.operation.id })).id,
});

const liveConversationParams = async (world: RouteWorld) => ({
  operationId: world.operation.id,
  conversationId: (await liveConversation(world)).id,
});

/** A fresh team member, so budgets and overrides never change what the callers may reveal. */
async function newMember(world: RouteWorld, role: Role) {
  const user = await buildUser(world.db);
  await upsertMembership(world.db, world.operation.id, user.id, role);
  return user;
}

export const consoleRouteCases: Record<string, RouteCase> = {
  "GET /api/operations/{operationId}/console": {
    access: { kind: "roles", roles: everyRole, systemAdmin: false },
    params: operationParams,
  },
  "POST /api/operations/{operationId}/presence": {
    access: { kind: "roles", roles: operating, systemAdmin: false },
    params: (world) => {
      quietTrainingRange(world);
      return operationParams(world);
    },
    body: () => ({ venueAddress: LOBBY, displayName: "ana" }),
    audit: "presence.started",
  },
  "POST /api/operations/{operationId}/training/counterparts": {
    // On the training operation, whose administrators may practise (see operationAccess).
    access: { kind: "roles", roles: [...operating, "admin"], systemAdmin: false },
    params: async (world) => {
      const hub = world.app.consoleRuntime.hub;
      if (!hub.trainingRange(world.trainingOperation.id)) {
        hub.trainingOptions = { timers: new ManualTimers(Date.now()), seed: 5 };
      }
      const response = await goPresentInLobby(
        world.app,
        world.trainingOperation.id,
        world.callers.operator.session.headers,
      );
      if (response.statusCode !== 201) throw new Error(`presence failed: ${response.body}`);
      return { operationId: world.trainingOperation.id };
    },
    body: () => ({ venueAddress: LOBBY, behaviourId: "benign_chatter" }),
    audit: "training.counterpart_spawned",
  },
  "GET /api/operations/{operationId}/conversations": {
    access: { kind: "roles", roles: everyRole, systemAdmin: false },
    params: operationParams,
  },
  "GET /api/operations/{operationId}/conversations/{conversationId}": {
    access: { kind: "roles", roles: everyRole, systemAdmin: false },
    params: conversationParams,
    readAudit: { action: "conversation.transcript.read", perView: true },
  },
  "GET /api/operations/{operationId}/conversations/{conversationId}/history": {
    access: { kind: "roles", roles: everyRole, systemAdmin: false },
    params: conversationParams,
    readAudit: { action: "conversation.history.read", perView: true },
  },
  "PUT /api/operations/{operationId}/conversations/{conversationId}/language": {
    access: { kind: "roles", roles: operating, systemAdmin: false },
    params: conversationParams,
    body: () => ({ language: "taglish" }),
    audit: "conversation.language_set",
  },
  "GET /api/operations/{operationId}/dashboard": {
    access: { kind: "roles", roles: ["admin", "supervisor", "legal"], systemAdmin: false },
    params: operationParams,
  },
  "POST /api/operations/{operationId}/conversations/{conversationId}/read": {
    access: { kind: "roles", roles: operating, systemAdmin: false },
    params: conversationParams,
    audit: "conversation.mark_read",
  },
  "POST /api/operations/{operationId}/conversations/{conversationId}/messages": {
    access: { kind: "roles", roles: operating, systemAdmin: false },
    params: liveConversationParams,
    // A library move, never composed text (S2).
    body: () => ({ moveId: "greeting", language: "en" }),
    audit: "conversation.move",
  },
  "POST /api/operations/{operationId}/conversations/{conversationId}/break-off": {
    access: { kind: "roles", roles: operating, systemAdmin: false },
    params: liveConversationParams,
    body: () => ({ language: "en" }),
    audit: "conversation.move",
  },
  "GET /api/operations/{operationId}/review-queue": {
    access: { kind: "roles", roles: ["supervisor"], systemAdmin: false },
    params: operationParams,
  },
  "POST /api/operations/{operationId}/conversations/{conversationId}/review": {
    access: { kind: "roles", roles: ["supervisor"], systemAdmin: false },
    // A proposed conversation the world's operator ran, so the supervisor is a second person.
    params: async (world) => {
      const conversation = await buildConversation(world.db, { operation_id: world.operation.id });
      await world.db
        .updateTable("conversations")
        .set({ proposed: true, operator_id: world.callers.operator.user.id })
        .where("id", "=", conversation.id)
        .execute();
      return { operationId: world.operation.id, conversationId: conversation.id };
    },
    body: () => ({ decision: "reject", reason: "Nothing here meets the criteria." }),
    audit: "conversation.reject",
  },
  "GET /api/operations/{operationId}/exposure": {
    access: { kind: "roles", roles: everyRole, systemAdmin: false },
    params: operationParams,
  },
  "POST /api/operations/{operationId}/reveals": {
    access: {
      kind: "roles",
      roles: ["supervisor", "operator", "analyst", "legal"],
      systemAdmin: false,
    },
    params: operationParams,
    body: async (world) => {
      const conversation = await buildConversation(world.db, { operation_id: world.operation.id });
      const message = await buildMessage(world.db, {
        operation_id: world.operation.id,
        conversation_id: conversation.id,
      });
      return { targetType: "message", targetId: message.id };
    },
    audit: "evidence.reveal",
  },
  "PUT /api/operations/{operationId}/exposure-budgets/{userId}": {
    access: { kind: "roles", roles: ["supervisor"], systemAdmin: false },
    params: async (world) => ({
      operationId: world.operation.id,
      userId: (await newMember(world, "analyst")).id,
    }),
    body: () => ({ dailyReveals: 50 }),
    audit: "exposure.budget_set",
  },
  "POST /api/operations/{operationId}/exposure-overrides": {
    access: { kind: "roles", roles: ["supervisor"], systemAdmin: false },
    params: operationParams,
    // The caller is the world's supervisor; the override goes to someone else, as the rule asks.
    body: async (world) => ({
      userId: (await newMember(world, "operator")).id,
      extraReveals: 2,
      reason: "Long review shift.",
    }),
    audit: "exposure.override_granted",
  },
  "POST /api/operations/{operationId}/conversations/{conversationId}/captures": {
    access: { kind: "roles", roles: operating, systemAdmin: false },
    params: conversationParams,
    body: () => ({ fileName: "capture.png", mediaType: "image/png", dataBase64: PNG_BASE64 }),
    audit: "capture.added",
  },
  "GET /api/operations/{operationId}/conversations/{conversationId}/captures": {
    access: { kind: "roles", roles: everyRole, systemAdmin: false },
    params: conversationParams,
  },
  "GET /api/operations/{operationId}/captures/{captureId}/content": {
    // Bytes leave only after a reveal (S8): who may reveal may read, once they revealed it.
    access: { kind: "roles", roles: revealing, systemAdmin: false },
    readAudit: { action: "capture.read", perView: false },
    params: async (world) => {
      const conversation = await buildConversation(world.db, { operation_id: world.operation.id });
      const bytes = Uint8Array.from(Buffer.from(PNG_BASE64, "base64"));
      await storeBlob(world.db, bytes);
      const capture = await world.db
        .insertInto("captures")
        .values({
          operation_id: world.operation.id,
          conversation_id: conversation.id,
          media_type: "image/png",
          file_name: "capture.png",
          size_bytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          captured_by: world.callers.operator.user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await world.db
        .insertInto("reveals")
        .values(
          Object.values(world.callers).map((caller) => ({
            operation_id: world.operation.id,
            user_id: caller.user.id,
            target_type: "capture",
            target_id: capture.id,
          })),
        )
        .execute();
      return { operationId: world.operation.id, captureId: capture.id };
    },
  },
};

import type { Role } from "../db/tables/operations";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { buildConversation } from "./factories";
import { stageBytes } from "./identityScenario";
import type { RouteCase, RouteWorld } from "./routeTable";

// Rows of the route table for disclosure exports: legal reviewers and supervisors export, follow
// the build and download; nobody else (analysts, operators, administrators) may.

const disclosing: Role[] = ["supervisor", "legal"];
const rule = { kind: "roles" as const, roles: disclosing, systemAdmin: false };

/** A finished export of a fresh conversation, its package a small file in the blob store. */
async function readyDisclosure(world: RouteWorld) {
  const conversation = await buildConversation(world.db, { operation_id: world.operation.id });
  const staged = await stageBytes(
    databaseBlobStore(world.db),
    new TextEncoder().encode(`disclosure ${conversation.id}`),
  );
  await staged.commit();
  const row = await world.db
    .insertInto("disclosures")
    .values({
      operation_id: world.operation.id,
      scope: "conversation",
      target_id: conversation.id,
      requested_by: world.callers.legal.user.id,
      status: "ready",
      conversations_total: 1,
      package_sha256: staged.sha256,
      package_size_bytes: staged.sizeBytes,
      package_head_size: 1,
      package_head_root: "00".repeat(32),
    })
    .returning(["id", "target_id"])
    .executeTakeFirstOrThrow();
  return { operationId: world.operation.id, disclosureId: row.id, targetId: row.target_id };
}

export const disclosureRouteCases: Record<string, RouteCase> = {
  "POST /api/operations/{operationId}/disclosures": {
    access: rule,
    params: (world) => ({ operationId: world.operation.id }),
    body: async (world) => ({
      scope: "conversation",
      targetId: (await buildConversation(world.db, { operation_id: world.operation.id })).id,
    }),
    audit: "disclosure.start",
  },
  "GET /api/operations/{operationId}/disclosures": {
    access: rule,
    params: (world) => ({ operationId: world.operation.id }),
  },
  "GET /api/operations/{operationId}/disclosures/{disclosureId}": {
    access: rule,
    params: async (world) => {
      const { operationId, disclosureId } = await readyDisclosure(world);
      return { operationId, disclosureId };
    },
  },
  "GET /api/operations/{operationId}/disclosures/{disclosureId}/package": {
    access: rule,
    params: async (world) => {
      const { operationId, disclosureId } = await readyDisclosure(world);
      return { operationId, disclosureId };
    },
    readAudit: { action: "disclosure.download", perView: false },
  },
};

import { buildOperationWithTeam, buildUser } from "./accounts";
import type { Role } from "../db/tables/operations";
import type { RouteCase, RouteWorld } from "./routeTable";

// Not imported from routeTable: it imports this file, and the value would not be set yet.
const ROLES: Role[] = ["admin", "supervisor", "operator", "analyst", "legal"];

// Route × role rows for administration: accounts (system administrators) and, per operation,
// closing it and its personas. Destructive routes get a fresh target on every call.

const freshUser = async (world: RouteWorld) => ({ userId: (await buildUser(world.db)).id });

/** An open operation with the world's team, so every call may close one. */
const freshOperation = async (world: RouteWorld) => {
  const operation = await buildOperationWithTeam(world.db, {
    team: ROLES.map((role) => ({ userId: world.callers[role].user.id, role })),
  });
  return { operationId: operation.id };
};

const persona = () => ({
  name: "Route persona",
  age: 10,
  gender: "girl",
  location: "Cebu, Philippines",
  displayNames: ["maya_10"],
});

export const adminRouteCases: Record<string, RouteCase> = {
  "PATCH /api/users/{userId}/active": {
    access: { kind: "system" },
    params: freshUser,
    body: () => ({ active: false }),
    audit: "user.deactivate",
  },
  "POST /api/users/{userId}/password-reset": {
    access: { kind: "system" },
    params: freshUser,
    audit: "user.resetPassword",
  },
  "PATCH /api/users/{userId}/second-factor": {
    access: { kind: "system" },
    params: freshUser,
    body: () => ({ required: true }),
    audit: "user.secondFactor.require",
  },
  "POST /api/operations/{operationId}/close": {
    access: { kind: "roles", roles: ["admin"], systemAdmin: true },
    params: freshOperation,
    body: () => ({ reason: "Authorization ended" }),
    audit: "operation.close",
  },
  "GET /api/operations/{operationId}/personas": {
    access: { kind: "roles", roles: ROLES, systemAdmin: true },
    params: (world) => ({ operationId: world.operation.id }),
  },
  "POST /api/operations/{operationId}/personas": {
    access: { kind: "roles", roles: ["admin"], systemAdmin: true },
    params: (world) => ({ operationId: world.operation.id }),
    body: persona,
    audit: "persona.create",
  },
  "PUT /api/operations/{operationId}/personas/{personaId}": {
    access: { kind: "roles", roles: ["admin"], systemAdmin: true },
    params: async (world) => {
      const row = await world.db
        .insertInto("personas")
        .values({
          operation_id: world.operation.id,
          name: "Draft persona",
          age: 10,
          gender: "girl",
          location: "Cebu, Philippines",
          display_names: JSON.stringify(["draft"]),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { operationId: world.operation.id, personaId: row.id };
    },
    body: persona,
    audit: "persona.update",
  },
};

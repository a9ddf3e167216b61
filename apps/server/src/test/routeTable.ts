import type { FastifyInstance } from "fastify";
import type { Db } from "../db/database";
import type { OperationRow, Role } from "../db/tables/operations";
import type { UserRow } from "../db/tables/users";
import { generate } from "otplib";
import { buildUser, TEST_PASSWORD, type SignedIn } from "./accounts";
import { adminRouteCases } from "./adminRouteCases";
import { consoleRouteCases } from "./consoleRouteCases";
import { identityRouteCases } from "./identityRouteCases";
import { disclosureRouteCases } from "./disclosureRouteCases";
import { referralRouteCases } from "./referralRouteCases";
import { venueRouteCases } from "./venueRouteCases";

export const ROLES: Role[] = ["admin", "supervisor", "operator", "analyst", "legal"];

/** Two operations and one person per role in the first; an outsider works only in the second. */
export interface RouteWorld {
  app: FastifyInstance;
  db: Db;
  operation: OperationRow;
  /** A training operation with the same team (training counterparts go only there). */
  trainingOperation: OperationRow;
  otherOperation: OperationRow;
  callers: Record<Role | "outsider" | "systemAdmin", Caller>;
}

/**
 * Who may call each route. Every route in the OpenAPI document must have a row here: the
 * authorization and audit tests walk the document and fail on a route without one.
 * - public: no session needed.
 * - self: any signed-in user, acting on their own account.
 * - system: system administrators only.
 * - roles: operation-scoped; members with these roles may, other members get 403, people outside
 *   the operation get 404. `systemAdmin` says whether a non-member system administrator may.
 */
export type RouteAccessRule =
  | { kind: "public" }
  | { kind: "self" }
  | { kind: "system" }
  | { kind: "roles"; roles: Role[]; systemAdmin: boolean };

export interface Caller {
  user: UserRow;
  session: SignedIn;
}

export interface RouteCase {
  access: RouteAccessRule;
  /** Path parameters; called before every request so destructive routes get a fresh target. */
  params?: (world: RouteWorld) => Promise<Record<string, string>> | Record<string, string>;
  /** The request body; `caller` is who will send it. */
  body?: (world: RouteWorld, caller: Caller) => Promise<unknown> | unknown;
  /** The audit action a successful state-changing call records. */
  audit?: string;
  /** Extra request headers (a multipart upload's content type). */
  headers?: Record<string, string>;
  /**
   * For a read of evidence: the audit action each read records (S4); `perView` when the route
   * takes a `viewId` and records a view once however often it is read.
   */
  readAudit?: { action: string; perView: boolean };
}

const unique = () => Math.random().toString(36).slice(2, 10);

const operationParams = (world: RouteWorld) => ({ operationId: world.operation.id });

export const routeTable: Record<string, RouteCase> = {
  "GET /api/health": { access: { kind: "public" } },
  "POST /api/session": {
    access: { kind: "public" },
    body: (_world, caller) => ({ username: caller.user.username, password: TEST_PASSWORD }),
    audit: "session.signIn",
  },
  "GET /api/session": { access: { kind: "self" } },
  "DELETE /api/session": { access: { kind: "self" }, audit: "session.signOut" },
  "POST /api/session/password": {
    access: { kind: "self" },
    body: () => ({
      currentPassword: TEST_PASSWORD,
      newPassword: `a new long passphrase ${unique()}`,
    }),
    audit: "user.changePassword",
  },
  "POST /api/session/totp": {
    access: { kind: "self" },
    body: () => ({ currentPassword: TEST_PASSWORD }),
    audit: "user.totp.start",
  },
  "POST /api/session/totp/confirm": {
    access: { kind: "self" },
    // Starts enrolment as the caller, then answers with the code their authenticator would show.
    body: async (world, caller) => {
      const started = await world.app.inject({
        method: "POST",
        url: "/api/session/totp",
        headers: caller.session.headers,
        payload: { currentPassword: TEST_PASSWORD },
      });
      const { secret } = started.json() as { secret: string };
      return { code: await generate({ secret }) };
    },
    audit: "user.totp.enable",
  },
  "GET /api/operations": { access: { kind: "self" } },
  "POST /api/operations": {
    access: { kind: "system" },
    body: () => ({
      name: `Operation ${unique()}`,
      mode: "identify",
      authorization: {
        issuingAuthority: "Test Prosecutor",
        reference: `W-${unique()}`,
        partnerUnit: "Test Unit",
        permittedVenues: ["training://lobby"],
        personaAge: 10,
        startsAt: "2026-01-01T00:00:00Z",
        endsAt: "2027-01-01T00:00:00Z",
      },
    }),
    audit: "operation.create",
  },
  "GET /api/operations/{operationId}": {
    access: { kind: "roles", roles: ROLES, systemAdmin: true },
    params: operationParams,
  },
  "POST /api/operations/{operationId}/members": {
    access: { kind: "roles", roles: ["admin"], systemAdmin: true },
    params: operationParams,
    body: async (world) => ({ username: (await buildUser(world.db)).username, role: "analyst" }),
    audit: "operation.member.add",
  },
  "DELETE /api/operations/{operationId}/members/{userId}": {
    access: { kind: "roles", roles: ["admin"], systemAdmin: true },
    params: async (world) => {
      const user = await buildUser(world.db);
      await world.db
        .insertInto("memberships")
        .values({ operation_id: world.operation.id, user_id: user.id, role: "analyst" })
        .execute();
      return { operationId: world.operation.id, userId: user.id };
    },
    audit: "operation.member.remove",
  },
  "PATCH /api/operations/{operationId}/security": {
    access: { kind: "roles", roles: ["admin"], systemAdmin: true },
    params: operationParams,
    body: () => ({ requireTotp: false }),
    audit: "operation.security.update",
  },
  "GET /api/operations/{operationId}/audit": {
    access: { kind: "roles", roles: ["admin", "supervisor", "legal"], systemAdmin: true },
    params: operationParams,
  },
  "GET /api/operations/{operationId}/audit/export": {
    access: { kind: "roles", roles: ["admin", "supervisor", "legal"], systemAdmin: true },
    params: operationParams,
  },
  "GET /api/users": { access: { kind: "system" } },
  "POST /api/users": {
    access: { kind: "system" },
    body: () => ({ username: `new.${unique()}`, displayName: "New Person" }),
    audit: "user.create",
  },
  ...consoleRouteCases,
  ...adminRouteCases,
  ...identityRouteCases,
  ...venueRouteCases,
  ...referralRouteCases,
  ...disclosureRouteCases,
};

/**
 * The route a table key is for. A key may carry a variant after the path, in parentheses
 * ("POST /api/…/retractions (imageComparison)"): one route whose rule depends on its body gets
 * a row per case, and each is walked like a route of its own.
 */
export const routeOfKey = (key: string) => key.replace(/ \([^)]*\)$/u, "");

/** Fills `{name}` segments of an OpenAPI path. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name} in ${path}`);
    return value;
  });
}

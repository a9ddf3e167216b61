import { beforeAll, describe, expect, it } from "vitest";
import { buildOperationWithTeam, buildUser, signInAs } from "../test/accounts";
import {
  fillPath,
  ROLES,
  routeOfKey,
  routeTable,
  type Caller,
  type RouteCase,
  type RouteWorld,
} from "../test/routeTable";
import { useTestApp } from "../test/testHooks";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface DocumentedRoute {
  key: string;
  method: string;
  path: string;
  rule: RouteCase;
}

describe("every route in the OpenAPI document", () => {
  const server = useTestApp({
    config: {
      SWEETIE_LOGIN_ATTEMPTS: 10_000,
      SWEETIE_LOGIN_ADDRESS_ATTEMPTS: 10_000,
      SWEETIE_LOGIN_GLOBAL_ATTEMPTS: 10_000,
    },
  });
  let world: RouteWorld;
  let routes: DocumentedRoute[];
  let documentedKeys: string[];

  const callerFor = async (isAdmin = false): Promise<Caller> => {
    const user = await buildUser(server.store.db, { isAdmin });
    return { user, session: await signInAs(server.app, user.username) };
  };

  async function send(route: DocumentedRoute, caller: Caller | null, bodyCaller: Caller) {
    const params = (await route.rule.params?.(world)) ?? {};
    const payload = await route.rule.body?.(world, bodyCaller);
    return server.app.inject({
      method: route.method as "GET",
      url: fillPath(route.path, params),
      headers: { ...(caller?.session.headers ?? {}), ...(route.rule.headers ?? {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  }

  beforeAll(async () => {
    const members = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [role, await buildUser(server.store.db)] as const),
      ),
    );
    const operation = await buildOperationWithTeam(server.store.db, {
      name: "Operation Alpha Secret",
      team: ROLES.map((role) => ({ userId: members[role]!.id, role })),
    });
    const trainingOperation = await buildOperationWithTeam(server.store.db, {
      name: "Training Alpha Secret",
      isTraining: true,
      team: ROLES.map((role) => ({ userId: members[role]!.id, role })),
    });
    const outsiderUser = await buildUser(server.store.db);
    const otherOperation = await buildOperationWithTeam(server.store.db, {
      team: [{ userId: outsiderUser.id, role: "admin" }],
    });
    const callers = {} as RouteWorld["callers"];
    for (const role of ROLES) {
      callers[role] = {
        user: members[role]!,
        session: await signInAs(server.app, members[role]!.username),
      };
    }
    callers.outsider = {
      user: outsiderUser,
      session: await signInAs(server.app, outsiderUser.username),
    };
    callers.systemAdmin = await callerFor(true);
    world = {
      app: server.app,
      db: server.store.db,
      operation,
      trainingOperation,
      otherOperation,
      callers,
    };

    const doc = (await server.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
      })),
    );
    documentedKeys = documented.map((r) => r.key);
    // Routes without a rule fail the first test by name; the others walk what has one, and
    // each variant of a route (its rule depending on the body) as a route of its own.
    routes = documented.flatMap((r) =>
      Object.entries(routeTable)
        .filter(([key]) => routeOfKey(key) === r.key)
        .map(([key, rule]) => ({ ...r, key, rule })),
    );
  });

  it("has an access rule in the route table (and the table names no missing route)", () => {
    expect(documentedKeys.length).toBeGreaterThan(10);
    expect(documentedKeys.filter((key) => !routeTable[key])).toEqual([]);
    const documented = new Set(documentedKeys);
    expect(Object.keys(routeTable).filter((key) => !documented.has(routeOfKey(key)))).toEqual([]);
  });

  it("answers 401 without a session, except the public ones", async () => {
    for (const route of routes.filter((r) => r.rule.access.kind !== "public")) {
      const response = await send(route, null, world.callers.admin);
      expect(response.statusCode, route.key).toBe(401);
      expect(response.headers["content-type"], route.key).toContain("application/problem+json");
      expect(response.json(), route.key).toMatchObject({ code: "not_signed_in" });
    }
  });

  it("answers 403 to every role without the right, and 404 without data to outsiders", async () => {
    const secrets = [
      world.operation.id,
      world.operation.name,
      world.operation.authorization_reference,
    ];
    for (const route of routes) {
      const access = route.rule.access;
      if (access.kind === "system") {
        for (const role of ROLES) {
          const response = await send(route, world.callers[role], world.callers[role]);
          expect(response.statusCode, `${route.key} as ${role}`).toBe(403);
        }
      }
      if (access.kind !== "roles") continue;
      for (const role of ROLES.filter((r) => !access.roles.includes(r))) {
        const response = await send(route, world.callers[role], world.callers[role]);
        expect(response.statusCode, `${route.key} as ${role}`).toBe(403);
        expect(response.json(), `${route.key} as ${role}`).toMatchObject({ code: "forbidden" });
      }
      if (!access.systemAdmin) {
        // A system administrator outside the team administers; evidence stays with members.
        const admin = world.callers.systemAdmin;
        const response = await send(route, admin, admin);
        expect(response.statusCode, `${route.key} as system admin`).toBe(403);
      }
      const outsider = await send(route, world.callers.outsider, world.callers.outsider);
      expect(outsider.statusCode, `${route.key} as outsider`).toBe(404);
      for (const secret of secrets) expect(outsider.body, route.key).not.toContain(secret);
    }
  });

  it("lets every role with the right through", async () => {
    for (const route of routes) {
      const access = route.rule.access;
      const allowed =
        access.kind === "roles"
          ? [
              ...access.roles.map((role) => world.callers[role]),
              ...(access.systemAdmin ? [world.callers.systemAdmin] : []),
            ]
          : access.kind === "system"
            ? [world.callers.systemAdmin]
            : [];
      for (const caller of allowed) {
        const response = await send(route, caller, caller);
        expect(
          response.statusCode,
          `${route.key} as ${caller.user.username}: ${response.body}`,
        ).toBeLessThan(300);
      }
    }
  });

  it("lists only the operations a user belongs to", async () => {
    const response = await server.app.inject({
      method: "GET",
      url: "/api/operations",
      headers: world.callers.outsider.session.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(world.operation.id);
    expect(response.body).not.toContain(world.operation.name);
    expect(response.body).toContain(world.otherOperation.id);
  });

  it("writes one audit record per view for every evidence read route", async () => {
    const reads = routes.filter((r) => r.rule.readAudit);
    expect(reads.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        "GET /api/operations/{operationId}/conversations/{conversationId}",
        "GET /api/operations/{operationId}/captures/{captureId}/content",
      ]),
    );
    for (const route of reads) {
      const { action, perView } = route.rule.readAudit!;
      const access = route.rule.access;
      const caller = world.callers[access.kind === "roles" ? access.roles[0]! : "admin"];
      const params = (await route.rule.params?.(world)) ?? {};
      const count = async () =>
        Number(
          (
            await server.store.db
              .selectFrom("audit")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("action", "=", action)
              .where("actor_id", "=", caller.user.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const read = (viewId?: string) =>
        server.app.inject({
          method: "GET",
          url: `${fillPath(route.path, params)}${viewId ? `?viewId=${viewId}` : ""}`,
          headers: caller.session.headers,
        });
      const before = await count();
      expect((await read()).statusCode, route.key).toBe(200);
      expect(await count(), route.key).toBe(before + 1);
      if (!perView) continue;
      const viewId = `view_${Math.random().toString(36).slice(2, 12)}`;
      expect((await read(viewId)).statusCode, route.key).toBe(200);
      expect((await read(viewId)).statusCode, route.key).toBe(200);
      expect(await count(), `${route.key}: a re-fetch of one view is not a new read`).toBe(
        before + 2,
      );
    }
  });

  it("writes an audit record for every state-changing route", async () => {
    const changing = routes.filter((r) => STATE_CHANGING.has(r.method));
    expect(changing.filter((r) => !r.rule.audit).map((r) => r.key)).toEqual([]);
    for (const route of changing) {
      const access = route.rule.access;
      // Account routes act on the caller's own account: give each a fresh person.
      const caller =
        access.kind === "roles"
          ? world.callers[access.roles[0]!]
          : access.kind === "system"
            ? world.callers.systemAdmin
            : await callerFor();
      const count = async () =>
        Number(
          (
            await server.store.db
              .selectFrom("audit")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("action", "=", route.rule.audit!)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const response = await send(route, access.kind === "public" ? null : caller, caller);
      expect(response.statusCode, `${route.key}: ${response.body}`).toBeLessThan(300);
      expect(await count(), route.key).toBe(before + 1);
    }
  });
});

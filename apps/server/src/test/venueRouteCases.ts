import { ManualTimers } from "../connectors/training/timers";
import type { Role } from "../db/tables/operations";
import type { RouteCase, RouteWorld } from "./routeTable";
import { goPresentInLobby, LOBBY } from "./trainingRange";
import { freePort } from "./loopback";

// Rows of the route table for venue administration and leaving a venue.

const managing: Role[] = ["admin", "supervisor"];
const operationParams = (world: RouteWorld) => ({ operationId: world.operation.id });
const unique = () => Math.random().toString(36).slice(2, 10);

/** A network account on loopback where nothing listens: "test connection" fails quickly. */
async function closedNetwork(world: RouteWorld) {
  const response = await world.app.inject({
    method: "POST",
    url: `/api/operations/${world.operation.id}/networks`,
    headers: world.callers.supervisor.session.headers,
    payload: {
      protocol: "irc",
      host: "127.0.0.1",
      port: await freePort(),
      tls: false,
      accountName: `ana${unique()}`,
      secret: "not-a-real-password",
      rooms: [],
    },
  });
  if (response.statusCode !== 201) throw new Error(`network not added: ${response.body}`);
  return response.json<{ networkId: string }>().networkId;
}

export const venueRouteCases: Record<string, RouteCase> = {
  "GET /api/operations/{operationId}/venues": {
    access: { kind: "roles", roles: ["admin", "supervisor", "operator"], systemAdmin: false },
    params: operationParams,
  },
  "POST /api/operations/{operationId}/networks": {
    access: { kind: "roles", roles: managing, systemAdmin: false },
    params: operationParams,
    body: async () => ({
      protocol: "irc",
      host: "127.0.0.1",
      port: await freePort(),
      tls: false,
      accountName: `ana${unique()}`,
      secret: "not-a-real-password",
      rooms: [],
    }),
    audit: "venue.network.add",
  },
  "POST /api/operations/{operationId}/networks/{networkId}/test": {
    access: { kind: "roles", roles: managing, systemAdmin: false },
    params: async (world) => ({
      operationId: world.operation.id,
      networkId: await closedNetwork(world),
    }),
    audit: "venue.network.test",
  },
  "POST /api/operations/{operationId}/presence/leave": {
    access: { kind: "roles", roles: ["operator", "supervisor"], systemAdmin: false },
    params: async (world) => {
      const hub = world.app.consoleRuntime.hub;
      if (!hub.trainingRange(world.operation.id)) {
        hub.trainingOptions = { timers: new ManualTimers(Date.now()), seed: 5 };
      }
      const response = await goPresentInLobby(
        world.app,
        world.operation.id,
        world.callers.operator.session.headers,
      );
      if (response.statusCode !== 201) throw new Error(`presence failed: ${response.body}`);
      return operationParams(world);
    },
    body: () => ({ venueAddress: LOBBY }),
    audit: "presence.ended",
  },
};

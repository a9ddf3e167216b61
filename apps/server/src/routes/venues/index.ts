import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { addVenueNetwork } from "../../commands/addVenueNetwork";
import {
  findNetwork,
  listNetworks,
  listNetworkVenues,
} from "../../db/repositories/venueNetworksRepository";
import { AppError } from "../../errors";
import { operationAccess } from "../../policies/operationAccess";
import { listWantedPresences } from "../../db/repositories/venuePresencesRepository";
import { presentLease, presentStatus } from "../../presenters/presentVenues";
import type { ConsoleRouteDeps } from "../conversations/index";
import { operationParams } from "../conversations/schema";
import { networkAccount } from "../../venues/networkAccount";
import { testConnection } from "../../venues/testConnection";
import { addNetworkBody, networkParams, testResultSchema, venuesSchema } from "./schema";

/** Venue administration: an operation's network accounts and rooms, and their live state. */
export const venueRoutes: FastifyPluginAsyncZod<ConsoleRouteDeps> = async (
  app,
  { store, runtime },
) => {
  const db = store.db;

  app.get(
    "/api/operations/:operationId/venues",
    {
      schema: {
        summary: "The operation's networks and rooms, their live state, and where the persona is",
        tags: ["venues"],
        params: operationParams,
        response: { 200: venuesSchema },
      },
    },
    async (request) => {
      const { operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "venue.read",
      );
      const [networks, venues, wanted] = await Promise.all([
        listNetworks(db, operation.id),
        listNetworkVenues(db, operation.id),
        listWantedPresences(db, { operationId: operation.id }),
      ]);
      const leases = await runtime.keeper.leaseStates(
        operation.id,
        networks.map((network) => network.id),
      );
      const presences = runtime.hub.listPresences(operation.id);
      // Present through this process, or through the process that holds the network.
      const present = new Set(presences.map((presence) => presence.venueId));
      for (const row of wanted) {
        if (leases.get(row.network_id)?.heldBy === "another_server") present.add(row.venue_id);
      }
      return {
        networks: networks.map((network) => ({
          id: network.id,
          protocol: network.protocol,
          host: network.host,
          port: network.port,
          tls: network.tls,
          accountName: network.account_name,
          hasSecret: network.secret_sealed !== null,
          status: presentStatus(runtime.hub.statusFor(operation.id, network.id)),
          lease: presentLease(leases.get(network.id)),
          rooms: venues
            .filter((venue) => venue.network_id === network.id)
            .map((venue) => ({
              venueId: venue.id,
              name: venue.name,
              address: venue.address,
              present: present.has(venue.id),
            })),
        })),
        presences,
      };
    },
  );

  app.post(
    "/api/operations/:operationId/networks",
    {
      schema: {
        summary: "Add a network account and its rooms (each permitted by the authorization)",
        tags: ["venues"],
        params: operationParams,
        body: addNetworkBody,
        response: { 201: z.object({ networkId: z.string(), venueIds: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "venue.manage",
      );
      const result = await addVenueNetwork(
        db,
        { secrets: runtime.secrets },
        { actor, operation, network: request.body },
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    "/api/operations/:operationId/networks/:networkId/test",
    {
      schema: {
        summary: "Test connection: sign in to the network once and sign out again",
        tags: ["venues"],
        params: networkParams,
        response: { 200: testResultSchema },
      },
    },
    async (request) => {
      const { actor, operation } = await operationAccess(
        db,
        request,
        request.params.operationId,
        "venue.manage",
      );
      const network = await findNetwork(db, operation.id, request.params.networkId);
      if (!network)
        throw new AppError("not_found", { detail: "No such network in this operation." });
      if (!runtime.hub.registry.has(network.protocol)) {
        return {
          ok: false,
          state: "disconnected" as const,
          detail: `This server has no ${network.protocol.toUpperCase()} connector enabled.`,
        };
      }
      const secrets = network.secret_sealed ? await runtime.secrets() : null;
      const connector = runtime.hub.registry.create(
        networkAccount(network, secrets, [`${network.account_name}`]),
      );
      const result = await testConnection(connector, 10_000);
      await recordAudit(db, actor, {
        action: "venue.network.test",
        operationId: operation.id,
        targetType: "venue_network",
        targetId: network.id,
        details: { ok: result.ok, state: result.state },
      });
      return result;
    },
  );
};

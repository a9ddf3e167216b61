import { testResultSchema, venuesSchema } from "@sweetie/core/api/venueSchemas";
import { z } from "zod";
import { requestJson } from "./client";

export type { ConnectionTest, Venues } from "@sweetie/core/api/venueSchemas";

const base = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;

export interface NewNetwork {
  protocol: "irc" | "xmpp";
  host: string;
  port: number;
  tls: boolean;
  accountName: string;
  secret?: string;
  rooms: string[];
}

export const fetchVenues = (operationId: string) =>
  requestJson(`${base(operationId)}/venues`, venuesSchema);

export const addNetwork = (operationId: string, network: NewNetwork) =>
  requestJson(
    `${base(operationId)}/networks`,
    z.object({ networkId: z.string(), venueIds: z.array(z.string()) }),
    { method: "POST", body: network },
  );

export const testNetwork = (operationId: string, networkId: string) =>
  requestJson(
    `${base(operationId)}/networks/${encodeURIComponent(networkId)}/test`,
    testResultSchema,
    { method: "POST" },
  );

export const leaveVenue = (operationId: string, venueAddress: string) =>
  requestJson(
    `${base(operationId)}/presence/leave`,
    z.object({ venueAddress: z.string(), left: z.boolean() }),
    { method: "POST", body: { venueAddress } },
  );

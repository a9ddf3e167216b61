import { z } from "zod";

export const networkParams = z.object({ operationId: z.uuid(), networkId: z.uuid() });

const hostPattern = /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/;

export const addNetworkBody = z.strictObject({
  protocol: z.enum(["irc", "xmpp"]).describe("The network's protocol"),
  host: z
    .string()
    .trim()
    .min(1, "Enter the server's host name, such as irc.example.org.")
    .max(253)
    .regex(hostPattern, "A host name has only letters, digits, dots and dashes.")
    .transform((host) => host.toLowerCase()),
  port: z.number().int().min(1, "Enter a port between 1 and 65535.").max(65535),
  tls: z.boolean().describe("Connect with TLS (certificate checked)"),
  accountName: z
    .string()
    .trim()
    .min(1, "Enter the account (nick or JID) the persona signs in with.")
    .max(200),
  secret: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe("Password for SASL or the XMPP account; stored encrypted, never returned"),
  rooms: z
    .array(
      z
        .string()
        .trim()
        .min(2, "Enter a room such as #lobby.")
        .max(200)
        .regex(/^[^\s,]+$/, "A room name has no spaces or commas."),
    )
    .max(50)
    .describe("Rooms (IRC channels, XMPP room JIDs); each must be permitted by the authorization"),
});

export { testResultSchema, venuesSchema } from "@sweetie/core/api/venueSchemas";

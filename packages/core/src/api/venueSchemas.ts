import { z } from "zod";

// Venue administration as the API answers it (server routes and the web console share it).

export const connectorStatusSchema = z.object({
  state: z.enum(["connecting", "connected", "reconnecting", "faulted", "disconnected"]),
  attempt: z.number(),
  retryAt: z.string().nullable(),
  detail: z.string().nullable(),
  at: z.string(),
});

export const venuesSchema = z.object({
  networks: z.array(
    z.object({
      id: z.string(),
      protocol: z.enum(["irc", "xmpp"]),
      host: z.string(),
      port: z.number(),
      tls: z.boolean(),
      accountName: z.string(),
      /** Whether a secret is stored; the secret itself is never returned. */
      hasSecret: z.boolean(),
      /** This server process's connection to the account, if it holds one. */
      status: connectorStatusSchema.nullable(),
      /**
       * Which server process holds the account's connection (venue lease): this one, another
       * one (several processes on one PostgreSQL), or none right now; and until when.
       */
      lease: z.object({
        heldBy: z.enum(["this_server", "another_server", "nobody"]),
        expiresAt: z.string().nullable(),
      }),
      rooms: z.array(
        z.object({
          venueId: z.string(),
          name: z.string(),
          address: z.string(),
          /** Whether the persona is present there, through this or another server process. */
          present: z.boolean(),
        }),
      ),
    }),
  ),
  /** Where the persona is present now, training range included. */
  presences: z.array(z.object({ venueId: z.string(), venueAddress: z.string() })),
});

export const testResultSchema = z.object({
  ok: z.boolean(),
  state: connectorStatusSchema.shape.state,
  detail: z.string().nullable(),
});

export type Venues = z.infer<typeof venuesSchema>;
export type ConnectionTest = z.infer<typeof testResultSchema>;

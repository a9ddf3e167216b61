import { z } from "zod";

/**
 * Response shapes of administration (accounts, personas, closing an operation), shared by the
 * server, which documents them in OpenAPI, and the console, which parses every answer with them.
 */
export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const personaSchema = z.object({
  id: z.string(),
  name: z.string(),
  age: z.number(),
  gender: z.string(),
  location: z.string(),
  displayNames: z.array(z.string()),
  createdAt: z.string(),
  /** Counterparts have talked to it: its facts are in the evidence and cannot change. */
  inUse: z.boolean(),
});
export type Persona = z.infer<typeof personaSchema>;

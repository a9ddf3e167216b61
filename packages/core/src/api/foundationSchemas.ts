import { z } from "zod";

/**
 * Response shapes of the Foundation API, shared by the server (which serializes with them and
 * documents them in OpenAPI) and the console (which parses every answer with them), so the two
 * cannot drift apart.
 */
export const roles = ["admin", "supervisor", "operator", "analyst", "legal"] as const;
export const roleSchema = z.enum(roles).describe("Role in the operation");
export type Role = z.infer<typeof roleSchema>;

export const operationModeSchema = z.enum(["identify", "deter"]);
export type OperationMode = z.infer<typeof operationModeSchema>;

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({ user: meSchema, csrfToken: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const operationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: operationModeSchema,
  isTraining: z.boolean(),
  role: roleSchema.nullable(),
  partnerUnit: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Within the authorized window and not closed. */
  active: z.boolean(),
  closed: z.boolean(),
});
export type OperationSummary = z.infer<typeof operationSummarySchema>;

export const authorizationRecordSchema = z.object({
  issuingAuthority: z.string(),
  reference: z.string(),
  partnerUnit: z.string(),
  permittedVenues: z.array(z.string()),
  personaAge: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type AuthorizationRecord = z.infer<typeof authorizationRecordSchema>;

export const operationSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: operationModeSchema,
  isTraining: z.boolean(),
  authorization: authorizationRecordSchema,
  retentionDays: z.number(),
  requireTotp: z.boolean(),
  createdAt: z.string(),
  /** When and why the operation was closed; null while it is open. */
  closed: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type Operation = z.infer<typeof operationSchema>;

export const teamMemberSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const operationDetailSchema = z.object({
  operation: operationSchema,
  role: roleSchema.nullable(),
  team: z.array(teamMemberSchema),
});
export type OperationDetail = z.infer<typeof operationDetailSchema>;

import { z } from "zod";

// Response shapes from the API contract (notes/API.md). Parsing at the boundary means a server
// change shows up as one clear error instead of a blank field somewhere in a scene.

export const roles = ["admin", "supervisor", "operator", "analyst", "legal"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

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

export const totpConfirmedSchema = z.object({ user: meSchema });

export const operationModeSchema = z.enum(["identify", "deter"]);
export type OperationMode = z.infer<typeof operationModeSchema>;

export const operationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: operationModeSchema,
  isTraining: z.boolean(),
  role: roleSchema.nullable(),
  partnerUnit: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  active: z.boolean(),
});
export type OperationSummary = z.infer<typeof operationSummarySchema>;

export const operationListSchema = z.object({ operations: z.array(operationSummarySchema) });

export const authorizationSchema = z.object({
  issuingAuthority: z.string(),
  reference: z.string(),
  partnerUnit: z.string(),
  permittedVenues: z.array(z.string()),
  personaAge: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type Authorization = z.infer<typeof authorizationSchema>;

export const operationSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: operationModeSchema,
  isTraining: z.boolean(),
  authorization: authorizationSchema,
  retentionDays: z.number(),
  requireTotp: z.boolean(),
  createdAt: z.string(),
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

export const memberAddedSchema = z.object({ member: teamMemberSchema });
export const operationUpdatedSchema = z.object({ operation: operationSchema });

export const problemSchema = z.object({
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

import {
  meSchema,
  operationSchema,
  operationSummarySchema,
  teamMemberSchema,
} from "@sweetie/core/api/foundationSchemas";
import { z } from "zod";

// Every API answer is parsed at the boundary, so a server change shows up as one clear error
// instead of a blank field somewhere in a scene. The shapes shared with the server live in core
// (one definition for both); this file adds the console's own wrappers.
export {
  authorizationRecordSchema as authorizationSchema,
  meSchema,
  operationDetailSchema,
  operationModeSchema,
  operationSchema,
  operationSummarySchema,
  roleSchema,
  roles,
  sessionSchema,
  teamMemberSchema,
  totpEnrolmentSchema,
} from "@sweetie/core/api/foundationSchemas";
export type {
  AuthorizationRecord as Authorization,
  Me,
  Operation,
  OperationDetail,
  OperationMode,
  OperationSummary,
  Role,
  Session,
  TeamMember,
  TotpEnrolment,
} from "@sweetie/core/api/foundationSchemas";

export const totpConfirmedSchema = z.object({ user: meSchema });
export const operationListSchema = z.object({ operations: z.array(operationSummarySchema) });

export const memberAddedSchema = z.object({ member: teamMemberSchema });
export const operationUpdatedSchema = z.object({ operation: operationSchema });

export const problemSchema = z.object({
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

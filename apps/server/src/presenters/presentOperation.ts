import type { z } from "zod";
import type { OperationRow, Role } from "../db/tables/operations";
import type {
  operationSchema,
  operationSummarySchema,
  teamMemberSchema,
} from "../routes/operations/schema";

export function presentOperation(row: OperationRow): z.infer<typeof operationSchema> {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    isTraining: row.is_training,
    authorization: {
      issuingAuthority: row.issuing_authority,
      reference: row.authorization_reference,
      partnerUnit: row.partner_unit,
      permittedVenues: row.permitted_venues,
      personaAge: row.persona_age,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
    },
    retentionDays: row.retention_days,
    requireTotp: row.require_totp,
    createdAt: row.created_at.toISOString(),
    closed: row.closed_at
      ? { at: row.closed_at.toISOString(), reason: row.close_reason ?? "" }
      : null,
  };
}

export function presentOperationSummary(
  row: OperationRow,
  role: Role | null,
  now: Date,
): z.infer<typeof operationSummarySchema> {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    isTraining: row.is_training,
    role,
    partnerUnit: row.partner_unit,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    active: !row.closed_at && row.starts_at <= now && now < row.ends_at,
    closed: row.closed_at !== null,
  };
}

export function presentTeamMember(row: {
  user_id: string;
  username: string;
  display_name: string;
  role: Role;
}): z.infer<typeof teamMemberSchema> {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
  };
}

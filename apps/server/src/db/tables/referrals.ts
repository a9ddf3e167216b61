import type { ColumnType, Generated, Selectable } from "kysely";

// Agencies, referrals, their lifecycle steps and agencies' cosignatures of signed heads (0018).

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface AgenciesTable {
  id: Generated<string>;
  country: string;
  name: string;
  unit: string;
  contact_channel: string;
  contact_person: string;
  public_key: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type AgencyRow = Selectable<AgenciesTable>;

export interface ReferralsTable {
  id: Generated<string>;
  operation_id: string;
  country: string;
  agency_id: string | null;
  subject_ids: ColumnType<string[], string, string>;
  status: Generated<string>;
  outcome: string | null;
  agency_reference: string | null;
  built_by: string;
  released_by: string | null;
  package_sha256: string | null;
  package_size_bytes: number | null;
  package_head_size: number | null;
  package_head_root: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type ReferralRow = Selectable<ReferralsTable>;

export interface ReferralStepsTable {
  id: Generated<string>;
  operation_id: string;
  referral_id: string;
  step: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  occurred_on: string | null;
  actor_id: string;
  created_at: CreatedAt;
}

export interface HeadCosignaturesTable {
  id: Generated<string>;
  operation_id: string;
  head_size: number;
  head_root: string;
  agency_id: string;
  witness_name: string;
  witness_public_key: string;
  cosigned_at: Date;
  line: string;
  recorded_by: string;
  created_at: CreatedAt;
}

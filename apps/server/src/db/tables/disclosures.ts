import type { ColumnType, Generated, Selectable } from "kysely";

// Disclosure exports and their finished records (0025).

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export type DisclosureScope = "conversation" | "subject";
export type DisclosureStatus = "building" | "ready" | "failed";

export interface DisclosuresTable {
  id: Generated<string>;
  operation_id: string;
  scope: DisclosureScope;
  target_id: string;
  requested_by: string;
  status: ColumnType<DisclosureStatus, DisclosureStatus | undefined, DisclosureStatus>;
  conversations_done: Generated<number>;
  conversations_total: Generated<number>;
  failure: string | null;
  package_sha256: string | null;
  package_size_bytes: number | null;
  package_head_size: number | null;
  package_head_root: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type DisclosureRow = Selectable<DisclosuresTable>;

export interface DisclosureExportsTable {
  id: Generated<string>;
  operation_id: string;
  disclosure_id: string;
  scope: DisclosureScope;
  target_id: string;
  conversation_ids: ColumnType<string[], string, never>;
  package_sha256: string;
  package_size_bytes: number;
  head_size: number;
  head_root: string;
  files: number;
  exported_by: string;
  created_at: CreatedAt;
}

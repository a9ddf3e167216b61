import type { ColumnType, Generated, Selectable } from "kysely";

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface AuditTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | undefined, never>;
  actor_id: string | null;
  actor_ip: string | null;
  action: string;
  operation_id: string | null;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}
export type AuditRow = Selectable<AuditTable>;

import type { AuditEntry } from "@sweetie/core/api/supervisionSchemas";

const COLUMNS = ["id", "at", "actor", "actor_ip", "action", "target_type", "target_id", "details"];

/**
 * One CSV cell (RFC 4180). Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * get a leading apostrophe: audit details can hold text a counterpart chose (S7).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The audit entries as CSV, header first, CRLF line ends. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [COLUMNS.join(",")];
  for (const entry of entries) {
    lines.push(
      [
        entry.id,
        entry.at,
        entry.actor,
        entry.actorIp,
        entry.action,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.details),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

import { formatDateTime } from "./format";

export interface DetailLine {
  label: string;
  value: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** "permittedVenues" → "permitted venues"; "authorization.endsAt" → "authorization, ends at". */
function labelOf(path: string[]): string {
  return path.map((key) => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()).join(", ");
}

function valueOf(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueOf).join(", ");
  return JSON.stringify(value);
}

/**
 * An audit record's details as labelled lines a reader can scan (nested objects flattened, times
 * in the console's format), instead of raw JSON.
 */
export function auditDetailLines(details: Record<string, unknown>): DetailLine[] {
  const lines: DetailLine[] = [];
  const walk = (object: Record<string, unknown>, path: string[]): void => {
    for (const [key, value] of Object.entries(object)) {
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        walk(value as Record<string, unknown>, [...path, key]);
      } else {
        lines.push({ label: labelOf([...path, key]), value: valueOf(value) });
      }
    }
  };
  walk(details, []);
  return lines;
}

import {
  auditPageSchema,
  dashboardSchema,
  exposureSchema,
} from "@sweetie/core/api/supervisionSchemas";
import { z } from "zod";
import { requestJson } from "./client";

export type { AuditEntry, Dashboard } from "@sweetie/core/api/supervisionSchemas";

const base = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;

export const fetchDashboard = (operationId: string) =>
  requestJson(`${base(operationId)}/dashboard`, dashboardSchema);

export const setExposureBudget = (operationId: string, userId: string, dailyReveals: number) =>
  requestJson(
    `${base(operationId)}/exposure-budgets/${encodeURIComponent(userId)}`,
    z.object({ userId: z.string(), dailyReveals: z.number() }),
    { method: "PUT", body: { dailyReveals } },
  );

export const grantExposureOverride = (
  operationId: string,
  input: { userId: string; extraReveals: number; reason: string },
) =>
  requestJson(`${base(operationId)}/exposure-overrides`, z.object({ exposure: exposureSchema }), {
    method: "POST",
    body: input,
  });

/** What the audit viewer filters by; empty parts are left out of the address. */
export interface AuditFilter {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  /** `datetime-local` values in the reader's time zone. */
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = {
  actor: "",
  action: "",
  targetType: "",
  targetId: "",
  from: "",
  to: "",
};

function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (!value.trim()) continue;
    // datetime-local has no zone: it is the reader's local time, sent as an instant.
    const sent = key === "from" || key === "to" ? new Date(value).toISOString() : value.trim();
    params.set(key, sent);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const fetchAuditPage = (operationId: string, filter: AuditFilter, before?: number) =>
  requestJson(
    `${base(operationId)}/audit${auditQuery(filter, before ? { before: String(before) } : {})}`,
    auditPageSchema,
  );

/** The CSV export's address: the browser downloads it with the session cookie. */
export const auditExportUrl = (operationId: string, filter: AuditFilter) =>
  `${base(operationId)}/audit/export${auditQuery(filter)}`;

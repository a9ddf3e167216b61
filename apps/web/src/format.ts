import type { OperationMode, Role } from "./api/schemas";

// Dates are shown in the reader's own time zone with the zone named, because team members and
// partner units sit in different countries and an authorization window must never be misread.
// (dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.)
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function isWithinWindow(startsAt: string, endsAt: string, now: Date = new Date()): boolean {
  const time = now.getTime();
  return new Date(startsAt).getTime() <= time && time < new Date(endsAt).getTime();
}

const modeLabels: Record<OperationMode, string> = {
  identify: "Identify",
  deter: "Deter",
};

export function formatMode(mode: OperationMode): string {
  return modeLabels[mode];
}

const roleLabels: Record<Role, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  operator: "Operator",
  analyst: "Analyst",
  legal: "Legal reviewer",
};

export function formatRole(role: Role): string {
  return roleLabels[role];
}

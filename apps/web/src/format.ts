import type { OperationMode, Role } from "./api/schemas";

// Dates are shown in the reader's own time zone with the zone named, because team members and
// partner units sit in different countries and an authorization window must never be misread.
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZoneName: "short",
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function formatWindow(startsAt: string, endsAt: string): string {
  return `${formatDateTime(startsAt)} to ${formatDateTime(endsAt)}`;
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

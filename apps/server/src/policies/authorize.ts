import type { Role } from "../db/tables/operations";
import { AppError } from "../errors";

/** Who is acting: a signed-in user, with their role in the operation at hand (if any). */
export interface Actor {
  userId: string;
  username: string;
  isAdmin: boolean;
  ip: string;
}

/**
 * Everything a user can do inside an operation, and the roles allowed to do it. Need-to-know
 * (S4): a role sees and does only what its work requires; evidence actions need membership.
 */
export const operationPermissions = {
  "operation.read": ["admin", "supervisor", "operator", "analyst", "legal"],
  "operation.manageTeam": ["admin"],
  "operation.manageSecurity": ["admin"],
  "operation.close": ["admin"],
  "persona.manage": ["admin"],
  "audit.read": ["admin", "supervisor", "legal"],
  "dashboard.read": ["admin", "supervisor", "legal"],
  "conversation.read": ["admin", "supervisor", "operator", "analyst", "legal"],
  "conversation.operate": ["operator", "supervisor"],
  "conversation.review": ["supervisor"],
  "evidence.reveal": ["supervisor", "operator", "analyst", "legal"],
  "exposure.manage": ["supervisor"],
  // The identification workspace: analysts record and propose, supervisors also sign off;
  // legal reviewers read; operators' work does not need it.
  "identity.read": ["supervisor", "analyst", "legal"],
  "identity.record": ["supervisor", "analyst"],
  "identity.signOff": ["supervisor"],
  "deconfliction.read": ["supervisor"],
  /** Where the persona can be and is present: networks, rooms, live connection state. */
  "venue.read": ["admin", "supervisor", "operator"],
  /** Adding network accounts and rooms (inside the authorization), testing them. */
  "venue.manage": ["admin", "supervisor"],
  // Referrals: analysts and supervisors build them; only a supervisor releases (and never the
  // one who built it: four-eyes, S4), downloads and records what happened after.
  "referral.read": ["supervisor", "analyst", "legal"],
  "referral.build": ["supervisor", "analyst"],
  "referral.release": ["supervisor"],
  "referral.track": ["supervisor"],
  // Disclosure to the defence (the full, unredacted record of a conversation or a subject):
  // legal reviewers, whose work it is, and supervisors, who answer for the operation's evidence.
  "disclosure.export": ["supervisor", "legal"],
  /** The operation's signed tree heads and the agencies' cosignatures of them. */
  "heads.read": ["admin", "supervisor", "legal"],
  "heads.cosign": ["supervisor"],
} as const satisfies Record<string, readonly Role[]>;

export type OperationAction = keyof typeof operationPermissions;

/** Operation actions a system administrator may take without being a member (administration only, never evidence). */
const systemAdminOperationActions: ReadonlySet<OperationAction> = new Set([
  "operation.read",
  "operation.manageTeam",
  "operation.manageSecurity",
  "operation.close",
  "persona.manage",
  "audit.read",
]);

export function can(actor: Actor, action: OperationAction, role: Role | null): boolean {
  if (role && (operationPermissions[action] as readonly Role[]).includes(role)) return true;
  return actor.isAdmin && systemAdminOperationActions.has(action);
}

/** Throws `forbidden` (403) unless the actor may take the action with this role. */
export function authorize(actor: Actor, action: OperationAction, role: Role | null): void {
  if (!can(actor, action, role)) throw new AppError("forbidden");
}

/** System-wide actions: only system administrators. */
export type SystemAction = "operation.create" | "user.manage" | "agency.manage";

export function authorizeSystem(actor: Actor, _action: SystemAction): void {
  if (!actor.isAdmin) throw new AppError("forbidden");
}

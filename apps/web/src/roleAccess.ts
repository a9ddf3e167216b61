import type { Role } from "./api/schemas";

/** What the console offers a person in an operation: controls they cannot use are not shown. */
export interface RoleAccess {
  /** The operator console: presence, safe moves, typing, captures. */
  operate: boolean;
  /** Reading transcripts (read-only for those who do not operate). */
  readConversations: boolean;
  review: boolean;
  dashboard: boolean;
  audit: boolean;
  /** Setting exposure budgets and granting overrides. */
  manageExposure: boolean;
  /** The subjects workspace (identification), read. */
  identify: boolean;
  /** Recording findings, claims, merges and countries. */
  recordIdentity: boolean;
  /** Signing off claims; deconfliction notices. */
  signOffClaims: boolean;
  /** Seeing the networks and rooms, their connection state, and leaving a venue. */
  venues: boolean;
  /** Adding networks and rooms, testing connections. */
  manageVenues: boolean;
  /** The operation's referrals and their previews, read. */
  referrals: boolean;
  /** Starting and changing referral drafts. */
  buildReferrals: boolean;
  /** Releasing a draft someone else built (four-eyes), downloading, recording sent and after. */
  releaseReferrals: boolean;
  /** The operation's signed tree heads with the agencies' cosignatures. */
  heads: boolean;
  /** Recording an agency's cosignature of a head. */
  cosignHeads: boolean;
  /** Exporting a conversation or a subject for disclosure to the defence. */
  disclose: boolean;
}

/**
 * Mirrors the server's permissions (apps/server/src/policies/authorize.ts); the server still
 * decides every request, this only keeps unusable controls off the screen. In the training range
 * an operation's administrators may practise as operators.
 */
export function roleAccess(
  role: Role | null,
  options: { isTraining: boolean; isSystemAdmin: boolean },
): RoleAccess {
  const is = (...roles: Role[]) => role !== null && roles.includes(role);
  return {
    operate: is("operator", "supervisor") || (options.isTraining && role === "admin"),
    readConversations: role !== null,
    review: is("supervisor"),
    dashboard: is("admin", "supervisor", "legal"),
    audit: is("admin", "supervisor", "legal") || options.isSystemAdmin,
    manageExposure: is("supervisor"),
    identify: is("supervisor", "analyst", "legal"),
    recordIdentity: is("supervisor", "analyst"),
    signOffClaims: is("supervisor"),
    venues: is("admin", "supervisor", "operator"),
    manageVenues: is("admin", "supervisor"),
    referrals: is("supervisor", "analyst", "legal"),
    buildReferrals: is("supervisor", "analyst"),
    releaseReferrals: is("supervisor"),
    heads: is("admin", "supervisor", "legal"),
    cosignHeads: is("supervisor"),
    disclose: is("supervisor", "legal"),
  };
}

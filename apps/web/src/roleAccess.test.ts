import { describe, expect, it } from "vitest";
import { roleAccess } from "./roleAccess";

const real = { isTraining: false, isSystemAdmin: false };

describe("what each role is shown", () => {
  it("gives operators the console but not review, the dashboard or the audit log", () => {
    expect(roleAccess("operator", real)).toEqual({
      operate: true,
      readConversations: true,
      review: false,
      dashboard: false,
      audit: false,
      manageExposure: false,
      identify: false,
      recordIdentity: false,
      signOffClaims: false,
      venues: true,
      manageVenues: false,
      referrals: false,
      buildReferrals: false,
      releaseReferrals: false,
      heads: false,
      cosignHeads: false,
      disclose: false,
    });
  });

  it("gives analysts and legal a read-only view; legal also supervision and audit", () => {
    expect(roleAccess("analyst", real)).toMatchObject({
      operate: false,
      readConversations: true,
      review: false,
      dashboard: false,
    });
    expect(roleAccess("legal", real)).toMatchObject({
      operate: false,
      review: false,
      dashboard: true,
      audit: true,
      disclose: true,
    });
  });

  it("lets supervisors review and manage exposure", () => {
    expect(roleAccess("supervisor", real)).toMatchObject({
      operate: true,
      review: true,
      dashboard: true,
      manageExposure: true,
    });
  });

  it("lets analysts build referrals, only supervisors release them, legal read them", () => {
    expect(roleAccess("analyst", real)).toMatchObject({
      referrals: true,
      buildReferrals: true,
      releaseReferrals: false,
      heads: false,
    });
    expect(roleAccess("supervisor", real)).toMatchObject({
      buildReferrals: true,
      releaseReferrals: true,
      heads: true,
      cosignHeads: true,
    });
    expect(roleAccess("legal", real)).toMatchObject({
      referrals: true,
      buildReferrals: false,
      heads: true,
      cosignHeads: false,
    });
    expect(roleAccess("admin", real)).toMatchObject({ referrals: false, heads: true });
  });

  it("lets administrators practise only in training, and system admins read the audit log", () => {
    expect(roleAccess("admin", real).operate).toBe(false);
    expect(roleAccess("admin", { ...real, isTraining: true }).operate).toBe(true);
    expect(roleAccess(null, { ...real, isSystemAdmin: true })).toMatchObject({
      readConversations: false,
      audit: true,
    });
  });
});

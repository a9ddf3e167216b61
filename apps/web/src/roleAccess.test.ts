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

  it("lets administrators practise only in training, and system admins read the audit log", () => {
    expect(roleAccess("admin", real).operate).toBe(false);
    expect(roleAccess("admin", { ...real, isTraining: true }).operate).toBe(true);
    expect(roleAccess(null, { ...real, isSystemAdmin: true })).toMatchObject({
      readConversations: false,
      audit: true,
    });
  });
});

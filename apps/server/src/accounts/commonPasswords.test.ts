import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { guessablePasswordReason } from "./commonPasswords";
import { assertStrongPassword } from "./passwords";

describe("passwords people and attackers guess", () => {
  it("refuses breached passwords, also with digits and symbols around them", () => {
    for (const password of ["qwertyuiop123", "1q2w3e4r5t6y", "iloveyou2024!", "Password1234"]) {
      expect(guessablePasswordReason(password), password).toContain("leaked in breaches");
    }
  });

  it("refuses trivial repeats and runs", () => {
    expect(guessablePasswordReason("aaaaaaaaaaaa")).toContain("repeats");
    expect(guessablePasswordReason("abcabcabcabc")).toContain("repeats");
    expect(guessablePasswordReason("xyxyxyxyxyxy")).toContain("repeats");
    expect(guessablePasswordReason("abcdefghijklmn")).toContain("consecutive");
    expect(guessablePasswordReason("987654321098")).toContain("consecutive");
  });

  it("accepts a few unrelated words", () => {
    expect(guessablePasswordReason("kettle orbit marigold")).toBeNull();
    expect(guessablePasswordReason("a new long passphrase 7f3k")).toBeNull();
  });

  it("says why next to the field that was typed", () => {
    let error: unknown;
    try {
      assertStrongPassword("iloveyou2024!", "maria", "newPassword");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("weak_password");
    expect((error as AppError).errors).toEqual([
      { field: "newPassword", message: expect.stringContaining("leaked in breaches") as string },
    ]);
  });
});

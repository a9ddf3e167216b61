import { describe, expect, it } from "vitest";
import { usernameSchema } from "./username";

describe("the username rule", () => {
  it("accepts lowercase names with digits, dots, dashes and underscores", () => {
    for (const name of ["ana", "op.2", "maria_santos", "j-reyes", "a1"]) {
      expect(usernameSchema.safeParse(name).success, name).toBe(true);
    }
  });

  it("refuses capitals, spaces, leading punctuation and lengths outside 2–64", () => {
    for (const name of ["Ana", "ana reyes", ".ana", "a", "x".repeat(65), "ana@unit", ""]) {
      expect(usernameSchema.safeParse(name).success, name).toBe(false);
    }
  });
});

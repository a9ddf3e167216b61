import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldLabel, userMessageFor } from "./validationMessages";

const messageOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { error: userMessageFor }).error?.issues[0]?.message;

describe("validation messages in a person's words", () => {
  it("never says what zod says to programmers", () => {
    expect(messageOf(z.uuid(), "abc")).toBe(
      "This reference is not valid. Go back, reload the page and try again.",
    );
    expect(messageOf(z.string().min(1), "")).toBe("Fill this in.");
    expect(messageOf(z.string().min(3), "a")).toBe("Use at least 3 characters.");
    expect(messageOf(z.string().max(5), "abcdefg")).toBe("Use at most 5 characters.");
    expect(messageOf(z.number(), "x")).toBe("Enter a number.");
    expect(messageOf(z.object({ a: z.string() }), {})).toBe("Fill this in.");
    expect(messageOf(z.enum(["en", "taglish"]), "fr")).toBe("Choose one of: en, taglish.");
    expect(messageOf(z.number().int().min(1), 0)).toBe("Use 1 or more.");
  });

  it("keeps a message written on the schema", () => {
    expect(messageOf(z.string().min(3, "Give the reason."), "")).toBe("Give the reason.");
  });

  it("turns field paths into labels", () => {
    expect(fieldLabel("authorization.endsAt")).toBe("Ends at");
    expect(fieldLabel("permittedVenues.0")).toBe("Permitted venues");
    expect(fieldLabel("reason")).toBe("Reason");
  });
});

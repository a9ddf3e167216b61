import { z } from "zod";
import { sessionSchema, totpEnrolmentSchema } from "@sweetie/core/api/foundationSchemas";

export const signInBody = z.strictObject({
  username: z.string().trim().min(1).max(100).describe("Username"),
  password: z.string().min(1).max(1000).describe("Password or one-time password"),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code.")
    .optional()
    .describe("Current TOTP code when two-factor sign-in is enabled"),
});

export const sessionResponse = sessionSchema;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});

export const totpStartBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000).describe("Your current password"),
});

export const totpStartResponse = totpEnrolmentSchema;

export const totpConfirmBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code."),
});

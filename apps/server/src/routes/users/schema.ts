import { usernameSchema } from "@sweetie/core/api/username";
import { z } from "zod";

export { adminUserSchema as userSchema } from "@sweetie/core/api/administrationSchemas";

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1, "Enter the person's name.").max(200),
  isAdmin: z.boolean().optional(),
});

export const userParams = z.strictObject({ userId: z.uuid().describe("Account id") });

export const activeBody = z.strictObject({
  active: z.boolean().describe("false deactivates: no sign-in, every session ends"),
});

export const secondFactorBody = z.strictObject({
  required: z.boolean().describe("Require two-factor sign-in of this person"),
});

import { z } from "zod";
import type { UserRow } from "../db/tables/users";

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
});

export function presentMe(user: UserRow): z.infer<typeof meSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isAdmin: user.is_admin,
    mustChangePassword: user.must_change_password,
    totpEnabled: user.totp_enabled,
  };
}

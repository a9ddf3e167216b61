import type { z } from "zod";
import { meSchema } from "@sweetie/core/api/foundationSchemas";

export { meSchema };
import type { UserRow } from "../db/tables/users";

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

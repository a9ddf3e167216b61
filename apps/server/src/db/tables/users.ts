import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  is_admin: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  disabled: Generated<boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  password_changed_at: Date | null;
  /** The last TOTP time step accepted (a code is accepted once). */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  second_factor_done: Generated<boolean>;
  ip: string;
  user_agent: Generated<string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}
export type SessionRow = Selectable<SessionsTable>;

/** Sign-in failure counters shared by every node (accounts/signInThrottle.ts). */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

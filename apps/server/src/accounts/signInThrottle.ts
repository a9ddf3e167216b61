import type { ServerConfig } from "../config";
import type { Db, DbOrTrx } from "../db/database";
import {
  clearThrottle,
  findThrottleStates,
  updateThrottleStates,
} from "../db/repositories/authThrottleRepository";
import { AppError } from "../errors";
import { afterFailure, lockRemainingMs, type ThrottleRule } from "./throttlePolicy";

/**
 * The sign-in limiter, kept in the database so every node counts the same failures and a
 * restart forgets none. Three keys count each failure: the account (guessing one password), the
 * address (spraying one password over many accounts) and the whole server (spraying from many
 * addresses). Re-authentication (password change, second-factor set-up) counts on the account.
 */
export interface SignInThrottle {
  /** Refuses (429, with the wait) when any of the attempt's keys is locked. */
  assertAllowed(db: DbOrTrx, keys: ThrottleKeys, now: Date): Promise<void>;
  recordFailure(db: Db, keys: ThrottleKeys, now: Date): Promise<void>;
  /** A successful sign-in forgives the account's failures (not the address's). */
  recordSuccess(db: DbOrTrx, keys: ThrottleKeys): Promise<void>;
}

export interface ThrottleKeys {
  account: string;
  address: string;
}

const keysOf = (keys: ThrottleKeys) => ({
  account: `account:${keys.account.trim().toLowerCase()}`,
  address: `address:${keys.address}`,
  global: "global",
});

export function createSignInThrottle(config: ServerConfig): SignInThrottle {
  const windowMs = config.SWEETIE_LOGIN_WINDOW_MINUTES * 60_000;
  const rule = (limit: number): ThrottleRule => ({
    limit,
    windowMs,
    baseLockMs: windowMs,
    maxLockMs: 24 * 3_600_000,
  });
  const rules: Record<"account" | "address" | "global", ThrottleRule> = {
    account: rule(config.SWEETIE_LOGIN_ATTEMPTS),
    address: rule(config.SWEETIE_LOGIN_ADDRESS_ATTEMPTS),
    // The whole server locks briefly (one minute, doubling), not for a window: a spray from
    // many addresses slows down without shutting everyone out for long.
    global: { ...rule(config.SWEETIE_LOGIN_GLOBAL_ATTEMPTS), baseLockMs: 60_000 },
  };
  const ruleOf = (key: string) =>
    key === "global" ? rules.global : key.startsWith("address:") ? rules.address : rules.account;

  return {
    async assertAllowed(db, keys, now) {
      const named = keysOf(keys);
      const states = await findThrottleStates(db, Object.values(named));
      const waitMs = Math.max(0, ...[...states.values()].map((s) => lockRemainingMs(s, now)));
      if (waitMs > 0) {
        const minutes = Math.ceil(waitMs / 60_000);
        throw new AppError("too_many_attempts", {
          detail: `Too many sign-in attempts failed for this account or from your address. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`,
        });
      }
    },
    async recordFailure(db, keys, now) {
      const named = keysOf(keys);
      await updateThrottleStates(
        db,
        Object.values(named),
        (key, previous) => afterFailure(previous, ruleOf(key), now),
        now,
      );
    },
    async recordSuccess(db, keys) {
      await clearThrottle(db, keysOf(keys).account);
    },
  };
}

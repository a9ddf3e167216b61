import { exposureStatus, type ExposureStatus } from "@sweetie/core/welfare/exposure";
import { sql } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { Db, DbOrTrx } from "../db/database";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Today's (UTC) exposure of a person in an operation. */
export async function loadExposure(
  db: DbOrTrx,
  operationId: string,
  userId: string,
  now: Date,
): Promise<ExposureStatus> {
  const day = dayOf(now);
  const [used, budget, extra] = await Promise.all([
    db
      .selectFrom("reveals")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("operation_id", "=", operationId)
      .where("user_id", "=", userId)
      .where(sql<boolean>`(at at time zone 'UTC')::date = ${day}::date`)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("exposure_budgets")
      .select("daily_reveals")
      .where("operation_id", "=", operationId)
      .where("user_id", "=", userId)
      .executeTakeFirst(),
    db
      .selectFrom("exposure_overrides")
      .select((eb) =>
        eb.fn.coalesce(eb.fn.sum<number>("extra_reveals"), sql<number>`0`).as("extra"),
      )
      .where("operation_id", "=", operationId)
      .where("user_id", "=", userId)
      .where(sql<boolean>`day = ${day}::date`)
      .executeTakeFirstOrThrow(),
  ]);
  return exposureStatus({
    used: Number(used.count),
    budget: budget?.daily_reveals ?? null,
    overrideExtra: Number(extra.extra),
  });
}

/**
 * Reveals one masked item (S8): a logged choice, counted against today's budget. Past the budget
 * the reveal is refused until a supervisor grants an override; the refusal is audited too.
 */
export async function revealItem(
  db: Db,
  input: {
    actor: Actor;
    operationId: string;
    targetType: RevealTarget;
    targetId: string;
    now: Date;
  },
): Promise<ExposureStatus> {
  return db.transaction().execute(async (trx) => {
    // Serialize one person's reveals so two tabs cannot both take the last one.
    await sql`select pg_advisory_xact_lock(hashtext(${`${input.operationId}:${input.actor.userId}`}))`.execute(
      trx,
    );
    const before = await loadExposure(trx, input.operationId, input.actor.userId, input.now);
    if (!before.mayReveal) throw new AppError("exposure_budget_exceeded");
    await trx
      .insertInto("reveals")
      .values({
        operation_id: input.operationId,
        user_id: input.actor.userId,
        target_type: input.targetType,
        target_id: input.targetId,
        at: input.now,
      })
      .execute();
    await recordAudit(trx, input.actor, {
      action: "evidence.reveal",
      operationId: input.operationId,
      targetType: input.targetType,
      targetId: input.targetId,
    });
    return loadExposure(trx, input.operationId, input.actor.userId, input.now);
  });
}

/** What can be revealed: a masked message, a blurred capture, a finding's blurred image. */
export type RevealTarget = "message" | "capture" | "finding";

/**
 * Reveals one item through revealItem; a reveal refused for the budget is audited as such
 * before the refusal goes back to the person (so every choice, allowed or not, is on record).
 */
export async function revealOrRecordRefusal(
  db: Db,
  input: Parameters<typeof revealItem>[1],
): Promise<ExposureStatus> {
  try {
    return await revealItem(db, input);
  } catch (error) {
    if (error instanceof AppError && error.code === "exposure_budget_exceeded") {
      await recordAudit(db, input.actor, {
        action: "evidence.reveal_refused",
        operationId: input.operationId,
        targetType: input.targetType,
        targetId: input.targetId,
      });
    }
    throw error;
  }
}

export interface RevealWindow {
  operationId: string;
  userId: string;
  now: Date;
  /** How long a reveal lasts (SWEETIE_REVEAL_MINUTES). */
  windowMinutes: number;
}

/**
 * Which of `targetIds` this person revealed within the reveal window (S8), for the server to
 * send them unmasked. None while the person is past the budget (more reveals than today's
 * allowance, e.g. after a supervisor lowered it): then everything stays masked.
 */
export async function revealedTargets(
  db: DbOrTrx,
  window: RevealWindow,
  targetType: RevealTarget,
  targetIds: readonly string[],
): Promise<Set<string>> {
  if (targetIds.length === 0) return new Set();
  const since = new Date(window.now.getTime() - window.windowMinutes * 60_000);
  const [rows, exposure] = await Promise.all([
    db
      .selectFrom("reveals")
      .select("target_id")
      .distinct()
      .where("operation_id", "=", window.operationId)
      .where("user_id", "=", window.userId)
      .where("target_type", "=", targetType)
      .where("target_id", "in", [...targetIds])
      .where("at", ">", since)
      .execute(),
    loadExposure(db, window.operationId, window.userId, window.now),
  ]);
  if (isPastBudget(exposure)) return new Set();
  return new Set(rows.map((row) => row.target_id));
}

/** More reveals made today than the allowance: nothing more is shown unmasked. */
export const isPastBudget = (exposure: ExposureStatus): boolean =>
  exposure.allowance !== null && exposure.used > exposure.allowance;

/**
 * Refuses a capture's bytes unless this person revealed it within the window and is not past
 * the budget (S8): the server, not the browser, withholds them.
 */
export async function assertCaptureRevealed(
  db: DbOrTrx,
  window: RevealWindow,
  captureId: string,
): Promise<void> {
  return assertRevealed(db, window, "capture", captureId);
}

/** As assertCaptureRevealed, for any revealable picture (a capture or a finding's image). */
export async function assertRevealed(
  db: DbOrTrx,
  window: RevealWindow,
  targetType: Exclude<RevealTarget, "message">,
  targetId: string,
): Promise<void> {
  const since = new Date(window.now.getTime() - window.windowMinutes * 60_000);
  const [revealed, exposure] = await Promise.all([
    db
      .selectFrom("reveals")
      .select("id")
      .where("operation_id", "=", window.operationId)
      .where("user_id", "=", window.userId)
      .where("target_type", "=", targetType)
      .where("target_id", "=", targetId)
      .where("at", ">", since)
      .executeTakeFirst(),
    loadExposure(db, window.operationId, window.userId, window.now),
  ]);
  if (isPastBudget(exposure) || (!revealed && !exposure.mayReveal)) {
    throw new AppError("exposure_budget_exceeded", {
      detail:
        "You have reached today's exposure budget, so this capture stays hidden. Ask a supervisor for an override, or take a break.",
    });
  }
  if (!revealed) throw new AppError("reveal_required");
}

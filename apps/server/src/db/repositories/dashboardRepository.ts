import { sql } from "kysely";
import type { DbOrTrx } from "../database";
import type { Role } from "../tables/operations";

/** New conversations per UTC day since `since` (days without any are left out). */
export async function approachesPerDay(
  db: DbOrTrx,
  operationId: string,
  since: Date,
): Promise<{ day: string; count: number }[]> {
  const rows = await db
    .selectFrom("conversations")
    .select([
      sql<string>`to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD')`.as("day"),
      (eb) => eb.fn.countAll<number>().as("count"),
    ])
    .where("operation_id", "=", operationId)
    .where("created_at", ">=", since)
    .groupBy("day")
    .orderBy("day")
    .execute();
  return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
}

/** How many conversations sit at each stage and in each review state. */
export async function conversationCounts(db: DbOrTrx, operationId: string) {
  const [stages, states, flags] = await Promise.all([
    db
      .selectFrom("conversations")
      .select(["stage", (eb) => eb.fn.countAll<number>().as("count")])
      .where("operation_id", "=", operationId)
      .groupBy("stage")
      .execute(),
    db
      .selectFrom("conversations")
      .select([
        sql<number>`count(*) filter (where proposed)`.as("proposed"),
        sql<number>`count(*) filter (where proposed and status = 'open' and purged_at is null)`.as(
          "awaiting",
        ),
        sql<number>`count(*) filter (where status = 'confirmed')`.as("confirmed"),
        sql<number>`count(*) filter (where status = 'rejected')`.as("rejected"),
      ])
      .where("operation_id", "=", operationId)
      .executeTakeFirstOrThrow(),
    sql<{ flag: string; count: number }>`
      select flag, count(*) as count
        from conversations, jsonb_array_elements_text(flags) as flag
       where operation_id = ${operationId}
       group by flag`.execute(db),
  ]);
  return {
    byStage: new Map(stages.map((row) => [row.stage, Number(row.count)])),
    proposed: Number(states.proposed),
    awaitingReview: Number(states.awaiting),
    confirmed: Number(states.confirmed),
    rejected: Number(states.rejected),
    byFlag: new Map(flags.rows.map((row) => [row.flag, Number(row.count)])),
  };
}

/** Subjects per confirmed country, and how many have none confirmed yet. */
export async function subjectsByCountry(db: DbOrTrx, operationId: string) {
  const rows = await db
    .selectFrom("subjects")
    .select(["country", (eb) => eb.fn.countAll<number>().as("count")])
    .where("operation_id", "=", operationId)
    .groupBy("country")
    .execute();
  return {
    byCountry: rows
      .filter((row): row is typeof row & { country: string } => row.country !== null)
      .map((row) => ({ country: row.country, count: Number(row.count) }))
      .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    withoutCountry: Number(rows.find((row) => row.country === null)?.count ?? 0),
  };
}

// A gap longer than this between two of one person's messages is a pause, not work.
const ACTIVE_GAP_SECONDS = 300;

/**
 * The team members who run conversations, with their load: conversations they ran, the open
 * ones among them, today's messages, and today's minutes of work (time between one's own
 * messages since midnight UTC, each gap counted up to five minutes).
 */
export async function operatorWorkload(db: DbOrTrx, operationId: string, dayStart: Date) {
  const { rows } = await sql<{
    user_id: string;
    username: string;
    display_name: string;
    role: Role;
    conversations: number;
    open_conversations: number;
    messages_today: number;
    seconds_today: number;
  }>`
    with ran as (
      select distinct c.id, c.status, c.broken_off, coalesce(m.sent_by, c.operator_id) as user_id
        from conversations c
        left join messages m on m.conversation_id = c.id and m.sent_by is not null
       where c.operation_id = ${operationId} and c.purged_at is null
    ),
    today as (
      select sent_by as user_id, created_at,
             extract(epoch from created_at - lag(created_at) over (partition by sent_by order by created_at)) as gap
        from messages
       where operation_id = ${operationId} and sent_by is not null and created_at >= ${dayStart}
    )
    select u.id as user_id, u.username, u.display_name, ms.role,
           (select count(distinct r.id) from ran r where r.user_id = u.id) as conversations,
           (select count(distinct r.id) from ran r
             where r.user_id = u.id and r.status = 'open' and not r.broken_off) as open_conversations,
           (select count(*) from today t where t.user_id = u.id) as messages_today,
           (select coalesce(sum(least(t.gap, ${ACTIVE_GAP_SECONDS})), 0) from today t
             where t.user_id = u.id and t.gap is not null) as seconds_today
      from memberships ms
      join users u on u.id = ms.user_id
     where ms.operation_id = ${operationId} and ms.role in ('operator', 'supervisor')
     order by u.display_name`.execute(db);
  return rows.map((row) => ({
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    conversations: Number(row.conversations),
    openConversations: Number(row.open_conversations),
    messagesToday: Number(row.messages_today),
    minutesOnTaskToday: Math.round(Number(row.seconds_today) / 60),
  }));
}

import { INDICATOR_IDENTIFIER_KIND, type IdentifierKind } from "@sweetie/core/identity/index";
import { sql, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { IdentityPorts } from "./identityPorts";
import { recordObservations, type ObservationInput } from "./recordObservations";

/** The event a connector records when it learns where a counterpart connects from. */
export const ORIGIN_EVENT_KIND = "counterpart.origin";

/**
 * Turns what the chat disclosed into observations on the subjects of these conversations: every
 * identifier the detector extracted (`id.*` with a value, pointing to its message and span) and
 * every network origin a connector recorded (a `counterpart.origin` event with `{ origin }`).
 * Idempotent: a span or event already observed for the subject is skipped. Runs when a
 * conversation joins a subject and when new messages arrive in a subject's conversation.
 */
export async function syncChatObservations(
  trx: Transaction<Database>,
  ports: Pick<IdentityPorts, "evidence" | "deconflictionSecret">,
  input: { operationId: string; conversationIds: readonly string[] },
): Promise<string[]> {
  if (input.conversationIds.length === 0) return [];
  const { rows: disclosed } = await sql<{
    subject_id: string;
    message_id: string;
    type: string;
    value: string;
    platform: string | null;
    span_start: number;
    span_end: number;
    rule: string | null;
  }>`
    select sc.subject_id::text, m.id::text as message_id, ind->>'type' as type,
           ind->>'value' as value, ind->>'platform' as platform,
           (ind->>'start')::int as span_start, (ind->>'end')::int as span_end, ind->>'rule' as rule
      from subject_conversations sc
      join messages m on m.conversation_id = sc.conversation_id and m.direction = 'in'
      cross join lateral jsonb_array_elements(m.indicators) ind
     where sc.conversation_id = any(${[...input.conversationIds]}::uuid[])
       and ind->>'type' like 'id.%' and coalesce(ind->>'value', '') <> ''
       and not exists (select 1 from observations o
                        where o.subject_id = sc.subject_id and o.message_id = m.id
                          and o.span_start = (ind->>'start')::int)
     order by m.seq`.execute(trx);
  const { rows: origins } = await sql<{ subject_id: string; event_id: string; origin: string }>`
    select sc.subject_id::text, e.id::text as event_id, e.payload->>'origin' as origin
      from subject_conversations sc
      join events e on e.conversation_id = sc.conversation_id and e.kind = ${ORIGIN_EVENT_KIND}
     where sc.conversation_id = any(${[...input.conversationIds]}::uuid[])
       and coalesce(e.payload->>'origin', '') <> ''
       and not exists (select 1 from observations o
                        where o.subject_id = sc.subject_id and o.event_id = e.id)`.execute(trx);
  const inputs: ObservationInput[] = [
    ...disclosed.flatMap((row) => {
      const kind: IdentifierKind | undefined = INDICATOR_IDENTIFIER_KIND[row.type];
      return kind
        ? [
            {
              subjectId: row.subject_id,
              kind,
              value: row.value,
              platform: row.platform,
              messageId: row.message_id,
              spanStart: row.span_start,
              spanEnd: row.span_end,
              rule: row.rule,
            },
          ]
        : [];
    }),
    ...origins.map((row) => ({
      subjectId: row.subject_id,
      kind: "network_origin" as const,
      value: row.origin,
      eventId: row.event_id,
    })),
  ];
  return recordObservations(trx, ports, input.operationId, inputs);
}

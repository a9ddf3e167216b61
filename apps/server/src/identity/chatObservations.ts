import { INDICATOR_IDENTIFIER_KIND, type IdentifierKind } from "@sweetie/core/identity/index";
import { sql, type Transaction } from "kysely";
import type { DbOrTrx } from "../db/database";
import type { Database } from "../db/schema";
import type { IdentityPorts } from "./identityPorts";
import { recordObservations, type ObservationInput } from "./recordObservations";

/** The event a connector (or an import) records when it learns where a counterpart connects from. */
export const ORIGIN_EVENT_KIND = "counterpart.origin";

/** What the observations of the chat need: the ledger and the deconfliction secret. */
export type ObservationPorts = Pick<IdentityPorts, "evidence" | "deconflictionSecret">;

/**
 * The identifying values of a message's network origin (connectors/connector.ts NetworkOrigin):
 * the IRC `ident@host` of `nick!ident@host` (the nick is the handle, already known), the
 * occupant's real JID and its XEP-0421 occupant id on XMPP. A room occupant's JID
 * (room@service/nick) names the room, not the person, and is left out.
 */
export function originValues(origin: unknown): string[] {
  if (!origin || typeof origin !== "object") return [];
  const { sender, realJid, occupantId } = origin as Record<string, unknown>;
  const values: string[] = [];
  if (typeof sender === "string") {
    const bang = sender.indexOf("!");
    if (bang > 0 && sender.includes("@", bang)) values.push(`irc:${sender.slice(bang + 1)}`);
  }
  if (typeof realJid === "string" && realJid.includes("@")) values.push(`xmpp:${realJid}`);
  if (typeof occupantId === "string" && occupantId !== "") values.push(`occupant:${occupantId}`);
  return values;
}

/**
 * Turns what the chat disclosed into observations on the subjects of these conversations: every
 * identifier the detector extracted (`id.*` with a value, pointing to its message and span) and
 * every network origin a connector recorded (each distinct value once per subject, pointing to
 * the first message it came with; or a `counterpart.origin` event with `{ origin }`).
 * Idempotent: a span, an origin value or an event already observed for the subject is skipped.
 * Runs at ingest for new messages of a subject's conversations (`messageIds`), when a
 * conversation joins a subject, and before the workspace shows a subject.
 */
export async function syncChatObservations(
  trx: Transaction<Database>,
  ports: ObservationPorts,
  input: {
    operationId: string;
    conversationIds: readonly string[];
    /** Only these messages (ingest); all of the conversations' messages when absent. */
    messageIds?: readonly string[];
  },
): Promise<string[]> {
  if (input.conversationIds.length === 0) return [];
  if (input.messageIds && input.messageIds.length === 0) return [];
  const conversations = [...input.conversationIds];
  const onlyMessages = input.messageIds
    ? sql`and m.id = any(${[...input.messageIds]}::uuid[])`
    : sql``;
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
     where sc.conversation_id = any(${conversations}::uuid[]) ${onlyMessages}
       and ind->>'type' like 'id.%' and coalesce(ind->>'value', '') <> ''
       and not exists (select 1 from observations o
                        where o.subject_id = sc.subject_id and o.message_id = m.id
                          and o.span_start = (ind->>'start')::int)
     order by m.seq`.execute(trx);
  const { rows: wired } = await sql<{ subject_id: string; message_id: string; origin: unknown }>`
    select sc.subject_id::text, m.id::text as message_id, w.origin
      from subject_conversations sc
      join messages m on m.conversation_id = sc.conversation_id and m.direction = 'in'
      join message_wire w on w.message_id = m.id
     where sc.conversation_id = any(${conversations}::uuid[]) ${onlyMessages}
     order by m.seq`.execute(trx);
  const { rows: evented } = await sql<{ subject_id: string; event_id: string; origin: string }>`
    select sc.subject_id::text, e.id::text as event_id, e.payload->>'origin' as origin
      from subject_conversations sc
      join events e on e.conversation_id = sc.conversation_id and e.kind = ${ORIGIN_EVENT_KIND}
     where sc.conversation_id = any(${conversations}::uuid[])
       and coalesce(e.payload->>'origin', '') <> ''
       and not exists (select 1 from observations o
                        where o.subject_id = sc.subject_id and o.event_id = e.id)`.execute(trx);

  // Each origin value once per subject: the first message that carried it.
  const firstOrigin = new Map<string, { subjectId: string; value: string; messageId: string }>();
  for (const row of wired) {
    for (const value of originValues(row.origin)) {
      const key = `${row.subject_id} ${value}`;
      if (!firstOrigin.has(key))
        firstOrigin.set(key, { subjectId: row.subject_id, value, messageId: row.message_id });
    }
  }
  const knownOrigins = firstOrigin.size
    ? new Set(
        (
          await trx
            .selectFrom("observations")
            .select(["subject_id", "value"])
            .where("kind", "=", "network_origin")
            .where("subject_id", "in", [
              ...new Set([...firstOrigin.values()].map((o) => o.subjectId)),
            ])
            .execute()
        ).map((row) => `${row.subject_id} ${row.value}`),
      )
    : new Set<string>();

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
    ...[...firstOrigin]
      .filter(([key]) => !knownOrigins.has(key))
      .map(([, origin]) => ({
        subjectId: origin.subjectId,
        kind: "network_origin" as const,
        value: origin.value,
        messageId: origin.messageId,
        rule: "connector origin",
      })),
    ...evented.map((row) => ({
      subjectId: row.subject_id,
      kind: "network_origin" as const,
      value: row.origin,
      eventId: row.event_id,
    })),
  ];
  return recordObservations(trx, ports, input.operationId, inputs);
}

/**
 * Brings the observations of every conversation of an operation's subjects up to date, in one
 * transaction: what the workspace runs before it shows a list of subjects or a subject.
 */
export async function syncOperationObservations(
  db: DbOrTrx,
  ports: ObservationPorts,
  operationId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const links = await trx
      .selectFrom("subject_conversations as sc")
      .innerJoin("subjects as s", "s.id", "sc.subject_id")
      .select("sc.conversation_id")
      .where("s.operation_id", "=", operationId)
      .execute();
    await syncChatObservations(trx, ports, {
      operationId,
      conversationIds: links.map((l) => l.conversation_id),
    });
  });
}

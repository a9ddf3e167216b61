import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";

// What a disclosure shows besides the ledger entries: the names of the people the entries cite
// by id (operators, reviewers), and every reveal of a masked message or capture of the disclosed
// conversations (S8: who revealed what, when). Neither is ledger evidence: the people are the
// accounts table, the reveals its audited welfare record; the transcript says so.

export interface Person {
  username: string;
  displayName: string;
}

export interface RevealRecord {
  targetType: "message" | "capture";
  targetId: string;
  by: string;
  at: string;
}

export interface DisclosureRecords {
  people: Map<string, Person>;
  /** Per conversation id, its reveals in time order. */
  reveals: Map<string, RevealRecord[]>;
}

/** Loads the names and reveals for the disclosed conversations, once per export. */
export async function loadDisclosureRecords(
  db: DbOrTrx,
  operationId: string,
  conversationIds: readonly string[],
): Promise<DisclosureRecords> {
  const ids = [...conversationIds];
  const { rows: reveals } = await sql<{
    conversation_id: string;
    target_type: "message" | "capture";
    target_id: string;
    user_id: string;
    at: Date;
  }>`
    select coalesce(m.conversation_id, k.conversation_id)::text as conversation_id,
           r.target_type, r.target_id, r.user_id::text as user_id, r.at
      from reveals r
      left join messages m on r.target_type = 'message' and m.id::text = r.target_id
      left join captures k on r.target_type = 'capture' and k.id::text = r.target_id
     where r.operation_id = ${operationId}
       and coalesce(m.conversation_id, k.conversation_id) = any(${ids}::uuid[])
     order by r.at, r.id
  `.execute(db);
  const { rows: users } = await sql<{ id: string; username: string; display_name: string }>`
    select u.id::text, u.username, u.display_name from users u
     where u.id in (
       select m.sent_by from messages m where m.conversation_id = any(${ids}::uuid[])
       union select r.reviewer_id from conversation_reviews r
              where r.conversation_id = any(${ids}::uuid[])
       union select k.captured_by from captures k where k.conversation_id = any(${ids}::uuid[])
       union select e.actor_id from events e where e.conversation_id = any(${ids}::uuid[])
       union select s.added_by from subject_conversations s
              where s.conversation_id = any(${ids}::uuid[])
       union select r.user_id from reveals r where r.operation_id = ${operationId})
  `.execute(db);
  const people = new Map(
    users.map((u) => [u.id, { username: u.username, displayName: u.display_name }]),
  );
  const byConversation = new Map<string, RevealRecord[]>();
  for (const row of reveals) {
    const list = byConversation.get(row.conversation_id) ?? [];
    list.push({
      targetType: row.target_type,
      targetId: row.target_id,
      by: row.user_id,
      at: row.at.toISOString(),
    });
    byConversation.set(row.conversation_id, list);
  }
  return { people, reveals: byConversation };
}

/** A person by id, as the disclosure names them: "Display Name (username)". */
export function personWords(records: DisclosureRecords, id: string | null): string {
  if (!id) return "nobody recorded";
  const person = records.people.get(id);
  return person ? `${person.displayName} (${person.username})` : `account ${id}`;
}

import type { DbOrTrx } from "../db/database";

const DAY_MS = 86_400_000;

export interface SupervisionSeed {
  operationId: string;
  /** Team members who run conversations: messages and reveals are theirs. */
  operatorIds: string[];
  supervisorId: string;
  now?: Date;
}

/** Subjects per country the seed creates (ISO alpha-2). */
export const SEEDED_COUNTRIES: Record<string, number> = { GB: 3, US: 2, AU: 1, DE: 1, PH: 1 };

/**
 * A week of an operation as the dashboard sees it: approaches on several days, conversations at
 * every stage (some flagged, proposed, confirmed or rejected), persona messages by each operator
 * today, a few reveals, and subjects in several countries plus one without a country yet.
 * Messages name behaviours only; nothing here is a transcript.
 */
export async function seedSupervision(db: DbOrTrx, seed: SupervisionSeed): Promise<void> {
  const now = seed.now ?? new Date();
  const plan: {
    daysAgo: number;
    stage: string;
    flags?: string[];
    proposed?: boolean;
    status?: string;
  }[] = [
    { daysAgo: 6, stage: "approached" },
    { daysAgo: 6, stage: "age_stated" },
    { daysAgo: 5, stage: "approached" },
    { daysAgo: 4, stage: "solicited", proposed: true, status: "confirmed" },
    { daysAgo: 4, stage: "solicited", flags: ["no_prior_age_statement"] },
    { daysAgo: 3, stage: "age_stated" },
    { daysAgo: 2, stage: "payment", proposed: true, status: "confirmed" },
    { daysAgo: 2, stage: "solicited", proposed: true, status: "rejected" },
    { daysAgo: 1, stage: "solicited", proposed: true },
    { daysAgo: 1, stage: "approached", flags: ["persona_initiated"] },
    { daysAgo: 0, stage: "solicited", proposed: true },
    { daysAgo: 0, stage: "age_stated" },
  ];
  const conversations = [];
  for (const [index, entry] of plan.entries()) {
    const operatorId = seed.operatorIds[index % seed.operatorIds.length]!;
    conversations.push(
      await db
        .insertInto("conversations")
        .values({
          operation_id: seed.operationId,
          counterpart_handle: `seeded_contact_${index + 1}`,
          initiator: entry.flags?.includes("persona_initiated") ? "persona" : "counterpart",
          stage: entry.stage,
          flags: JSON.stringify(entry.flags ?? []),
          proposed: entry.proposed ?? false,
          status: entry.status ?? "open",
          operator_id: operatorId,
          persona_id: null,
          venue_id: null,
          last_message_at: new Date(now.getTime() - entry.daysAgo * DAY_MS),
          created_at: new Date(now.getTime() - entry.daysAgo * DAY_MS - 3_600_000),
        })
        .returning(["id", "operator_id"])
        .executeTakeFirstOrThrow(),
    );
  }
  // Today's persona work: each operator sends a message every two minutes for a while.
  for (const [index, operatorId] of seed.operatorIds.entries()) {
    const conversation = conversations[index]!;
    const count = 4 + index * 3;
    for (let n = 0; n < count; n += 1) {
      const body = "safe move";
      await db
        .insertInto("messages")
        .values({
          operation_id: seed.operationId,
          conversation_id: conversation.id,
          seq: 1000 + n,
          direction: "out",
          body,
          body_bytes: new TextEncoder().encode(body),
          sent_by: operatorId,
          move_id: "greeting",
          move_library_version: "seed",
          indicators: "[]",
          created_at: new Date(now.getTime() - (count - n) * 120_000),
        })
        .execute();
    }
    for (let n = 0; n < index + 1; n += 1) {
      await db
        .insertInto("reveals")
        .values({
          operation_id: seed.operationId,
          user_id: operatorId,
          target_type: "message",
          target_id: conversation.id,
          at: now,
        })
        .execute();
    }
  }
  for (const [country, count] of Object.entries(SEEDED_COUNTRIES)) {
    for (let n = 0; n < count; n += 1) {
      await db
        .insertInto("subjects")
        .values({
          operation_id: seed.operationId,
          label: `subject ${country} ${n + 1}`,
          country,
          created_by: seed.supervisorId,
        })
        .execute();
    }
  }
  await db
    .insertInto("subjects")
    .values({
      operation_id: seed.operationId,
      label: "subject without a country yet",
      country: null,
      created_by: seed.supervisorId,
    })
    .execute();
}

import { z } from "zod";

/**
 * Response shapes of the supervision dashboard and the audit viewer, shared by the server
 * (serialization, OpenAPI) and the console (parsing), so the two cannot drift apart.
 */
export const exposureSchema = z.object({
  used: z.number(),
  budget: z.number().nullable(),
  allowance: z.number().nullable(),
  level: z.enum(["unbudgeted", "ok", "warning", "exceeded"]),
  mayReveal: z.boolean(),
});

export const dashboardSchema = z.object({
  generatedAt: z.string(),
  /** New conversations (approaches) per UTC day over the last `days` days, oldest first. */
  approachesPerDay: z.array(z.object({ day: z.string(), count: z.number() })),
  /** Conversations that reached each stage or a later one, in stage order. */
  funnel: z.array(z.object({ stage: z.string(), label: z.string(), count: z.number() })),
  proposed: z.number(),
  awaitingReview: z.number(),
  confirmed: z.number(),
  rejected: z.number(),
  flags: z.array(
    z.object({ flag: z.string(), title: z.string(), explanation: z.string(), count: z.number() }),
  ),
  /** Subjects by the country an analyst confirmed (ISO 3166-1 alpha-2). */
  subjectsByCountry: z.array(z.object({ country: z.string(), count: z.number() })),
  subjectsWithoutCountry: z.number(),
  operators: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      conversations: z.number(),
      openConversations: z.number(),
      messagesToday: z.number(),
      /** Minutes of persona work today: time between one's messages, each gap counted up to 5 minutes. */
      minutesOnTaskToday: z.number(),
      exposure: exposureSchema,
    }),
  ),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  actorIp: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.number().nullable(),
});

export type Dashboard = z.infer<typeof dashboardSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type Exposure = z.infer<typeof exposureSchema>;

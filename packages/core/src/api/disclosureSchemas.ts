import { z } from "zod";

// Disclosure exports (the full record of a conversation or a subject, for the defence): the API
// shapes shared by the server (validation, OpenAPI) and the console (parsing every answer).

export const DISCLOSURE_SCOPES = ["conversation", "subject"] as const;
export const disclosureScopeSchema = z.enum(DISCLOSURE_SCOPES, {
  error: "Say what to export: a conversation or a subject.",
});

export const disclosureRequestSchema = z.object({
  scope: disclosureScopeSchema,
  targetId: z.uuid("Export from a conversation's or a subject's page."),
});
export type DisclosureRequest = z.infer<typeof disclosureRequestSchema>;

/** Without a target: the operation's latest exports. */
export const disclosureListQuerySchema = z.object({
  targetId: z.uuid("Give the conversation's or the subject's id.").optional(),
});

export const disclosureSchema = z.object({
  id: z.string(),
  scope: disclosureScopeSchema,
  targetId: z.string(),
  /** building → ready, or failed (with `failure` in words). */
  status: z.enum(["building", "ready", "failed"]),
  conversationsDone: z.number(),
  conversationsTotal: z.number(),
  failure: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  package: z
    .object({
      sha256: z.string(),
      sizeBytes: z.number(),
      headSize: z.number(),
      headRoot: z.string(),
      fileName: z.string(),
    })
    .nullable(),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export const disclosureAnswerSchema = z.object({ disclosure: disclosureSchema });
export const disclosureListSchema = z.object({ disclosures: z.array(disclosureSchema) });

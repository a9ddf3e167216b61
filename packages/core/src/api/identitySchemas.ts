import { z } from "zod";
import { imageComparisonSchema } from "./comparisonSchemas";
import { CREDIBILITY, RELIABILITY } from "../identity/admiralty";
import { CLAIM_PREDICATES } from "../identity/claims";
import { IDENTIFIER_KINDS } from "../identity/entities";
import { IDENTITY_CONFIDENCE } from "../identity/identityConfidence";

// The identification workspace's API shapes, shared by the server (validation, OpenAPI) and
// the console (parsing every answer).

export const identifierKindSchema = z.enum(IDENTIFIER_KINDS);
export const claimPredicateSchema = z.enum(CLAIM_PREDICATES);
export const reliabilitySchema = z.enum(RELIABILITY);
export const credibilitySchema = z.enum(CREDIBILITY);
export const identityConfidenceSchema = z.enum(IDENTITY_CONFIDENCE);

export const subjectStatusSchema = z.object({
  established: z.boolean(),
  reasons: z.array(z.string()),
});

export const subjectSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  country: z.string().nullable(),
  status: subjectStatusSchema,
  /** Claims established / claims recorded (not retracted). */
  establishedClaims: z.number(),
  claims: z.number(),
  /** Claims that wait for a reviewer's sign-off. */
  awaitingSignOff: z.number(),
  identifiers: z.number(),
  findings: z.number(),
  conversations: z.number(),
  /** The leading country clue's score over all clues' (0..1), when there are clues. */
  confidence: z.number().nullable(),
  /** How far the identification has come (see identity/identityConfidence). */
  identityConfidence: identityConfidenceSchema,
  mergedSubjects: z.number(),
  createdAt: z.string(),
});
export type SubjectSummary = z.infer<typeof subjectSummarySchema>;

/** A subject in the list across operations: with the operation it belongs to. */
export const subjectAcrossOperationsSchema = subjectSummarySchema.extend({
  operationId: z.string(),
  operationName: z.string(),
});
export type SubjectAcrossOperations = z.infer<typeof subjectAcrossOperationsSchema>;

export const observationSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: identifierKindSchema,
  /** Untrusted (S7): shown as text only. */
  value: z.string(),
  normalized: z.string(),
  platform: z.string().nullable(),
  provenance: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("message"),
      messageId: z.string(),
      conversationId: z.string().nullable(),
      seq: z.number().nullable(),
      span: z.object({ start: z.number(), end: z.number() }),
      rule: z.string().nullable(),
    }),
    z.object({
      type: z.literal("network"),
      /** The message it came with (a connector's origin), or the event that recorded it. */
      messageId: z.string().nullable(),
      conversationId: z.string().nullable(),
      seq: z.number().nullable(),
      eventId: z.string().nullable(),
    }),
    z.object({
      type: z.literal("finding"),
      findingId: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ]),
  createdAt: z.string(),
});
export type Observation = z.infer<typeof observationSchema>;

export const findingSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  title: z.string(),
  sourceUrl: z.string().nullable(),
  seenAt: z.string(),
  note: z.string(),
  file: z
    .object({
      sha256: z.string(),
      sizeBytes: z.number(),
      mediaType: z.string(),
      /** Untrusted: shown as text only. */
      fileName: z.string(),
      /** Shown blurred in the console; other files are downloads only. */
      displayable: z.boolean(),
    })
    .nullable(),
  derivedFrom: z.string().nullable(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  createdAt: z.string(),
  retracted: z.boolean(),
  /** Other findings or captures whose image is the same picture (perceptual hash). */
  similarImages: z.array(
    z.object({
      kind: z.enum(["finding", "capture"]),
      id: z.string(),
      distance: z.number(),
      mirrored: z.boolean(),
    }),
  ),
});
export type Finding = z.infer<typeof findingSchema>;

const citationSourceSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("finding"),
    findingId: z.string(),
    ledgerEntryId: z.string().nullable(),
    title: z.string(),
    sourceUrl: z.string().nullable(),
    seenAt: z.string(),
    fileSha256: z.string().nullable(),
    fileMediaType: z.string().nullable(),
    derivedFrom: z.string().nullable(),
  }),
  z.object({
    type: z.literal("observation"),
    observationId: z.string(),
    ledgerEntryId: z.string().nullable(),
    kind: z.string(),
    value: z.string(),
    messageId: z.string().nullable(),
    conversationId: z.string().nullable(),
    span: z.object({ start: z.number(), end: z.number() }).nullable(),
    eventId: z.string().nullable(),
    findingId: z.string().nullable(),
  }),
]);

export const claimSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  recordedOnSubjectId: z.string(),
  predicate: claimPredicateSchema,
  predicateWords: z.string(),
  value: z.string(),
  normalized: z.string(),
  authorId: z.string(),
  createdAt: z.string(),
  ledgerEntryId: z.string().nullable(),
  retracted: z.boolean(),
  grading: z
    .object({
      reliability: reliabilitySchema,
      credibility: credibilitySchema,
      words: z.string(),
      reason: z.string(),
      gradedBy: z.string(),
      ledgerEntryId: z.string().nullable(),
    })
    .nullable(),
  citations: z.array(
    z.object({
      id: z.string(),
      ledgerEntryId: z.string().nullable(),
      citedBy: z.string(),
      createdAt: z.string(),
      retracted: z.boolean(),
      source: citationSourceSchema,
    }),
  ),
  signOffs: z.array(
    z.object({
      id: z.string(),
      reviewerId: z.string(),
      note: z.string(),
      createdAt: z.string(),
      ledgerEntryId: z.string().nullable(),
      retracted: z.boolean(),
    }),
  ),
  status: z.union([
    z.object({
      established: z.literal(true),
      independentSources: z.number(),
      signedOffBy: z.string(),
    }),
    z.object({
      established: z.literal(false),
      independentSources: z.number(),
      missing: z.array(z.string()),
    }),
  ]),
});
export type Claim = z.infer<typeof claimSchema>;

export const countrySignalSchema = z.object({
  type: z.enum([
    "phone",
    "ip",
    "email_domain",
    "url_domain",
    "stated_place",
    "activity_hours",
    "language",
  ]),
  country: z.string(),
  weight: z.number(),
  reason: z.string(),
  observationId: z.string().nullable(),
});

export const countryAttributionSchema = z.object({
  candidates: z.array(
    z.object({ country: z.string(), score: z.number(), signals: z.array(countrySignalSchema) }),
  ),
  conflict: z.boolean(),
  ipDatabaseDate: z.string(),
  activity: z
    .object({ offset: z.number(), quietShare: z.number(), messages: z.number() })
    .nullable(),
});
export type CountryAttributionView = z.infer<typeof countryAttributionSchema>;

export const mergeSuggestionSchema = z.object({
  subjectId: z.string(),
  label: z.string(),
  shared: z.array(z.object({ kind: identifierKindSchema, normalized: z.string() })),
});

export const subjectDetailSchema = z.object({
  subject: subjectSummarySchema.extend({ mergedInto: z.string().nullable() }),
  members: z.array(z.object({ id: z.string(), label: z.string() })),
  observations: z.array(observationSchema),
  findings: z.array(findingSchema),
  claims: z.array(claimSchema),
  conversations: z.array(
    z.object({
      id: z.string(),
      counterpartHandle: z.string(),
      stage: z.string(),
      createdAt: z.string(),
      lastMessageAt: z.string().nullable(),
    }),
  ),
  captures: z.array(
    z.object({
      id: z.string(),
      conversationId: z.string(),
      sha256: z.string(),
      mediaType: z.string(),
      createdAt: z.string(),
    }),
  ),
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string() })),
  mergeSuggestions: z.array(mergeSuggestionSchema),
  country: countryAttributionSchema,
  /** Analysts' opinions whether two pictures show one person (never face recognition, S3). */
  comparisons: z.array(imageComparisonSchema),
});
export type SubjectDetail = z.infer<typeof subjectDetailSchema>;

export const subjectGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["subject", "identifier", "conversation"]),
      label: z.string(),
    }),
  ),
  edges: z.array(
    z.object({ id: z.string(), source: z.string(), target: z.string(), label: z.string() }),
  ),
});
export type SubjectGraph = z.infer<typeof subjectGraphSchema>;

export const deconflictionNoticeSchema = z.object({
  id: z.string(),
  /** This operation's own subject. */
  subjectId: z.string(),
  subjectLabel: z.string(),
  /** The kind of identifier both operations hold (never the other side's value). */
  kind: identifierKindSchema,
  /** Whom to call in the other operation: its supervisors' names and usernames, nothing else. */
  contacts: z.array(z.object({ displayName: z.string(), username: z.string() })),
  createdAt: z.string(),
});
export type DeconflictionNotice = z.infer<typeof deconflictionNoticeSchema>;

export const claimCitationInputSchema = z
  .object({ findingId: z.uuid().optional(), observationId: z.uuid().optional() })
  .refine((c) => Boolean(c.findingId) !== Boolean(c.observationId), {
    message: "Cite one finding or one observation.",
  });

export const createClaimBodySchema = z.object({
  predicate: claimPredicateSchema,
  value: z.string().trim().min(1).max(500),
  reliability: reliabilitySchema,
  credibility: credibilitySchema,
  gradingReason: z.string().trim().min(1).max(2000),
  citations: z.array(claimCitationInputSchema).max(50).default([]),
});

export const findingFieldsSchema = z.object({
  title: z.string().trim().min(1).max(300),
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || /^https?:\/\//iu.test(v), "Give an http or https address.")
    .optional(),
  seenAt: z.iso.datetime({ offset: true }),
  note: z.string().max(5000).default(""),
  derivedFrom: z.uuid().optional(),
  identifierKind: identifierKindSchema.optional(),
  identifierValue: z.string().trim().max(500).optional(),
  identifierPlatform: z.string().trim().max(100).optional(),
});

import { z } from "zod";

// Image comparison (issue 11, build 7): two pictures of one subject side by side, both blurred
// until the analyst reveals each (S8), and the analyst's opinion whether they show one person.
// The platform never recognises faces (S3): the opinion is the analyst's, with their reason.

export const COMPARISON_OPINIONS = ["same_person", "different_people", "cannot_tell"] as const;
export const comparisonOpinionSchema = z.enum(COMPARISON_OPINIONS);
export type ComparisonOpinion = z.infer<typeof comparisonOpinionSchema>;

/** The choices, as the analyst picks them. */
export const OPINION_LABELS: Record<ComparisonOpinion, string> = {
  same_person: "Same person",
  different_people: "Different people",
  cannot_tell: "Cannot tell",
};

/**
 * The opinion as a sentence about the two pictures, as the console and reports show it; with
 * `who`, said as that person's opinion.
 */
export function opinionSentence(
  left: string,
  right: string,
  opinion: ComparisonOpinion,
  who?: string,
): string {
  const pair = `${left} and ${right}`;
  if (opinion === "cannot_tell")
    return `${who ?? "The analyst"} cannot tell whether ${pair} show the same person`;
  const finding = opinion === "same_person" ? "the same person" : "different people";
  return who ? `In ${who}’s opinion, ${pair} show ${finding}` : `${pair} show ${finding}`;
}

/** One picture: a webcam capture of the subject's conversations, or a finding's image. */
export const comparisonImageRefSchema = z.object({
  kind: z.enum(["capture", "finding"]),
  id: z.uuid(),
});
export type ComparisonImageRef = z.infer<typeof comparisonImageRefSchema>;

export const comparisonSideSchema = comparisonImageRefSchema.extend({
  sha256: z.string(),
  mediaType: z.string(),
  /** What the picture is, in words (the finding's title, or the capture and when it was taken). */
  label: z.string(),
  createdAt: z.string(),
  /** You revealed it within the reveal window and are within budget: its bytes are yours to load. */
  revealed: z.boolean(),
});
export type ComparisonSide = z.infer<typeof comparisonSideSchema>;

/** Today's exposure (S8), with how many reveals are left (null: no budget set). */
export const comparisonExposureSchema = z.object({
  used: z.number(),
  budget: z.number().nullable(),
  allowance: z.number().nullable(),
  level: z.enum(["unbudgeted", "ok", "warning", "exceeded"]),
  mayReveal: z.boolean(),
  remaining: z.number().nullable(),
});
export type ComparisonExposure = z.infer<typeof comparisonExposureSchema>;

const differentPictures = {
  message: "Choose two different pictures",
  path: ["right"],
};

export const openComparisonBodySchema = z
  .object({ left: comparisonImageRefSchema, right: comparisonImageRefSchema })
  .refine((body) => body.left.id !== body.right.id, differentPictures);

export const comparisonSchema = z.object({
  left: comparisonSideSchema,
  right: comparisonSideSchema,
  exposure: comparisonExposureSchema,
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const revealComparisonSideBodySchema = comparisonImageRefSchema;

export const recordComparisonBodySchema = z
  .object({
    left: comparisonImageRefSchema,
    right: comparisonImageRefSchema,
    opinion: comparisonOpinionSchema,
    reason: z
      .string()
      .trim()
      .min(1, "Say briefly why you hold this opinion")
      .max(1000, "Keep the reason under 1000 characters"),
  })
  .refine((body) => body.left.id !== body.right.id, differentPictures);
export type RecordComparisonBody = z.infer<typeof recordComparisonBodySchema>;

/** A recorded opinion, as the subject page lists it. */
export const imageComparisonSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  left: comparisonImageRefSchema.extend({ sha256: z.string(), label: z.string() }),
  right: comparisonImageRefSchema.extend({ sha256: z.string(), label: z.string() }),
  opinion: comparisonOpinionSchema,
  reason: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  createdAt: z.string(),
  /** Set once the opinion was retracted: a later ledger entry; the opinion itself stays. */
  retraction: z
    .object({
      reason: z.string(),
      retractedBy: z.string(),
      retractedByName: z.string(),
      retractedAt: z.string(),
    })
    .nullable(),
});
export type ImageComparison = z.infer<typeof imageComparisonSchema>;

import {
  comparisonExposureSchema,
  comparisonSchema,
  comparisonSideSchema,
  type ComparisonImageRef,
  type ComparisonOpinion,
} from "@sweetie/core/api/comparisonSchemas";
import { z } from "zod";
import { requestJson } from "./client";

export type {
  Comparison,
  ComparisonExposure,
  ComparisonImageRef,
  ComparisonOpinion,
  ComparisonSide,
  ImageComparison,
} from "@sweetie/core/api/comparisonSchemas";

const base = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;
const subjectPath = (operationId: string, subjectId: string) =>
  `${base(operationId)}/subjects/${encodeURIComponent(subjectId)}`;

/** Opens two pictures of the subject side by side: both blurred until revealed (audited). */
export const openComparison = (
  operationId: string,
  subjectId: string,
  pictures: { left: ComparisonImageRef; right: ComparisonImageRef },
) =>
  requestJson(`${subjectPath(operationId, subjectId)}/comparison`, comparisonSchema, {
    method: "POST",
    body: pictures,
  });

/** Reveals one side: audited and counted against today's exposure budget (S8). */
export const revealComparisonSide = (
  operationId: string,
  subjectId: string,
  picture: ComparisonImageRef,
) =>
  requestJson(
    `${subjectPath(operationId, subjectId)}/comparison/reveals`,
    z.object({ side: comparisonSideSchema, exposure: comparisonExposureSchema }),
    { method: "POST", body: picture },
  );

export const recordComparison = (
  operationId: string,
  subjectId: string,
  input: {
    left: ComparisonImageRef;
    right: ComparisonImageRef;
    opinion: ComparisonOpinion;
    reason: string;
  },
) =>
  requestJson(
    `${subjectPath(operationId, subjectId)}/image-comparisons`,
    z.object({ id: z.string() }),
    { method: "POST", body: input },
  );

/** Where a revealed picture's bytes are served (the server refuses them until revealed). */
export const comparisonImageUrl = (operationId: string, picture: ComparisonImageRef) =>
  picture.kind === "capture"
    ? `${base(operationId)}/captures/${encodeURIComponent(picture.id)}/content`
    : `${base(operationId)}/findings/${encodeURIComponent(picture.id)}/image`;

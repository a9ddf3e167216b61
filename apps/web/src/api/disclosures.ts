import {
  disclosureAnswerSchema,
  disclosureListSchema,
  type Disclosure,
} from "@sweetie/core/api/disclosureSchemas";
import { requestJson } from "./client";

export type { Disclosure } from "@sweetie/core/api/disclosureSchemas";

const base = (operationId: string) =>
  `/api/operations/${encodeURIComponent(operationId)}/disclosures`;

/** Starts building a disclosure package of a conversation or a subject. */
export async function startDisclosure(
  operationId: string,
  scope: "conversation" | "subject",
  targetId: string,
): Promise<Disclosure> {
  const answer = await requestJson(base(operationId), disclosureAnswerSchema, {
    method: "POST",
    body: { scope, targetId },
  });
  return answer.disclosure;
}

/** The exports of one conversation or subject, newest first. */
export async function fetchDisclosures(operationId: string, targetId: string) {
  const answer = await requestJson(
    `${base(operationId)}?targetId=${encodeURIComponent(targetId)}`,
    disclosureListSchema,
  );
  return answer.disclosures;
}

/** Where the built package is downloaded from (a plain link: the browser saves the ZIP). */
export function disclosurePackageUrl(operationId: string, disclosureId: string): string {
  return `${base(operationId)}/${encodeURIComponent(disclosureId)}/package`;
}

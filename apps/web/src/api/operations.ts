import { requestEmpty, requestJson } from "./client";
import {
  memberAddedSchema,
  operationDetailSchema,
  operationListSchema,
  operationUpdatedSchema,
  type Operation,
  type OperationDetail,
  type OperationSummary,
  type Role,
  type TeamMember,
} from "./schemas";

function operationPath(operationId: string): string {
  return `/api/operations/${encodeURIComponent(operationId)}`;
}

export async function fetchOperations(): Promise<OperationSummary[]> {
  const answer = await requestJson("/api/operations", operationListSchema);
  return answer.operations;
}

export async function fetchOperation(operationId: string): Promise<OperationDetail> {
  return requestJson(operationPath(operationId), operationDetailSchema);
}

export interface AddMemberInput {
  username: string;
  role: Role;
}

export async function addMember(operationId: string, input: AddMemberInput): Promise<TeamMember> {
  const answer = await requestJson(`${operationPath(operationId)}/members`, memberAddedSchema, {
    method: "POST",
    body: input,
  });
  return answer.member;
}

export async function removeMember(operationId: string, userId: string): Promise<void> {
  await requestEmpty(`${operationPath(operationId)}/members/${encodeURIComponent(userId)}`, {
    method: "DELETE",
  });
}

export async function setRequireTotp(
  operationId: string,
  requireTotp: boolean,
): Promise<Operation> {
  const answer = await requestJson(
    `${operationPath(operationId)}/security`,
    operationUpdatedSchema,
    {
      method: "PATCH",
      body: { requireTotp },
    },
  );
  return answer.operation;
}

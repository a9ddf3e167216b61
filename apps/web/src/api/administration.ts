import {
  adminUserSchema,
  personaSchema,
  type AdminUser,
  type Persona,
} from "@sweetie/core/api/administrationSchemas";
import { z } from "zod";
import { requestJson } from "./client";
import { operationSchema, type Operation, type OperationMode } from "./schemas";

export type { AdminUser, Persona };

const userAnswer = z.object({ user: adminUserSchema });
const userWithPassword = z.object({ user: adminUserSchema, oneTimePassword: z.string() });
const personaAnswer = z.object({ persona: personaSchema });
const operationAnswer = z.object({ operation: operationSchema });

const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;
const operationPath = (operationId: string) => `/api/operations/${encodeURIComponent(operationId)}`;

export async function fetchUsers(): Promise<AdminUser[]> {
  return (await requestJson("/api/users", z.object({ users: z.array(adminUserSchema) }))).users;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  isAdmin: boolean;
}

export const createUser = (input: NewUserInput) =>
  requestJson("/api/users", userWithPassword, { method: "POST", body: input });

export const setUserActive = (userId: string, active: boolean) =>
  requestJson(`${userPath(userId)}/active`, userAnswer, { method: "PATCH", body: { active } });

export const resetUserPassword = (userId: string) =>
  requestJson(`${userPath(userId)}/password-reset`, userWithPassword, { method: "POST" });

export const setSecondFactorRequired = (userId: string, required: boolean) =>
  requestJson(`${userPath(userId)}/second-factor`, userAnswer, {
    method: "PATCH",
    body: { required },
  });

export async function fetchPersonas(operationId: string): Promise<Persona[]> {
  const answer = await requestJson(
    `${operationPath(operationId)}/personas`,
    z.object({ personas: z.array(personaSchema) }),
  );
  return answer.personas;
}

export interface PersonaInput {
  name: string;
  age: number;
  gender: string;
  location: string;
  displayNames: string[];
}

export const createPersona = (operationId: string, input: PersonaInput) =>
  requestJson(`${operationPath(operationId)}/personas`, personaAnswer, {
    method: "POST",
    body: input,
  });

export const updatePersona = (operationId: string, personaId: string, input: PersonaInput) =>
  requestJson(
    `${operationPath(operationId)}/personas/${encodeURIComponent(personaId)}`,
    personaAnswer,
    { method: "PUT", body: input },
  );

export interface NewOperationInput {
  name: string;
  mode: OperationMode;
  authorization: {
    issuingAuthority: string;
    reference: string;
    partnerUnit: string;
    permittedVenues: string[];
    personaAge: number;
    startsAt: string;
    endsAt: string;
  };
  retentionDays: number;
  requireTotp: boolean;
  persona: Omit<PersonaInput, "age">;
}

export async function createOperation(input: NewOperationInput): Promise<Operation> {
  return (await requestJson("/api/operations", operationAnswer, { method: "POST", body: input }))
    .operation;
}

export async function closeOperation(operationId: string, reason: string): Promise<Operation> {
  return (
    await requestJson(`${operationPath(operationId)}/close`, operationAnswer, {
      method: "POST",
      body: { reason },
    })
  ).operation;
}

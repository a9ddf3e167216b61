import { roleSchema } from "@sweetie/core/api/foundationSchemas";
import { z } from "zod";

export {
  operationSchema,
  operationSummarySchema,
  roleSchema,
  teamMemberSchema,
} from "@sweetie/core/api/foundationSchemas";

export const operationIdParams = z.strictObject({
  operationId: z.uuid().describe("Operation id"),
});

export const authorizationSchema = z.strictObject({
  issuingAuthority: z.string().trim().min(2).max(200).describe("Who authorized the operation"),
  reference: z.string().trim().min(1).max(200).describe("Warrant, mandate or order number"),
  partnerUnit: z.string().trim().min(2).max(200).describe("Partner police unit"),
  permittedVenues: z
    .array(z.string().trim().min(3).max(500))
    .max(200)
    .describe(
      "Venue addresses the authorization covers, e.g. training://lobby or irc://host/#room",
    ),
  personaAge: z.number().int().min(1).max(17).describe("The persona's declared age"),
  startsAt: z.iso.datetime({ offset: true }).describe("Start of the authorized window"),
  endsAt: z.iso.datetime({ offset: true }).describe("End of the authorized window"),
});

export const createOperationBody = z
  .strictObject({
    name: z.string().trim().min(2).max(200),
    mode: z.enum(["identify", "deter"]),
    authorization: authorizationSchema,
    retentionDays: z.number().int().min(1).max(3650).optional(),
    requireTotp: z.boolean().optional(),
    /** The operation's first persona; its age is the authorization's persona age. */
    persona: z
      .strictObject({
        name: z.string().trim().min(1, "Enter the persona's name.").max(100),
        gender: z.string().trim().min(1, "Enter the persona's gender.").max(40),
        location: z
          .string()
          .trim()
          .min(2, "Enter where the persona lives, such as Cebu, Philippines.")
          .max(200),
        displayNames: z
          .array(z.string().trim().min(1).max(64))
          .min(1, "Enter at least one display name the persona uses in venues.")
          .max(20),
      })
      .optional(),
  })
  .refine(
    (body) => Date.parse(body.authorization.endsAt) > Date.parse(body.authorization.startsAt),
    {
      message: "The window must end after it starts.",
      path: ["authorization", "endsAt"],
    },
  );
export type CreateOperationInput = z.infer<typeof createOperationBody>;

export const addMemberBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  role: roleSchema,
});

export const memberParams = operationIdParams.extend({ userId: z.uuid() });

export const securityBody = z.strictObject({ requireTotp: z.boolean() });

export const personaParams = operationIdParams.extend({ personaId: z.uuid() });

/** A persona: a declared child identity of the operation (its age is the authorization's). */
export const personaBody = z.strictObject({
  name: z.string().trim().min(1, "Enter the persona's name.").max(100),
  age: z.number().int().min(1).max(17).describe("Must be the age the authorization names"),
  gender: z.string().trim().min(1, "Enter the persona's gender.").max(40),
  location: z
    .string()
    .trim()
    .min(2, "Enter where the persona lives, such as Cebu, Philippines.")
    .max(200),
  displayNames: z
    .array(z.string().trim().min(1).max(64))
    .min(1, "Enter at least one display name the persona uses in venues.")
    .max(20),
});

export const closeBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(3, "Say why the operation is closed (for example: authorization ended).")
    .max(1000),
});

import { MOVE_LANGUAGES } from "@sweetie/core/moves/index";
import { z } from "zod";

export const operationParams = z.object({ operationId: z.uuid() });
export const conversationParams = z.object({ operationId: z.uuid(), conversationId: z.uuid() });

export {
  conversationSchema,
  indicatorSchema,
  messageSchema,
  safeMoveSchema,
} from "@sweetie/core/api/consoleSchemas";

export const languageSchema = z.enum(MOVE_LANGUAGES as [string, ...string[]]);

export const presenceBody = z.object({
  venueAddress: z
    .string()
    .trim()
    .min(1, "Enter the venue's address, such as training://lobby.")
    .max(500),
  displayName: z.string().trim().min(1, "Enter the name the persona shows in the venue.").max(64),
});

// Typed text or a library move, never both (S2). One object rather than a union, so a problem
// with the text is reported on the text field itself.
export const sendBody = z
  .object({
    text: z.string().trim().min(1, "Type a message first.").max(2000).optional(),
    moveId: z.string().min(1).max(64).optional(),
    // Without a language, the move goes out in the one chosen for the conversation.
    language: languageSchema.optional(),
    // The operator read the persona-consistency warning and sends the text as typed (S2).
    confirmInconsistency: z.boolean().optional(),
  })
  .strict()
  .refine((body) => (body.text === undefined) !== (body.moveId === undefined), {
    message: "Send either typed text or a safe move.",
  })
  .refine((body) => body.text === undefined || body.language === undefined, {
    message: "A language goes with a safe move, not with typed text.",
    path: ["language"],
  });

export const breakOffBody = z.object({ language: languageSchema.optional() }).strict();

export const languageBody = z.object({ language: languageSchema }).strict();

export const spawnBody = z.object({
  venueAddress: z.string().min(1, "Enter the training room's address.").max(500),
  behaviourId: z.string().regex(/^[a-z0-9_]+$/, "Choose a behaviour from the list."),
});

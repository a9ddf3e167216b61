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

export const sendBody = z.union([
  z.object({ text: z.string().trim().min(1, "Type a message first.").max(2000) }).strict(),
  // Without a language, the move goes out in the one chosen for the conversation.
  z.object({ moveId: z.string().min(1).max(64), language: languageSchema.optional() }).strict(),
]);

export const breakOffBody = z.object({ language: languageSchema.optional() }).strict();

export const languageBody = z.object({ language: languageSchema }).strict();

export const spawnBody = z.object({
  venueAddress: z.string().min(1, "Enter the training room's address.").max(500),
  behaviourId: z.string().regex(/^[a-z0-9_]+$/, "Choose a behaviour from the list."),
});

import type { Conversation } from "../../api/console";

/** Open and not broken off: the operator's working list. Closed and decided ones are archived. */
export function isWorking(conversation: Conversation): boolean {
  return conversation.status === "open" && !conversation.brokenOff;
}

/** The working conversation with unread messages that comes first (the list is most urgent first). */
export function nextNeedingAttention(
  conversations: readonly Conversation[],
): Conversation | undefined {
  return conversations.find(
    (conversation) => isWorking(conversation) && conversation.unreadCount > 0,
  );
}

export function stageLabel(conversation: Conversation): string {
  const stage = conversation.stage.replaceAll("_", " ");
  return conversation.brokenOff ? `${stage} · broken off` : stage;
}

/** The review outcome in words, or null while undecided. */
export function decisionLabel(conversation: Conversation): string | null {
  if (conversation.status === "confirmed") return "confirmed";
  if (conversation.status === "rejected") return "rejected";
  return null;
}

export function formatIdle(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });

/** A transcript timestamp: the time, with the day when it is not today. */
export function formatTranscriptTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const time = timeFormat.format(date);
  return date.toDateString() === now.toDateString() ? time : `${dayFormat.format(date)} ${time}`;
}

export const LANGUAGE_LABELS: Record<string, string> = { en: "English", taglish: "Taglish" };

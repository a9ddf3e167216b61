/** What the console knows about a conversation when ordering the list. */
export interface AttentionInput {
  status: string;
  proposed: boolean;
  brokenOff: boolean;
  flags: readonly string[];
  unreadCount: number;
  /** When the counterpart last wrote (ms since epoch), if ever. */
  lastInAt: number | null;
  /** When anyone last wrote (ms since epoch). */
  lastMessageAt: number | null;
}

/**
 * How urgently a conversation needs the operator: a counterpart waiting for an answer comes
 * first (the longer the wait, the higher), then S6 flags to look at, then open contacts; finished
 * ones sink. Higher means more urgent.
 */
export function attentionScore(conversation: AttentionInput, now: number): number {
  if (conversation.status !== "open") return 0;
  if (conversation.brokenOff) return conversation.proposed ? 2 : 1;
  const waitingSeconds =
    conversation.unreadCount > 0 && conversation.lastInAt !== null
      ? Math.max(0, (now - conversation.lastInAt) / 1000)
      : 0;
  let score = 10;
  if (conversation.unreadCount > 0) score += 1_000 + Math.min(waitingSeconds, 600);
  if (conversation.flags.length > 0) score += 500;
  return score;
}

/** Orders conversations most urgent first; ties by most recent activity. */
export function sortByAttention<T extends AttentionInput>(
  conversations: readonly T[],
  now: number,
): T[] {
  return [...conversations].sort(
    (a, b) =>
      attentionScore(b, now) - attentionScore(a, now) ||
      (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0),
  );
}

/** Seconds since the last message, for the idle-time column. */
export function idleSeconds(conversation: AttentionInput, now: number): number {
  return conversation.lastMessageAt === null
    ? 0
    : Math.max(0, Math.floor((now - conversation.lastMessageAt) / 1000));
}

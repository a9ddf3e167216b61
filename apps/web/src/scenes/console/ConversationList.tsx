import { useState } from "react";
import type { Conversation } from "../../api/console";
import { Badge } from "../../components/Badge";
import { decisionLabel, formatIdle, isWorking, stageLabel } from "./consoleFormat";
import { ChatText } from "../../components/ChatText";

interface ConversationListProps {
  conversations: readonly Conversation[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * The working list (open conversations, most urgent first) and the archive (broken off, closed,
 * confirmed or rejected): decided conversations leave the working list but are never lost.
 */
export function ConversationList({ conversations, selectedId, onSelect }: ConversationListProps) {
  const [view, setView] = useState<"working" | "archive">("working");
  const working = conversations.filter(isWorking);
  const archived = conversations.filter((conversation) => !isWorking(conversation));
  const shown = view === "working" ? working : archived;
  return (
    <nav className="conversation-list" aria-label="Conversations">
      <div className="list-tabs" role="group" aria-label="Which conversations">
        <button
          type="button"
          className="button button-quiet"
          aria-pressed={view === "working"}
          onClick={() => setView("working")}
        >
          Working ({working.length})
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-pressed={view === "archive"}
          onClick={() => setView("archive")}
        >
          Archive ({archived.length})
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="muted">
          {view === "working"
            ? conversations.length === 0
              ? "No conversations yet. The persona never starts one."
              : "No open conversations. Closed and decided ones are in the archive."
            : "Nothing archived yet."}
        </p>
      ) : null}
      <ul className="plain-list">
        {shown.map((conversation) => (
          <li key={conversation.id}>
            <button
              type="button"
              className={`conversation-item${conversation.id === selectedId ? " is-selected" : ""}`}
              aria-current={conversation.id === selectedId ? "true" : undefined}
              onClick={() => onSelect(conversation.id)}
            >
              <ChatText className="conversation-handle" text={conversation.counterpartHandle} />
              <span className="badges">
                <Badge tone={isWorking(conversation) ? "active" : "closed"}>
                  {stageLabel(conversation)}
                </Badge>
                {conversation.unreadCount > 0 ? (
                  <span className="unread">{conversation.unreadCount} unread</span>
                ) : null}
                {conversation.flags.map((flag) => (
                  <span key={flag} className="flag">
                    {flag.replaceAll("_", " ")}
                  </span>
                ))}
                {decisionLabel(conversation) ? (
                  <span className={`decided decided-${conversation.status}`}>
                    {decisionLabel(conversation)}
                    {conversation.decision ? ` by ${conversation.decision.reviewerName}` : ""}
                  </span>
                ) : conversation.proposed ? (
                  <span className="proposed">proposed</span>
                ) : null}
              </span>
              <span className="muted idle">idle {formatIdle(conversation.idleSeconds)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

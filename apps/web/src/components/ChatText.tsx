import { directionRuns } from "../directionControls";

/** Chat text with every direction control shown as a small marked name (see ChatText). */
export function ChatRuns({ text }: { text: string }) {
  return (
    <>
      {directionRuns(text).map((run, index) =>
        run.control ? (
          <abbr
            key={index}
            className="direction-control"
            title={`Hidden character that changes the direction of text (${run.control}). It is kept in the evidence as sent.`}
          >
            {run.control}
          </abbr>
        ) : (
          run.text
        ),
      )}
    </>
  );
}

/**
 * Text that came from a chat network (a message, a nick, a room name), shown as text (never
 * HTML, S7), isolated so its direction cannot spill onto the page around it, with every
 * direction control shown by name instead of silently reordering what follows.
 */
export function ChatText({ text, className }: { text: string; className?: string }) {
  return (
    <bdi className={className}>
      <ChatRuns text={text} />
    </bdi>
  );
}

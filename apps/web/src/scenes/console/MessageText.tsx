import { useState } from "react";
import type { Message } from "../../api/console";
import { indicatorLabel, indicatorSolicits } from "./IndicatorLegend";
import { ChatRuns } from "../../components/ChatText";

interface Segment {
  text: string;
  indicator: string | null;
  masked: boolean;
}

/** Splits a body into plain, indicator-highlighted and masked segments (spans may overlap). */
export function segmentsOf(message: Message): Segment[] {
  const cuts = new Set<number>([0, message.body.length]);
  for (const span of [...message.indicators, ...message.maskedSpans]) {
    cuts.add(Math.max(0, Math.min(message.body.length, span.start)));
    cuts.add(Math.max(0, Math.min(message.body.length, span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index < points.length - 1; index += 1) {
    const start = points[index]!;
    const end = points[index + 1]!;
    if (end <= start) continue;
    const indicator = message.indicators.find((span) => span.start <= start && span.end >= end);
    const masked = message.maskedSpans.some((span) => span.start <= start && span.end >= end);
    segments.push({
      text: message.body.slice(start, end),
      indicator: indicator?.type ?? null,
      masked,
    });
  }
  return segments;
}

/**
 * A message body as text (never HTML, S7), with indicators highlighted. Explicit terms come from
 * the server already masked (one ■ per character, S8) until the operator reveals the message;
 * the reveal is the server's to grant, so the words appear only when the server sends them.
 */
export function MessageText({
  message,
  onReveal,
}: {
  message: Message;
  onReveal: () => Promise<boolean>;
}) {
  const [pending, setPending] = useState(false);
  const segments = segmentsOf(message);
  return (
    <bdi className="message-body">
      {segments.map((segment, index) => {
        const className = segment.masked && message.masked ? "masked-term" : undefined;
        if (segment.indicator) {
          return (
            <mark
              key={index}
              className={`indicator${indicatorSolicits(segment.indicator) ? " indicator-solicits" : ""}${className ? ` ${className}` : ""}`}
              title={indicatorLabel(segment.indicator)}
            >
              <ChatRuns text={segment.text} />
            </mark>
          );
        }
        return (
          <span key={index} className={className}>
            <ChatRuns text={segment.text} />
          </span>
        );
      })}
      {message.masked ? (
        <button
          type="button"
          className="button button-quiet reveal-button"
          disabled={pending}
          onClick={() => {
            setPending(true);
            void onReveal().finally(() => setPending(false));
          }}
        >
          Reveal masked words
        </button>
      ) : null}
    </bdi>
  );
}

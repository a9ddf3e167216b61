import { useState } from "react";
import type { Message } from "../../api/console";
import { indicatorLabel, indicatorSolicits } from "./IndicatorLegend";

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
 * A message body as text (never HTML, S7), with indicators highlighted and explicit terms masked
 * until the operator chooses to reveal them (S8).
 */
export function MessageText({
  message,
  onReveal,
}: {
  message: Message;
  onReveal: () => Promise<boolean>;
}) {
  const [revealed, setRevealed] = useState(false);
  const segments = segmentsOf(message);
  const hasMasked = segments.some((segment) => segment.masked);
  return (
    <span className="message-body">
      {segments.map((segment, index) => {
        const text =
          segment.masked && !revealed ? "■".repeat(Math.min(8, segment.text.length)) : segment.text;
        if (segment.indicator) {
          return (
            <mark
              key={index}
              className={`indicator${indicatorSolicits(segment.indicator) ? " indicator-solicits" : ""}`}
              title={indicatorLabel(segment.indicator)}
            >
              {text}
            </mark>
          );
        }
        return <span key={index}>{text}</span>;
      })}
      {hasMasked && !revealed ? (
        <button
          type="button"
          className="button button-quiet reveal-button"
          onClick={() => void onReveal().then((allowed) => setRevealed(allowed))}
        >
          Reveal masked words
        </button>
      ) : null}
    </span>
  );
}

import { INDICATOR_LEGEND } from "@sweetie/core/detect/indicatorLegend";
import type { IndicatorType } from "@sweetie/core/detect/types";
import type { Message } from "../../api/console";

function isIndicatorType(type: string): type is IndicatorType {
  return Object.hasOwn(INDICATOR_LEGEND, type);
}

/** The label a highlight shows on hover and to screen readers. */
export function indicatorLabel(type: string): string {
  return isIndicatorType(type) ? INDICATOR_LEGEND[type].label : type;
}

/** Whether an indicator moves the conversation to "solicited" (drawn stronger than triage-only). */
export function indicatorSolicits(type: string): boolean {
  return isIndicatorType(type) && INDICATOR_LEGEND[type].solicits;
}

/** What the highlights of this transcript mean: only the kinds that occur in it. */
export function IndicatorLegend({ messages }: { messages: readonly Message[] }) {
  const present = [
    ...new Set(messages.flatMap((message) => message.indicators.map((span) => span.type))),
  ].filter(isIndicatorType);
  if (present.length === 0) return null;
  return (
    <details className="indicator-legend">
      <summary>What the highlights mean</summary>
      <dl>
        {present.map((type) => (
          <div key={type} className="indicator-legend-row">
            <dt>
              <mark className={`indicator${indicatorSolicits(type) ? " indicator-solicits" : ""}`}>
                {INDICATOR_LEGEND[type].label}
              </mark>
            </dt>
            <dd>{INDICATOR_LEGEND[type].meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

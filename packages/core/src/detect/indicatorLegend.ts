/**
 * What each indicator means, in the words the console shows next to a highlight (S1: names the
 * behaviour, never describes it). `solicits` marks the indicators that move a conversation to
 * `solicited` (see protocol/assessment.ts); `sexual.talk` is shown for triage and does not.
 */
import type { IndicatorType } from "./types";

export interface IndicatorMeaning {
  label: string;
  meaning: string;
  solicits: boolean;
}

const m = (label: string, meaning: string, solicits = false): IndicatorMeaning => ({
  label,
  meaning,
  solicits,
});

export const INDICATOR_LEGEND: Readonly<Record<IndicatorType, IndicatorMeaning>> = {
  "age.query": m("Asks her age", "Asks the persona's age, grade or school."),
  "age.acknowledged": m(
    "Knows she is a child",
    "Shows he knows the persona's age or that she is a child.",
  ),
  isolation: m(
    "Asks if she is alone",
    "Asks whether she is alone, watched, or when her family is away.",
  ),
  "solicit.webcam": m("Asks for camera", "Asks her onto a webcam or a video call.", true),
  "solicit.sexual": m(
    "Sexual request",
    "Asks for, demands or offers undressing or a sexual act, addressed to her.",
    true,
  ),
  "solicit.image": m("Asks for pictures", "Asks her for photos or pictures of herself.", true),
  "sexual.talk": m(
    "Sexual talk (triage)",
    "Sexual language directed at her that asks for nothing. Shown for triage; it does not move the stage.",
  ),
  "payment.offer": m("Money or gifts", "Offers or discusses money, load or gifts."),
  "contact.move_platform": m("Moves elsewhere", "Asks to move to another app, to phone or SMS."),
  secrecy: m("Asks for secrecy", "Asks her to keep the contact secret or to delete it."),
  "meet.offline": m("Proposes meeting", "Proposes meeting in person."),
  "id.email": m("Email", "An email address he gave."),
  "id.phone": m("Phone", "A phone number he gave."),
  "id.handle": m("Handle", "An account name he gave on another platform."),
  "id.url": m("Link", "A web address he gave."),
  "id.name": m("Name", "A name he gave for himself."),
  "id.location": m("Place", "A place he said he is in or from."),
  "id.age_self": m("His age", "The age he gave for himself."),
  "id.occupation": m("Occupation", "The work he said he does."),
  "persona.age_statement": m("Age stated", "The persona stated her age."),
  "persona.break_off": m("Break-off", "The persona broke off the contact."),
  "persona.sexual_topic": m(
    "Persona raised it",
    "The persona raised sexual content or a webcam show (checked by the S6 safeguard).",
  ),
};

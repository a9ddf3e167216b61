/**
 * The counterpart-side recognizers, one file per indicator type, in the order the detector runs
 * them. Sexual solicitation and sexual talk are under ../../lexicon (they list explicit words).
 */
import { SEXUAL_TALK, SOLICIT_SEXUAL } from "../../lexicon/sexualRecognizers";
import type { PatternRule } from "../ruleTypes";
import { AGE_ACKNOWLEDGED } from "./ageAcknowledged";
import { AGE_QUERY } from "./ageQuery";
import { ISOLATION } from "./isolation";
import { MEET_OFFLINE } from "./meetOffline";
import { MOVE_PLATFORM } from "./movePlatform";
import { PAYMENT_OFFER } from "./paymentOffer";
import { SECRECY } from "./secrecy";
import { SOLICIT_IMAGE } from "./solicitImage";
import { SOLICIT_WEBCAM } from "./solicitWebcam";

export { ACCEPTING_LEAD, ACCEPTING_REPLY } from "./acceptance";

export const COUNTERPART_RULES: readonly PatternRule[] = [
  ...AGE_QUERY,
  ...AGE_ACKNOWLEDGED,
  ...ISOLATION,
  ...SECRECY,
  ...MEET_OFFLINE,
  ...PAYMENT_OFFER,
  ...SOLICIT_WEBCAM,
  ...SOLICIT_IMAGE,
  ...SOLICIT_SEXUAL,
  ...SEXUAL_TALK,
  ...MOVE_PLATFORM,
];

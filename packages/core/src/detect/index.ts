export { detect, type DetectOptions } from "./detect";
export { advanceContext, contextFor, startContext, type ConversationContext } from "./context";
export { normalize, originalSpan, type Normalized } from "./normalize";
export { findExplicitTerms } from "./lexicon/explicitTerms";
export { isPhoneRegion } from "./identifiers/contactIdentifiers";
export { isAffirmative } from "./affirmative";
export {
  buildPlaceIndex,
  loadPlaceIndex,
  loadedPlaceIndex,
  placeKey,
  type Place,
  type PlaceIndex,
} from "./places/gazetteer";
export { countryMentioned } from "./places/countryMentioned";
export {
  COUNTERPART_INDICATORS,
  INDICATOR_TYPES,
  PERSONA_INDICATORS,
  type DetectContext,
  type Direction,
  type Indicator,
  type IndicatorType,
} from "./types";

/** The country of the first place named anywhere in a text (used to pick the phone region). */
import { firstCountryIn } from "../identifiers/selfDisclosures";
import { normalizeInto } from "../normalize";
import { loadedPlaceIndex, type PlaceIndex } from "./gazetteer";

export function countryMentioned(
  text: string,
  index: PlaceIndex | undefined = loadedPlaceIndex(),
): string | undefined {
  if (index === undefined || text.length > 2000) return undefined;
  return firstCountryIn(normalizeInto(text).text, index);
}

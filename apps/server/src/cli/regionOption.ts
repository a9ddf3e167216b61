/** The `--region` option of `detect` and `assess`: an ISO country code, checked when parsed. */
import { InvalidArgumentError } from "commander";
import { isPhoneRegion } from "@sweetie/core";

export const REGION_DESCRIPTION =
  "ISO country code for national phone numbers when the conversation names none";

export function parseRegion(value: string): string {
  const code = value.trim().toUpperCase();
  if (!isPhoneRegion(code))
    throw new InvalidArgumentError(
      `"${value}" is not a two-letter ISO country code whose phone numbers can be read (for example PH, GB or US).`,
    );
  return code;
}

import type { core } from "zod";

type RawIssue = core.$ZodRawIssue;

const plural = (count: number | bigint, one: string, many: string) =>
  `${count} ${Number(count) === 1 ? one : many}`;

/**
 * Zod's default messages ("Invalid UUID", "Too small: expected string to have >=1 characters")
 * are for programmers. This map says the same to a person, without internal names; a message
 * written on a schema (`.min(3, "Give the reason…")`) still wins over it.
 */
export function userMessageFor(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Fill this in.";
      switch (issue.expected) {
        case "number":
        case "int":
          return "Enter a number.";
        case "string":
          return "Enter text.";
        case "boolean":
          return "Choose yes or no.";
        case "array":
          return "Choose one or more.";
        default:
          return "This is not the kind of value this field takes.";
      }
    case "too_small": {
      const min = issue.minimum;
      if (issue.origin === "string")
        return Number(min) <= 1
          ? "Fill this in."
          : `Use at least ${plural(min, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choose at least ${plural(min, "item", "items")}.`;
      if (issue.origin === "date") return "Choose a later date.";
      return `Use ${String(min)} or more.`;
    }
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "string")
        return `Use at most ${plural(max, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choose at most ${plural(max, "item", "items")}.`;
      if (issue.origin === "date") return "Choose an earlier date.";
      return `Use ${String(max)} or less.`;
    }
    case "invalid_format":
      switch (issue.format) {
        case "uuid":
        case "guid":
          return "This reference is not valid. Go back, reload the page and try again.";
        case "email":
          return "Enter an email address, such as name@agency.example.";
        case "datetime":
        case "date":
          return "Enter a date and time.";
        case "base64":
          return "The file could not be read. Choose it again.";
        case "regex":
          return "Use only lower-case letters, digits and underscores.";
        default:
          return "This is not in the expected format.";
      }
    case "invalid_value":
      return issue.values.length === 1
        ? `Use ${String(issue.values[0])}.`
        : `Choose one of: ${issue.values.map(String).join(", ")}.`;
    case "unrecognized_keys":
      return "This field is not allowed here.";
    case "not_multiple_of":
      return `Use a multiple of ${issue.divisor}.`;
    case "invalid_union":
      return "This is not valid here. Check what you entered.";
    default:
      return "This is not valid. Check what you entered.";
  }
}

/** A field path as a person reads it: `authorization.endsAt` → "Ends at". */
export function fieldLabel(path: string): string {
  const last =
    path
      .split(".")
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? path;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

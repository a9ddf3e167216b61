// The identification workspace's entity model, in the spirit of FollowTheMoney: a subject
// (Person) and the identifiers that point to them. Each identifier kind has one normalized form
// (normalize.ts), so the same value typed two ways is one identifier for merges, deconfliction
// and independence checks.

/** The kinds of identifier an observation, a finding or a claim can name. */
export const IDENTIFIER_KINDS = [
  "email",
  "phone",
  "account",
  "url",
  "name",
  "place",
  "organization",
  "image",
  "network_origin",
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** What each kind is, in the investigators' words (shown in the console). */
export const IDENTIFIER_KIND_LABELS: Record<IdentifierKind, string> = {
  email: "Email address",
  phone: "Phone number",
  account: "Account (handle on a platform)",
  url: "Web address",
  name: "Name",
  place: "Place",
  organization: "Employer or organisation",
  image: "Image",
  network_origin: "Network origin",
};

/**
 * Kinds that identify one person well enough to suggest a merge or raise a deconfliction
 * pointer when two subjects share them. Names and places are shared by many people.
 */
export const DISTINGUISHING_KINDS: ReadonlySet<IdentifierKind> = new Set([
  "email",
  "phone",
  "account",
  "url",
  "image",
  "network_origin",
]);

/** The detector's disclosure indicators and the identifier kind each yields. */
export const INDICATOR_IDENTIFIER_KIND: Record<string, IdentifierKind> = {
  "id.email": "email",
  "id.phone": "phone",
  "id.handle": "account",
  "id.url": "url",
  "id.name": "name",
  "id.location": "place",
  "id.occupation": "organization",
};

/** A subject, as the workspace reasons about it (FollowTheMoney's Person). */
export interface Person {
  id: string;
  label: string;
  country: string | null;
}

/** One identifier value, as seen and in its normalized form. */
export interface Identifier {
  kind: IdentifierKind;
  value: string;
  normalized: string;
  /** For accounts: the platform or network ("instagram", "irc:libera"). */
  platform?: string | null;
}

/** The parts of an operation's authorization that decide where and when the persona may be present. */
export interface PresenceAuthorization {
  reference: string;
  permittedVenues: readonly string[];
  startsAt: Date;
  endsAt: Date;
}

export type PresenceDecision =
  | { allowed: true; venue: string }
  | {
      allowed: false;
      code: "venue_not_authorized" | "authorization_not_started" | "authorization_expired";
      message: string;
    };

/**
 * Venue addresses compare without regard to letter case (IRC channels, XMPP addresses and
 * training rooms are all case-insensitive), surrounding blanks or a trailing slash.
 */
export function normalizeVenueAddress(address: string): string {
  return address.trim().toLowerCase().replace(/\/+$/, "");
}

/**
 * Decides whether the persona may go present in a venue now. Nothing runs outside the
 * authorization: an unlisted venue, or a time outside the window [startsAt, endsAt), is refused
 * with a message that says why and what to do.
 */
export function decidePresence(
  authorization: PresenceAuthorization,
  venueAddress: string,
  now: Date,
): PresenceDecision {
  const venue = normalizeVenueAddress(venueAddress);
  const permitted = authorization.permittedVenues.map(normalizeVenueAddress);
  if (venue.length === 0 || !permitted.includes(venue)) {
    return {
      allowed: false,
      code: "venue_not_authorized",
      message:
        `The venue "${venueAddress}" is not among the venues permitted by authorization ` +
        `${authorization.reference}. Ask the operation's administrator to record an amended ` +
        `authorization that includes it.`,
    };
  }
  if (now.getTime() < authorization.startsAt.getTime()) {
    return {
      allowed: false,
      code: "authorization_not_started",
      message:
        `Authorization ${authorization.reference} starts at ${authorization.startsAt.toISOString()}; ` +
        `the persona cannot go present before then.`,
    };
  }
  if (now.getTime() >= authorization.endsAt.getTime()) {
    return {
      allowed: false,
      code: "authorization_expired",
      message:
        `Authorization ${authorization.reference} ended at ${authorization.endsAt.toISOString()}; ` +
        `the persona cannot go present. Record a renewed authorization to continue.`,
    };
  }
  return { allowed: true, venue };
}

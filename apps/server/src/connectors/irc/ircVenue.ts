export const IRC_SCHEME = "irc://";
export const IRCS_SCHEME = "ircs://";

/** The channel an IRC venue address names: `irc://host[:port]/#room` → `#room`. */
export function channelOfVenue(venueAddress: string): string | null {
  const scheme = venueAddress.startsWith(IRCS_SCHEME)
    ? IRCS_SCHEME
    : venueAddress.startsWith(IRC_SCHEME)
      ? IRC_SCHEME
      : null;
  if (!scheme) return null;
  const slash = venueAddress.indexOf("/", scheme.length);
  if (slash < 0) return null;
  const channel = decodeURIComponent(venueAddress.slice(slash + 1));
  // A channel name has no blanks, commas or control characters (RFC 2812 §1.3).
  const valid = /^[#&][^\s,]{1,49}$/.test(channel) && ![...channel].some((c) => c < " ");
  return valid ? channel : null;
}

/** The venue address of a channel on a network, as an authorization lists it. */
export function ircVenueAddress(host: string, port: number, tls: boolean, channel: string) {
  const standard = tls ? 6697 : 6667;
  const hostPort = port === standard ? host : `${host}:${port}`;
  return `${IRC_SCHEME}${hostPort}/${channel}`.toLowerCase();
}

import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import type { IdentifierKind } from "./entities";

export type Normalized = { ok: true; normalized: string } | { ok: false; reason: string };

// Unicode compatibility form, case-folded, inner whitespace collapsed: how two people typing
// the same name or handle end up with the same string.
function fold(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** A host name in its ASCII (punycode) form, lower case, without a trailing dot; null if invalid. */
export function asciiHost(host: string): string | null {
  const trimmed = host.trim().replace(/\.$/u, "");
  if (trimmed === "" || /[\s/@:?#[\]\\]/u.test(trimmed)) return null;
  try {
    // WHATWG URL applies IDNA (UTS #46) to the host: Unicode labels become punycode.
    const hostname = new URL(`http://${trimmed}/`).hostname;
    return hostname === "" ? null : hostname;
  } catch {
    return null;
  }
}

function normalizeEmail(value: string): Normalized {
  const trimmed = value
    .normalize("NFKC")
    .trim()
    .replace(/^mailto:/iu, "");
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) {
    return { ok: false, reason: "An email address has a name, an @ and a domain." };
  }
  const local = trimmed.slice(0, at).toLowerCase();
  const host = asciiHost(trimmed.slice(at + 1));
  if (!host || !host.includes(".") || /\s/u.test(local)) {
    return { ok: false, reason: "This does not look like an email address." };
  }
  return { ok: true, normalized: `${local}@${host}` };
}

function normalizePhone(value: string, region: string | undefined): Normalized {
  const parsed = parsePhoneNumberFromString(
    value.normalize("NFKC"),
    region ? { defaultCountry: region.toUpperCase() as CountryCode } : undefined,
  );
  if (!parsed?.isPossible()) {
    return {
      ok: false,
      reason: "Give the number with its country code (+63 917 …) or choose the region it is from.",
    };
  }
  return { ok: true, normalized: parsed.number };
}

function normalizeAccount(value: string, platform: string | null | undefined): Normalized {
  const handle = fold(value).replace(/^@+/u, "");
  if (handle === "") return { ok: false, reason: "Give the handle." };
  const place = platform ? fold(platform) : "";
  return { ok: true, normalized: place ? `${place}:${handle}` : handle };
}

function normalizeUrl(value: string): Normalized {
  const trimmed = value.normalize("NFKC").trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: "This does not look like a web address." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "Only http and https addresses can be recorded." };
  }
  if (!url.hostname.includes(".")) return { ok: false, reason: "The address has no domain." };
  // The canonical form: lower-case scheme and host (punycode), no default port, no user info,
  // no fragment, the root path without its slash. The path and query stay as typed.
  url.hash = "";
  url.username = "";
  url.password = "";
  const path = url.pathname === "/" ? "" : url.pathname;
  return { ok: true, normalized: `${url.protocol}//${url.host}${path}${url.search}` };
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u;

/** An IP address in its canonical text form (IPv6 compressed, lower case), or null. */
export function canonicalIp(value: string): string | null {
  const v4 = IPV4.exec(value);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p) => p <= 255) ? parts.join(".") : null;
  }
  if (!value.includes(":")) return null;
  try {
    const host = new URL(`http://[${value}]/`).hostname;
    return host.slice(1, -1);
  } catch {
    return null;
  }
}

// Network origins: "ip:203.0.113.7", "irc:ident@host", "xmpp:user@domain" (a bare JID), or
// "occupant:<id>" (an XMPP occupant id). A bare value is read as an IP, then ident@host.
function normalizeNetworkOrigin(value: string): Normalized {
  const trimmed = value.normalize("NFKC").trim();
  const colon = trimmed.indexOf(":");
  const prefix = colon > 0 ? trimmed.slice(0, colon).toLowerCase() : "";
  const rest = ["ip", "irc", "xmpp", "occupant"].includes(prefix)
    ? trimmed.slice(colon + 1)
    : trimmed;
  const ip = canonicalIp(rest);
  if ((prefix === "" || prefix === "ip") && ip) return { ok: true, normalized: `ip:${ip}` };
  if (prefix === "occupant" && rest !== "") return { ok: true, normalized: `occupant:${rest}` };
  // A JID's resource names a device, not the person: the bare JID identifies.
  const address = prefix === "xmpp" ? rest.split("/")[0]! : rest;
  const at = address.lastIndexOf("@");
  if (at > 0 && (prefix === "" || prefix === "irc" || prefix === "xmpp")) {
    const host = canonicalIp(address.slice(at + 1)) ?? asciiHost(address.slice(at + 1));
    const local = address.slice(0, at).toLowerCase().replace(/^~/u, "");
    if (host && local !== "")
      return { ok: true, normalized: `${prefix || "irc"}:${local}@${host}` };
  }
  return {
    ok: false,
    reason: "Give an IP address, an IRC ident@host, an XMPP address or an occupant id.",
  };
}

/**
 * The one normalized form of an identifier of `kind`: what merges, deconfliction and the
 * independence rule compare. `region` reads national phone numbers; `platform` scopes a handle.
 */
export function normalizeIdentifier(
  kind: IdentifierKind,
  value: string,
  options: { region?: string; platform?: string | null } = {},
): Normalized {
  switch (kind) {
    case "email":
      return normalizeEmail(value);
    case "phone":
      return normalizePhone(value, options.region);
    case "account":
      return normalizeAccount(value, options.platform);
    case "url":
      return normalizeUrl(value);
    case "image": {
      const hex = value.trim().toLowerCase();
      return /^[0-9a-f]{64}$/u.test(hex)
        ? { ok: true, normalized: hex }
        : { ok: false, reason: "An image is named by the SHA-256 of its file." };
    }
    case "network_origin":
      return normalizeNetworkOrigin(value);
    case "name":
    case "place":
    case "organization": {
      const folded = fold(value);
      return folded === ""
        ? { ok: false, reason: "Give a value." }
        : { ok: true, normalized: folded };
    }
  }
}

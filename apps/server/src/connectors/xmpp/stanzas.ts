import xml, { type Element } from "@xmpp/xml";
import jid, { type JID } from "@xmpp/jid";

export const NS_MUC = "http://jabber.org/protocol/muc";
export const NS_MUC_USER = "http://jabber.org/protocol/muc#user";
export const NS_OCCUPANT_ID = "urn:xmpp:occupant-id:0";
export const NS_STANZA_ID = "urn:xmpp:sid:0";
export const NS_MAM = "urn:xmpp:mam:2";
export const NS_RSM = "http://jabber.org/protocol/rsm";
export const NS_FORWARD = "urn:xmpp:forward:0";
export const NS_DELAY = "urn:xmpp:delay";
export const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

/** `xmpp:room@service` (the persona's venue address for a multi-user chat room). */
export const VENUE_SCHEME = "xmpp:";

/** Parses a JID a server or counterpart sent; undefined when it is not one. */
export function parseJid(value: string | undefined): JID | undefined {
  if (!value) return undefined;
  try {
    return jid(value);
  } catch {
    return undefined;
  }
}

/** The room a venue address names (`xmpp:room@service`), or undefined when it names none. */
export function roomOfVenue(venueAddress: string): string | undefined {
  if (!venueAddress.startsWith(VENUE_SCHEME)) return undefined;
  const room = parseJid(venueAddress.slice(VENUE_SCHEME.length).replace(/\?join$/, ""));
  if (!room || !room.local || room.resource) return undefined;
  return room.bare().toString();
}

export const venueOfRoom = (room: string) => `${VENUE_SCHEME}${room}`;

/** A private message read from a stanza, before the connector decides where it belongs. */
export interface ReceivedChat {
  from: JID;
  body: string;
  occupantId?: string;
  archiveId?: string;
  /** XEP-0203 delay, when the server delivers it late (offline storage, archive). */
  sentAt?: Date;
  /** Marked as coming from a room occupant (XEP-0045 private message). */
  fromRoom?: boolean;
}

/**
 * A message stanza carrying a private message to the persona: type chat or normal (not
 * groupchat, error or headline), with a body. `account` is the persona's bare JID: only its own
 * server may stamp an archive id for it.
 */
export function readChat(stanza: Element, account: string): ReceivedChat | undefined {
  if (!stanza.is("message")) return undefined;
  const type = stanza.attrs.type ?? "normal";
  if (type !== "chat" && type !== "normal") return undefined;
  const from = parseJid(stanza.attrs.from);
  if (!from) return undefined;
  const bodyElement = stanza.getChild("body");
  if (!bodyElement) return undefined;
  const body = bodyElement.text();
  if (body.length === 0) return undefined;
  const occupantId = stanza.getChild("occupant-id", NS_OCCUPANT_ID)?.attrs.id;
  // The server appends its own stanza-id last. Prosody 0.12 passes on one a sender forged with
  // the persona's JID in front of it (from a room); taking that one would let a sender make a
  // real message look like one already stored.
  const archiveId = stanza
    .getChildren("stanza-id", NS_STANZA_ID)
    .filter((child: Element) => child.attrs.by === account)
    .at(-1)?.attrs.id;
  const stamp = stanza.getChild("delay", NS_DELAY)?.attrs.stamp;
  const sentAt = stamp ? new Date(stamp) : undefined;
  return {
    from,
    body,
    ...(typeof occupantId === "string" && occupantId ? { occupantId } : {}),
    ...(typeof archiveId === "string" && archiveId ? { archiveId } : {}),
    ...(sentAt && !Number.isNaN(sentAt.getTime()) ? { sentAt } : {}),
    ...(stanza.getChild("x", NS_MUC_USER) ? { fromRoom: true } : {}),
  };
}

/** What a room says about one occupant in a presence. */
export interface OccupantPresence {
  room: string;
  nick: string;
  available: boolean;
  self: boolean;
  occupantId?: string;
  realJid?: string;
  /** A nick change (status 303): the occupant's new nick. */
  newNick?: string;
  error?: { condition: string; text?: string };
}

export function readOccupantPresence(stanza: Element): OccupantPresence | undefined {
  if (!stanza.is("presence")) return undefined;
  const from = parseJid(stanza.attrs.from);
  if (!from || !from.local || !from.resource) return undefined;
  const user = stanza.getChild("x", NS_MUC_USER);
  const type = stanza.attrs.type;
  const base = { room: from.bare().toString(), nick: from.resource };
  if (type === "error") {
    const error = stanza.getChild("error");
    const condition =
      error?.children.find(
        (child): child is Element => typeof child !== "string" && child.attrs.xmlns === NS_STANZAS,
      )?.name ?? "undefined-condition";
    const text = error?.getChildText("text", NS_STANZAS) ?? undefined;
    return {
      ...base,
      available: false,
      self: false,
      error: { condition, ...(text ? { text } : {}) },
    };
  }
  if (!user) return undefined;
  const codes = new Set(
    user.getChildren("status").map((status: Element) => String(status.attrs.code)),
  );
  const item = user.getChild("item");
  const realJid = parseJid(item?.attrs.jid)?.toString();
  const occupantId = stanza.getChild("occupant-id", NS_OCCUPANT_ID)?.attrs.id;
  const newNick = codes.has("303") ? item?.attrs.nick : undefined;
  return {
    ...base,
    available: type !== "unavailable",
    self: codes.has("110"),
    ...(typeof occupantId === "string" && occupantId ? { occupantId } : {}),
    ...(realJid ? { realJid } : {}),
    ...(typeof newNick === "string" && newNick ? { newNick } : {}),
  };
}

/** XEP-0045 join, asking for no room history at first and for what was missed on a rejoin. */
export function joinPresence(room: string, nick: string, historySince?: Date): Element {
  const history = historySince
    ? xml("history", { since: historySince.toISOString() })
    : xml("history", { maxstanzas: "0" });
  return xml("presence", { to: `${room}/${nick}` }, xml("x", { xmlns: NS_MUC }, history));
}

export function leavePresence(room: string, nick: string): Element {
  return xml("presence", { to: `${room}/${nick}`, type: "unavailable" });
}

/**
 * Nicks to try in a room: the persona's display names in order, then the first with a bounded
 * numeric suffix. Resourceparts may not be empty or carry control characters.
 */
export function nickCandidates(names: readonly string[], suffixes = 5): string[] {
  const clean = [
    ...new Set(names.map((name) => stripControls(name).trim()).filter((name) => name.length > 0)),
  ];
  const first = clean[0] ?? "guest";
  const suffixed = Array.from({ length: suffixes }, (_, index) => `${first}_${index + 2}`);
  return [...new Set([...clean, ...suffixed])].map((nick) => nick.slice(0, 64));
}

/** Removes C0/C1 control characters (and DEL), which no nick or handle needs. */
export function stripControls(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}

/** A counterpart's chosen name, safe to store as a handle: no controls, bounded length. */
export function handleOf(value: string): string {
  const handle = stripControls(value).slice(0, 128);
  return handle.length > 0 ? handle : "(no name)";
}

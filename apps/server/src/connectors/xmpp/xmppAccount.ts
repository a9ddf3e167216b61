import { createHash } from "node:crypto";
import { parseJid } from "./stanzas";
import type { XmppAccount } from "./xmppConnector";

/** What an XMPP venue network row gives the connector (see the connector registry). */
export interface XmppNetworkSettings {
  host: string;
  port: number;
  tls: boolean;
  /** The persona's JID (`user@domain`); the domain may differ from the host. */
  accountName: string;
  secret: string | null;
  /** The network row's id: the persona's resource is derived from it (see personaResource). */
  key?: string;
}

/**
 * One resource per network account, the same in every server process: when a process dies and
 * another signs in, the server replaces the dead session (instead of keeping it in the rooms
 * beside the new one, each archiving its own copy of every message under another archive id).
 */
export function personaResource(networkId: string): string {
  return `sweetie-${createHash("sha256").update(networkId).digest("hex").slice(0, 8)}`;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * The connector's account for a network row. Direct TLS (`xmpps://`) when TLS is on; without it
 * the connection upgrades with STARTTLS when offered, and a password goes in the clear (SASL
 * PLAIN) only to a server on this machine.
 */
export function xmppAccountOf(settings: XmppNetworkSettings): XmppAccount {
  const jid = parseJid(settings.accountName);
  if (!jid || !jid.local) {
    throw new Error(
      `"${settings.accountName}" is not an XMPP account; write it as name@server (a JID).`,
    );
  }
  return {
    service: `${settings.tls ? "xmpps" : "xmpp"}://${settings.host}:${settings.port}`,
    domain: jid.domain,
    username: jid.local,
    password: settings.secret ?? "",
    ...(jid.resource
      ? { resource: jid.resource }
      : settings.key
        ? { resource: personaResource(settings.key) }
        : {}),
    ...(!settings.tls && LOOPBACK.has(settings.host) ? { plainWithoutTls: true } : {}),
  };
}

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
    ...(jid.resource ? { resource: jid.resource } : {}),
    ...(!settings.tls && LOOPBACK.has(settings.host) ? { plainWithoutTls: true } : {}),
  };
}

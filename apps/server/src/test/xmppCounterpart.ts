import { client, xml, type Client } from "@xmpp/client";
import type { Element } from "@xmpp/xml";
import { randomUUID } from "node:crypto";
import { DurableAcks } from "../connectors/xmpp/durableAcks";
import type { ProsodyServer } from "./prosody";

/** A counterpart in tests: a real @xmpp/client user on the test prosody. */
export interface XmppCounterpart {
  client: Client;
  jid: string;
  /** Every message stanza received. */
  inbox: Element[];
  /** Self-presences from rooms (with the occupant id the room gave this user). */
  selfPresences: Element[];
  join(room: string, nick: string): Promise<Element>;
  say(to: string, text: string, type?: "chat" | "normal"): Promise<void>;
  /**
   * Resolves once the server has handled everything this user sent before: the server answers
   * an iq to `to` only after routing the stanzas ahead of it on the same stream (a sent message
   * has otherwise only left the socket).
   */
  handled(to: string): Promise<void>;
  stop(): Promise<void>;
}

export async function connectCounterpart(
  server: ProsodyServer,
  username: string,
): Promise<XmppCounterpart> {
  const password = randomUUID();
  await server.register(username, password);
  const xmpp = client({
    service: server.service,
    domain: server.domain,
    resource: "test",
    credentials: (authenticate) =>
      authenticate({ username, password }, "PLAIN", xml("user-agent", { id: randomUUID() })),
  });
  xmpp.reconnect.stop();
  xmpp.on("error", () => {});
  // The library's own stanza count goes wrong when <enabled/> shares a read with stanzas
  // (the server then closes the stream); count as the connector does.
  const acks = new DurableAcks();
  acks.attach(xmpp.streamManagement);
  xmpp.prependListener("element", (element: Element) => {
    if (element.is("enabled", "urn:xmpp:sm:3")) acks.streamStarted();
    if (["presence", "message", "iq"].includes(element.name)) acks.arrive().done();
  });
  xmpp.on("offline", () => acks.streamStarted());
  const inbox: Element[] = [];
  const selfPresences: Element[] = [];
  const joins = new Map<string, (stanza: Element) => void>();
  xmpp.on("stanza", (stanza: Element) => {
    if (stanza.is("message")) inbox.push(stanza);
    if (stanza.is("presence")) {
      const from = String(stanza.attrs.from ?? "");
      const resolve = joins.get(from);
      const self = stanza
        .getChild("x", "http://jabber.org/protocol/muc#user")
        ?.getChildren("status")
        .some((status: Element) => status.attrs.code === "110");
      if (resolve && (self || stanza.attrs.type === "error")) {
        joins.delete(from);
        if (self) selfPresences.push(stanza);
        resolve(stanza);
      }
    }
  });
  await xmpp.start();
  await xmpp.send(xml("presence"));
  return {
    client: xmpp,
    jid: `${username}@${server.domain}`,
    inbox,
    selfPresences,
    join: (room, nick) =>
      new Promise((resolve, reject) => {
        joins.set(`${room}/${nick}`, resolve);
        xmpp
          .send(
            xml(
              "presence",
              { to: `${room}/${nick}` },
              xml(
                "x",
                { xmlns: "http://jabber.org/protocol/muc" },
                xml("history", { maxstanzas: "0" }),
              ),
            ),
          )
          .catch(reject);
      }),
    say: (to, text, type = "chat") =>
      xmpp.send(xml("message", { to, type, id: randomUUID() }, xml("body", {}, text))),
    handled: async (to) => {
      await xmpp.iqCaller.request(
        xml(
          "iq",
          { type: "get", to },
          xml("query", { xmlns: "http://jabber.org/protocol/disco#info" }),
        ),
      );
    },
    stop: async () => {
      await xmpp.stop().catch(() => {});
    },
  };
}

export const bodyOf = (stanza: Element) => stanza.getChildText("body");

import { randomUUID } from "node:crypto";
import xml, { type Element } from "@xmpp/xml";
import { NS_DELAY, NS_FORWARD, NS_MAM, NS_RSM } from "./stanzas";

/** One message the server's archive (XEP-0313) returned, as it was delivered to the persona. */
export interface ArchivedMessage {
  archiveId: string;
  message: Element;
  archivedAt?: Date;
  /** The result stanza as it arrived (it carries the archived message inside). */
  wire?: Uint8Array;
}

export interface ArchiveQuery {
  /** Sends the query iq and resolves with the server's result iq. */
  request(iq: Element): Promise<Element>;
  /** While the query runs, result messages with its id reach `onResult` (see `readResult`). */
  register(queryId: string, onResult: (archived: ArchivedMessage) => Promise<void>): () => void;
}

const PAGE = 100;
const MAX_PAGES = 100;

/**
 * Pages through the persona's archive from just after `afterId`, handing each message to the
 * registered handler (which stores it before the page is acknowledged). Resolves with the last
 * archive id seen, or rejects when the server does not know `afterId`.
 */
export async function fillFromArchive(
  query: ArchiveQuery,
  afterId: string,
  store: (archived: ArchivedMessage) => Promise<void>,
): Promise<string> {
  let after = afterId;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const queryId = randomUUID();
    const handled: Promise<void>[] = [];
    const unregister = query.register(queryId, (archived) => {
      const done = store(archived);
      handled.push(done);
      return done;
    });
    let result: Element;
    try {
      result = await query.request(
        xml(
          "iq",
          { type: "set" },
          xml(
            "query",
            { xmlns: NS_MAM, queryid: queryId },
            xml("set", { xmlns: NS_RSM }, xml("max", {}, String(PAGE)), xml("after", {}, after)),
          ),
        ),
      );
    } finally {
      unregister();
    }
    await Promise.all(handled);
    const fin = result.getChild("fin", NS_MAM);
    const last = fin?.getChild("set", NS_RSM)?.getChildText("last");
    if (last) after = last;
    if (!fin || fin.attrs.complete === "true" || !last) return after;
  }
  return after;
}

/**
 * The archived message inside a result stanza for `queryId`, if `stanza` is one and comes from the
 * persona's own account (a counterpart could send a message that only looks like a result).
 */
export function readResult(
  stanza: Element,
  account: string,
): { queryId: string; archived: ArchivedMessage } | undefined {
  if (!stanza.is("message")) return undefined;
  const from = stanza.attrs.from;
  if (from !== undefined && from !== account) return undefined;
  const result = stanza.getChild("result", NS_MAM);
  const queryId = result?.attrs.queryid;
  const archiveId = result?.attrs.id;
  const forwarded = result?.getChild("forwarded", NS_FORWARD);
  const message = forwarded?.getChild("message");
  if (typeof queryId !== "string" || typeof archiveId !== "string" || !message) return undefined;
  const stamp = forwarded?.getChild("delay", NS_DELAY)?.attrs.stamp;
  const archivedAt = stamp ? new Date(stamp) : undefined;
  return {
    queryId,
    archived: {
      archiveId,
      message,
      ...(archivedAt && !Number.isNaN(archivedAt.getTime()) ? { archivedAt } : {}),
    },
  };
}

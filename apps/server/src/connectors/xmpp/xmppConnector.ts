import { randomUUID } from "node:crypto";
import { client, xml, type Client } from "@xmpp/client";
import type { EventEmitter } from "node:events";
import type { Element } from "@xmpp/xml";
import {
  ConnectorError,
  type Connector,
  type ConnectorStatus,
  type DepartureListener,
  type NetworkOrigin,
  type IncomingPrivateMessage,
  type PresenceRequest,
  type PrivateMessageListener,
  type PrivateMessageTarget,
  type StatusListener,
} from "../connector";
import { fillFromArchive, readResult, type ArchivedMessage } from "./archive";
import { Backoff, type BackoffOptions } from "./backoff";
import { DurableAcks } from "./durableAcks";
import { rawBytesOf, recordRawStanzas, utf8ChunkDecoder } from "./rawStanzas";
import { RoomRoster, type Room } from "./rooms";
import {
  NS_MUC_USER,
  handleOf,
  readChat,
  readOccupantPresence,
  roomOfVenue,
  venueOfRoom,
  type ReceivedChat,
} from "./stanzas";

export interface XmppAccount {
  /** `xmpp://host:port` (plain, STARTTLS when offered) or `xmpps://host:port` (direct TLS). */
  service: string;
  domain: string;
  username: string;
  password: string;
  resource?: string;
  /** SASL PLAIN over a connection without TLS: loopback test servers only. */
  plainWithoutTls?: boolean;
}

export interface XmppConnectorOptions {
  account: XmppAccount;
  /** The network as the operation configured it (host name); the service's host by default. */
  network?: string;
  /**
   * Stores a received message durably (the ingest queue's commit). The server is told a message
   * arrived only once this resolves; when it rejects, the message comes again from the server.
   * Without it, listeners are told and the message counts as handled at once.
   */
  store?: (message: IncomingPrivateMessage) => Promise<void>;
  /** The persona's other display names, tried in order when the first nick is taken. */
  alternateNames?: readonly string[];
  backoff?: BackoffOptions;
  /** The newest archive id already stored for this account, to fill gaps after a restart. */
  lastArchiveId?: () => Promise<string | undefined>;
  /**
   * Whether a message with this archive id is already stored (by this or an earlier process).
   * Asked for what the archive or offline delivery brings again, so it is stored only once.
   */
  alreadyStored?: (archiveId: string) => Promise<boolean>;
  /** How long a sent message may wait for the server's acknowledgement. */
  ackTimeoutMs?: number;
  joinTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

interface PendingSend {
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface ClientInternals {
  _onData(chunk: Buffer): void;
  Parser: unknown;
  socket: { destroy(): void; on(event: "error", listener: () => void): void } | null;
  parser: { write(data: string): void } | null;
}

const REMEMBERED_IDS = 20_000;
const NS_SM = "urn:xmpp:sm:3";

/**
 * The persona on an XMPP server: multi-user chat rooms (XEP-0045) as venues, private messages
 * from occupants (`room@service/nick`) and direct chats as conversations. Every message is
 * stored before the server is told it arrived (see DurableAcks); after a lost session the gap is
 * filled from the server's archive (XEP-0313); archive ids keep each message stored once.
 */
export class XmppConnector implements Connector {
  readonly protocol = "xmpp" as const;
  private readonly xmpp: Client;
  private readonly account: string;
  private readonly acks = new DurableAcks();
  private readonly decoder = utf8ChunkDecoder();
  private readonly roster = new RoomRoster();
  private readonly backoff: Backoff;
  private readonly listeners = new Set<PrivateMessageListener>();
  private readonly departureListeners = new Set<DepartureListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly stored = new Map<string, Promise<void>>();
  private readonly archiveQueries = new Map<string, (archived: ArchivedMessage) => Promise<void>>();
  private readonly pendingSends = new Map<string, PendingSend>();
  private readonly contactFaults = new Map<string, number>();
  private readonly addresses = new Map<string, { address: string; room?: string }>();
  private current: ConnectorStatus = {
    state: "disconnected",
    attempt: 0,
    retryAt: null,
    detail: null,
    at: new Date(),
  };
  private wanted = false;
  private faultUntil = 0;
  private faultTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lastArchiveId: string | undefined;
  private filling = false;
  /** A new connector fills from the archive once it is in its first room (see goPresent). */
  private fillOnFirstJoin = false;
  /** Whether this session's gap fill is done (until then, handed-on messages wait for it). */
  private filledThisSession = true;
  /** The last question to the store about an archive id; the next waits for it. */
  private inOrder: Promise<boolean | void> = Promise.resolve(false);
  private readonly log: (message: string, error?: unknown) => void;
  private store: ((message: IncomingPrivateMessage) => Promise<void>) | undefined;

  /** The library's stream management is an event emitter (its type declarations omit that). */
  private get sm(): EventEmitter {
    return this.xmpp.streamManagement as unknown as EventEmitter;
  }

  constructor(private readonly options: XmppConnectorOptions) {
    const { account } = options;
    this.account = `${account.username}@${account.domain}`;
    this.store = options.store;
    this.log = options.log ?? ((message, error) => console.error(`xmpp: ${message}`, error ?? ""));
    this.backoff = new Backoff(options.backoff);
    this.xmpp = client({
      service: account.service,
      domain: account.domain,
      resource: account.resource ?? `sweetie-${randomUUID().slice(0, 8)}`,
      credentials: account.plainWithoutTls
        ? (authenticate) =>
            authenticate(
              { username: account.username, password: account.password },
              "PLAIN",
              xml("user-agent", { id: randomUUID() }),
            )
        : { username: account.username, password: account.password },
    });
    this.xmpp.reconnect.stop();
    const internals = this.xmpp as unknown as ClientInternals;
    recordRawStanzas(internals);
    internals._onData = (chunk: Buffer) => internals.parser?.write(this.decoder.write(chunk));
    this.acks.attach(this.xmpp.streamManagement);
    this.xmpp.prependListener("element", (element: Element) => this.onElement(element));
    this.xmpp.on("error", (error: unknown) => this.log("connection error", error));
    this.xmpp.on("status", (status: string) => {
      if (status === "connecting") {
        this.decoder.reset();
        // The library stops listening to a socket once it closes; an error it reports later
        // (a reset after the close) must not become an uncaught exception in the server.
        (this.xmpp as unknown as ClientInternals).socket?.on("error", () => {});
      }
    });
    this.xmpp.on("disconnect", () => this.onDisconnected());
    this.xmpp.on("offline", () => this.acks.streamStarted());
    this.xmpp.on("online", () => void this.onSession(false));
    this.sm.on("resumed", () => void this.onSession(true));
    this.sm.on("ack", (stanza: Element) => this.settleSend(stanza, undefined));
    this.sm.on("fail", (stanza: Element) =>
      this.settleSend(stanza, new ConnectorError("not_connected", FAILED_DELIVERY)),
    );
  }

  async connect(): Promise<void> {
    this.wanted = true;
    if (this.current.state === "connected") return;
    this.setState("connecting");
    const online = this.nextSession();
    // Awaited below; when start() fails first (a refused password) it is never awaited, and its
    // later rejection must not become an unhandled one that ends the server process.
    online.catch(() => {});
    try {
      if (this.xmpp.status === "offline") await this.xmpp.start();
      else await this.reopen();
      await online;
    } catch (error) {
      this.setState("disconnected");
      throw new ConnectorError(
        "not_connected",
        `Could not connect to ${this.options.account.service} as ${this.account}: ${describe(error)}. Check the address, account and password, then try again.`,
      );
    }
  }

  async goPresent(request: PresenceRequest): Promise<void> {
    this.requireOnline();
    const room = roomOfVenue(request.venueAddress);
    if (!room) {
      throw new ConnectorError(
        "unknown_venue",
        `"${request.venueAddress}" is not an XMPP room address; write it as xmpp:room@conference.server.`,
      );
    }
    const entry = this.roster.add(room, request.venueAddress, [
      request.displayName,
      ...(this.options.alternateNames ?? []),
    ]);
    try {
      await this.join(entry);
    } catch (error) {
      this.roster.remove(room);
      throw error;
    }
    if (this.fillOnFirstJoin) {
      this.fillOnFirstJoin = false;
      // After the caller has recorded the presence (it does so once this resolves): a message
      // from the archive for a room nobody is present in would not be kept.
      setImmediate(() => {
        this.fillGap().catch((error: unknown) =>
          this.log("filling from the archive failed", error),
        );
      });
    }
  }

  async leave(venueAddress: string): Promise<void> {
    const room = roomOfVenue(venueAddress);
    const entry = room ? this.roster.get(room) : undefined;
    if (!entry) return;
    this.roster.remove(entry.jid);
    if (entry.nick && this.current.state === "connected") {
      await this.xmpp
        .send(xml("presence", { to: `${entry.jid}/${entry.nick}`, type: "unavailable" }))
        .catch((error: unknown) => this.log("leaving a room failed", error));
    }
  }

  useStore(store: (message: IncomingPrivateMessage) => Promise<void>): void {
    this.store = store;
  }

  onPrivateMessage(listener: PrivateMessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onCounterpartLeft(listener: DepartureListener): () => void {
    this.departureListeners.add(listener);
    return () => this.departureListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  status(): ConnectorStatus {
    return this.current;
  }

  /** The nick the persona holds in a room, once joined. */
  nickIn(venueAddress: string): string | undefined {
    const room = roomOfVenue(venueAddress);
    return room ? this.roster.get(room)?.nick : undefined;
  }

  /**
   * Sends persona words to a counterpart; resolves once the server acknowledged the message
   * (stream management), so "sent" means the server has it.
   */
  async send(target: PrivateMessageTarget, text: string): Promise<void> {
    this.requireOnline();
    const until = this.contactFaults.get(target.counterpartId) ?? 0;
    if (until > Date.now()) throw faulted(until);
    const address = this.addressOf(target.counterpartId);
    const id = randomUUID();
    const stanza = xml(
      "message",
      { to: address.address, type: "chat", id },
      xml("body", {}, text),
      ...(address.room ? [xml("x", { xmlns: NS_MUC_USER })] : []),
    );
    const acknowledged = this.xmpp.streamManagement.enabled
      ? new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.pendingSends.delete(id);
            reject(new ConnectorError("not_connected", UNCONFIRMED_DELIVERY));
          }, this.options.ackTimeoutMs ?? 30_000);
          this.pendingSends.set(id, { resolve, reject, timer });
        })
      : Promise.resolve();
    try {
      await this.xmpp.send(stanza);
    } catch (error) {
      this.settleSend(stanza, new ConnectorError("not_connected", FAILED_DELIVERY));
      throw new ConnectorError("not_connected", `${FAILED_DELIVERY} (${describe(error)})`);
    }
    await acknowledged;
  }

  /**
   * Simulates a technical problem for `seconds`. With a target, the persona stops answering that
   * contact (what they write is still stored); without one, the connection drops and comes back
   * after `seconds` (a new fault replaces the old one; 0 ends it now).
   */
  async fault(seconds: number, target?: PrivateMessageTarget): Promise<void> {
    const until = Date.now() + seconds * 1000;
    if (target) {
      this.contactFaults.set(target.counterpartId, until);
      return;
    }
    clearTimeout(this.faultTimer);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.faultUntil = until;
    this.setState("faulted", { detail: "simulated technical problem" });
    (this.xmpp as unknown as ClientInternals).socket?.destroy();
    this.faultTimer = setTimeout(() => {
      this.faultUntil = 0;
      if (this.wanted && this.xmpp.status === "disconnect") this.scheduleReconnect(0);
    }, seconds * 1000);
  }

  async disconnect(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.faultTimer);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    for (const [id, pending] of this.pendingSends) {
      clearTimeout(pending.timer);
      pending.reject(new ConnectorError("not_connected", FAILED_DELIVERY));
      this.pendingSends.delete(id);
    }
    this.roster.clear();
    if (this.xmpp.status !== "offline") {
      await this.xmpp
        .stop()
        .catch((error: unknown) => this.log("closing the stream failed", error));
    }
    this.setState("disconnected");
  }

  // ——— incoming ———

  /** Runs first for every element, before the library's stream management counts it. */
  private onElement(element: Element): void {
    if (element.is("enabled", NS_SM)) this.acks.streamStarted();
    if (!["presence", "message", "iq"].includes(element.name)) return;
    const handled = this.acks.arrive();
    let work: Promise<void> | undefined;
    try {
      work = this.handle(element);
    } catch (error) {
      this.log("an incoming stanza could not be read", error);
    }
    if (!work) {
      handled.done();
      return;
    }
    work.then(
      () => {
        handled.done();
        this.sendAck();
      },
      (error: unknown) => {
        // Not acknowledged: the server keeps it and sends it again after we reconnect.
        this.log("a message could not be stored; reconnecting to receive it again", error);
        (this.xmpp as unknown as ClientInternals).socket?.destroy();
      },
    );
  }

  private handle(element: Element): Promise<void> | undefined {
    if (element.is("presence")) {
      this.onPresence(element);
      return undefined;
    }
    if (!element.is("message")) return undefined;
    const result = readResult(element, this.account);
    if (result) {
      const handler = this.archiveQueries.get(result.queryId);
      return handler?.({ ...result.archived, wire: rawBytesOf(element) });
    }
    if (element.attrs.type === "groupchat") {
      this.roster.sawRoomTraffic(element.attrs.from);
      return undefined;
    }
    const chat = readChat(element, this.account);
    if (!chat) return undefined;
    return this.receive(chat, rawBytesOf(element), chat.sentAt ?? new Date());
  }

  private receive(
    chat: ReceivedChat,
    wire: Uint8Array | undefined,
    receivedAt: Date,
  ): Promise<void> | undefined {
    const from = chat.from;
    if (from.bare().toString() === this.account) return undefined;
    const room = this.roster.get(from.bare().toString());
    if (
      chat.fromRoom &&
      from.resource &&
      chat.archiveId &&
      !this.filling &&
      (!room || (chat.sentAt !== undefined && !this.filledThisSession))
    ) {
      // What a new session is handed from the one it replaced (delayed), or gets from a room the
      // persona is not back in yet. The server archived it: the gap fill that follows the
      // rejoin stores it in its room and in its place, before anything newer is filled.
      return undefined;
    }
    let message: IncomingPrivateMessage;
    if (room && from.resource) {
      if (from.resource === room.nick) return undefined;
      const occupant = this.roster.occupant(room, from.resource, chat.occupantId);
      const counterpartId = chat.occupantId
        ? `${room.jid}#${chat.occupantId}`
        : `${room.jid}/${from.resource}`;
      this.addresses.set(counterpartId, { address: from.toString(), room: room.jid });
      const origin: NetworkOrigin = {
        ...this.network(),
        sender: from.toString(),
        ...(chat.archiveId ? { archiveId: chat.archiveId } : {}),
        ...(chat.occupantId ? { occupantId: chat.occupantId } : {}),
        ...(occupant?.realJid ? { realJid: occupant.realJid } : {}),
      };
      message = this.message(room.venueAddress, counterpartId, from.resource, chat, origin, wire);
    } else if (from.local) {
      const counterpartId = from.bare().toString();
      this.addresses.set(counterpartId, { address: counterpartId });
      const seenIn = this.roster.roomWithRealJid(counterpartId);
      const origin: NetworkOrigin = {
        ...this.network(),
        sender: from.toString(),
        ...(chat.archiveId ? { archiveId: chat.archiveId } : {}),
        realJid: from.toString(),
      };
      message = this.message(
        seenIn?.venueAddress ?? venueOfRoom(this.account),
        counterpartId,
        from.local,
        chat,
        origin,
        wire,
      );
    } else {
      return undefined;
    }
    message.receivedAt = receivedAt;
    // What the archive or offline storage brings (delayed) may be stored already.
    return this.storeOnce(message, chat.archiveId, this.filling || chat.sentAt !== undefined);
  }

  private message(
    venueAddress: string,
    counterpartId: string,
    handle: string,
    chat: ReceivedChat,
    origin: NetworkOrigin,
    wire: Uint8Array | undefined,
  ): IncomingPrivateMessage {
    return {
      venueAddress,
      counterpartId,
      counterpartHandle: handleOf(handle),
      bytes: new TextEncoder().encode(chat.body),
      receivedAt: new Date(),
      origin,
      ...(wire ? { wire: [wire] } : {}),
      ...(chat.archiveId ? { networkMessageId: chat.archiveId } : {}),
    };
  }

  /**
   * Stores a message once per archive id, even when resumption, offline delivery and the archive
   * all bring it; `again` (a message that may have come before) asks the store as well, which
   * remembers what earlier processes stored.
   */
  private storeOnce(
    message: IncomingPrivateMessage,
    archiveId: string | undefined,
    again: boolean,
  ): Promise<void> {
    if (!archiveId) return this.deliver(message);
    if (!this.filling) this.lastArchiveId = archiveId;
    const prior = this.stored.get(archiveId);
    const alreadyStored = this.options.alreadyStored;
    const first = () => {
      // In arrival order: answers to the store's question may come back in any order.
      const known =
        again && alreadyStored ? this.inOrder.then(() => alreadyStored(archiveId)) : this.inOrder;
      const delivered = known.then((stored) =>
        stored === true ? undefined : this.deliver(message),
      );
      this.inOrder = known.then(
        () => false,
        () => false,
      );
      return delivered;
    };
    const store = prior ? prior.catch(first) : first();
    this.stored.set(archiveId, store);
    store.catch(() => this.stored.delete(archiveId));
    if (this.stored.size > REMEMBERED_IDS) {
      this.stored.delete(this.stored.keys().next().value!);
    }
    return store;
  }

  /** The network as configured and the server's name for itself (its domain). */
  private network(): { network: string; server: string } {
    return {
      network: this.options.network ?? hostOf(this.options.account.service),
      server: this.options.account.domain,
    };
  }

  private async deliver(message: IncomingPrivateMessage): Promise<void> {
    await this.store?.(message);
    for (const listener of this.listeners) listener(message);
  }

  private onPresence(element: Element): void {
    const presence = readOccupantPresence(element);
    if (!presence) return;
    const room = this.roster.get(presence.room);
    if (!room) return;
    const outcome = this.roster.applyPresence(room, presence);
    if (outcome.renamed) {
      for (const [id, address] of this.addresses) {
        if (address.address === `${room.jid}/${outcome.renamed.from}`) {
          this.addresses.set(id, { ...address, address: `${room.jid}/${outcome.renamed.to}` });
        }
      }
    }
    if (outcome.left) {
      const ids = [...this.addresses]
        .filter(([, address]) => address.address === `${room.jid}/${outcome.left}`)
        .map(([id]) => id);
      for (const counterpartId of ids) {
        const departure = { venueAddress: room.venueAddress, counterpartId, at: new Date() };
        for (const listener of this.departureListeners) listener(departure);
      }
    }
  }

  private sendAck(): void {
    if (!this.xmpp.streamManagement.enabled || this.xmpp.status !== "online") return;
    this.xmpp.send(xml("a", { xmlns: NS_SM, h: String(this.acks.count) })).catch(() => {});
  }

  // ——— sessions ———

  private nextSession(): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        this.xmpp.removeListener("online", onOnline);
        this.sm.removeListener("resumed", onOnline);
        this.xmpp.removeListener("disconnect", onDown);
      };
      const onOnline = () => {
        cleanup();
        resolve();
      };
      const onDown = () => {
        cleanup();
        reject(new Error("the server closed the connection"));
      };
      this.xmpp.on("online", onOnline);
      this.sm.on("resumed", onOnline);
      this.xmpp.on("disconnect", onDown);
    });
  }

  private async onSession(resumed: boolean): Promise<void> {
    this.backoff.reset();
    this.setState("connected");
    if (resumed) return;
    this.filledThisSession = false;
    // Rooms asked for before this session began are rejoined; a join asked for from now on
    // (goPresent) runs on its own.
    const rooms = this.roster.all().filter((room) => !room.pending);
    try {
      await this.xmpp.send(xml("presence"));
      if (rooms.length === 0 && this.lastArchiveId === undefined) {
        // A connector just opened (a server process starting): messages from the archive
        // belong to rooms, so it fills once the persona is in one again.
        this.fillOnFirstJoin = true;
        return;
      }
      for (const room of rooms) {
        if (this.roster.get(room.jid) !== room) continue;
        room.nick = undefined;
        await this.join(room, room.lastTrafficAt);
      }
      await this.fillGap();
    } catch (error) {
      this.filledThisSession = true;
      this.log("rejoining rooms or filling from the archive failed", error);
    }
  }

  private async fillGap(): Promise<void> {
    try {
      await this.fillFromCursor();
    } finally {
      this.filledThisSession = true;
    }
  }

  private async fillFromCursor(): Promise<void> {
    const after = this.lastArchiveId ?? (await this.options.lastArchiveId?.());
    if (!after) return;
    this.filling = true;
    try {
      const last = await fillFromArchive(
        {
          request: (iq) => this.xmpp.iqCaller.request(iq),
          register: (queryId, handler) => {
            this.archiveQueries.set(queryId, handler);
            return () => this.archiveQueries.delete(queryId);
          },
        },
        after,
        (archived) => {
          const chat = readChat(archived.message, this.account);
          if (!chat) return Promise.resolve();
          const store = this.receive(
            { ...chat, archiveId: archived.archiveId },
            archived.wire,
            archived.archivedAt ?? chat.sentAt ?? new Date(),
          );
          return store ?? Promise.resolve();
        },
      );
      this.lastArchiveId = last;
    } finally {
      this.filling = false;
    }
  }

  private async join(room: Room, historySince?: Date): Promise<void> {
    const nick = await this.roster.join(
      room,
      (presence) => this.xmpp.send(presence),
      historySince,
      this.options.joinTimeoutMs ?? 20_000,
    );
    room.nick = nick;
  }

  private onDisconnected(): void {
    this.acks.dropPending();
    this.roster.connectionLost();
    if (!this.wanted) return;
    if (this.faultUntil > Date.now()) {
      this.setState("faulted", { detail: "simulated technical problem" });
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(delayMs?: number): void {
    if (this.reconnectTimer) return;
    const { attempt, waitMs } =
      delayMs === undefined ? this.backoff.next() : { attempt: 0, waitMs: delayMs };
    this.setState("reconnecting", { attempt, retryInMs: waitMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.wanted || this.xmpp.status !== "disconnect") return;
      this.reopen().catch(() => {
        if (this.xmpp.status === "disconnect") this.scheduleReconnect();
      });
    }, waitMs);
  }

  private async reopen(): Promise<void> {
    const { service, domain, lang } = this.xmpp.options;
    await this.xmpp.connect(service!);
    await this.xmpp.open({ domain: domain!, ...(lang ? { lang } : {}) });
  }

  private settleSend(stanza: Element, error: Error | undefined): void {
    const id = stanza.attrs.id;
    const pending = typeof id === "string" ? this.pendingSends.get(id) : undefined;
    if (!pending) return;
    this.pendingSends.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  private addressOf(counterpartId: string): { address: string; room?: string } {
    const known = this.addresses.get(counterpartId);
    if (known) return known;
    const hash = counterpartId.lastIndexOf("#");
    if (hash > 0) {
      const room = this.roster.get(counterpartId.slice(0, hash));
      const nick = room ? this.roster.nickOfOccupantId(room, counterpartId.slice(hash + 1)) : null;
      if (room && nick) return { address: `${room.jid}/${nick}`, room: room.jid };
    }
    throw new ConnectorError(
      "unknown_counterpart",
      `${counterpartId} is not in a room the persona is in now; they may have left.`,
    );
  }

  private requireOnline(): void {
    if (this.faultUntil > Date.now()) throw faulted(this.faultUntil);
    if (this.current.state !== "connected") {
      throw new ConnectorError(
        "not_connected",
        `The XMPP connection is ${this.current.state}; wait until it is back online and try again.`,
      );
    }
  }

  private setState(
    state: ConnectorStatus["state"],
    more: { attempt?: number; retryInMs?: number; detail?: string } = {},
  ): void {
    const at = new Date();
    this.current = {
      state,
      attempt: more.attempt ?? 0,
      retryAt: more.retryInMs === undefined ? null : new Date(at.getTime() + more.retryInMs),
      detail: more.detail ?? null,
      at,
    };
    for (const listener of this.statusListeners) listener(this.current);
  }
}

const FAILED_DELIVERY = "The message did not reach the XMPP server; it was not delivered";
const UNCONFIRMED_DELIVERY =
  "The XMPP server did not confirm the message in time; it may not have been delivered";

function faulted(until: number): ConnectorError {
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  return new ConnectorError(
    "faulted",
    `The connection is down (simulated technical problem) for ${seconds} more second(s); try again after.`,
  );
}

function hostOf(service: string): string {
  try {
    return new URL(service).hostname;
  } catch {
    return service;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

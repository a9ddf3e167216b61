import { Client, type IrcMessageEvent, type IrcUserEvent } from "irc-framework";
import {
  ConnectorError,
  type Connector,
  type ConnectorStatus,
  type DepartureListener,
  type PresenceRequest,
  type PrivateMessageListener,
  type PrivateMessageTarget,
  type StatusListener,
} from "../connector";
import type { NetworkAccount } from "../connectorRegistry";
import type { FloodQueueOptions } from "./floodQueue";
import { channelOfVenue } from "./ircVenue";
import { recordingTransport } from "./recordingTransport";
import { ircLower, lastParamBytes, nickCandidates } from "./wireLines";

export interface IrcConnectorOptions {
  /** Outgoing flood control (default: 5 lines at once, then one a second). */
  flood?: FloodQueueOptions;
  /** Reconnection backoff: base × 2^attempt, capped, plus up to 20 % jitter. */
  reconnect?: { baseMs: number; maxMs: number };
  /** How long a persona message may wait for a connection before its delivery fails. */
  sendDeadlineMs?: number;
  /** How often the persona tries to take back its first nick while it uses another. */
  reclaimEveryMs?: number;
  /** How long connect() waits for the first registration before reporting `reconnecting`. */
  firstConnectWaitMs?: number;
  /** Certificate checks on TLS (only loopback tests with a self-signed certificate turn it off). */
  tlsRejectUnauthorized?: boolean;
}

interface PendingSend {
  nickId: string;
  lines: string[];
  deadline: ReturnType<typeof setTimeout>;
  resolve: () => void;
  reject: (error: Error) => void;
}

type RecordingTransport = InstanceType<ReturnType<typeof recordingTransport>>;

/** The longest text one PRIVMSG carries, leaving room for the prefix the server adds. */
const MAX_TEXT_BYTES = 350;

/**
 * The persona on one IRC network account, through irc-framework, filling what the library does
 * not do: flood control, nick retry and reclaim, reconnect (the first attempt included) with
 * backoff, rejoin, persona lines held while disconnected, and the raw bytes of every line.
 * Private messages to the persona become conversations; channel talk is not recorded. CTCP
 * requests are not answered (no client version is given away).
 */
export class IrcConnector implements Connector {
  readonly protocol = "irc" as const;
  private client: Client | null = null;
  private transport: RecordingTransport | null = null;
  private currentLine: Uint8Array | null = null;
  private registered = false;
  private stopped = true;
  private attempt = 0;
  private faultUntil = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reclaimTimer: ReturnType<typeof setInterval> | undefined;
  private nickIndex = 0;
  private serverName: string | null = null;
  private readonly candidates: string[];
  /** Channels the persona should be in (lowercased channel → venue address). */
  private readonly wanted = new Map<string, { venueAddress: string; channel: string }>();
  private readonly joined = new Set<string>();
  private readonly joinWaiters = new Map<string, () => void>();
  /** Counterparts by id (their first nick, lowercased) → their nick now. */
  private readonly counterparts = new Map<string, string>();
  /** Lowercased current nick → counterpart id. */
  private readonly aliases = new Map<string, string>();
  /** Lowercased nick → channels (lowercased) the persona saw them in. */
  private readonly seenIn = new Map<string, Set<string>>();
  private readonly silenced = new Map<string, number>();
  private readonly waiting: PendingSend[] = [];
  /** The send whose line is in the flood queue now. */
  private writing: PendingSend | null = null;
  private readonly listeners = new Set<PrivateMessageListener>();
  private readonly departureListeners = new Set<DepartureListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private current: ConnectorStatus = {
    state: "disconnected",
    attempt: 0,
    retryAt: null,
    detail: null,
    at: new Date(),
  };
  private readonly options: Required<IrcConnectorOptions>;

  constructor(
    private readonly account: NetworkAccount,
    options: IrcConnectorOptions = {},
  ) {
    this.candidates = nickCandidates(
      account.displayNames.length ? account.displayNames : [account.accountName],
    );
    this.options = {
      flood: options.flood ?? { burst: 5, intervalMs: 1000 },
      reconnect: options.reconnect ?? { baseMs: 1000, maxMs: 60_000 },
      sendDeadlineMs: options.sendDeadlineMs ?? 30_000,
      reclaimEveryMs: options.reclaimEveryMs ?? 30_000,
      firstConnectWaitMs: options.firstConnectWaitMs ?? 10_000,
      tlsRejectUnauthorized: options.tlsRejectUnauthorized ?? true,
    };
  }

  /** The nick the persona has on the network now. */
  get nick(): string | null {
    return this.registered ? (this.client?.user.nick ?? null) : null;
  }

  async connect(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const registered = new Promise<void>((resolve) => this.onceRegistered(resolve));
    this.open();
    // A network that is down at first is retried in the background (status: reconnecting).
    await Promise.race([registered, delay(this.options.firstConnectWaitMs)]);
  }

  async goPresent(request: PresenceRequest): Promise<void> {
    const channel = channelOfVenue(request.venueAddress);
    if (!channel) {
      throw new ConnectorError(
        "unknown_venue",
        `"${request.venueAddress}" does not name an IRC channel; write it as irc://host/#channel.`,
      );
    }
    const key = ircLower(channel);
    this.wanted.set(key, { venueAddress: request.venueAddress, channel });
    if (!this.registered || this.joined.has(key)) return;
    const joined = new Promise<void>((resolve) => this.joinWaiters.set(key, resolve));
    this.client?.join(channel);
    await Promise.race([joined, delay(this.options.firstConnectWaitMs)]);
    this.joinWaiters.delete(key);
    if (!this.joined.has(key) && this.registered) {
      throw new ConnectorError(
        "unknown_venue",
        `The network did not let the persona join ${channel}; it may be invite-only or banned.`,
      );
    }
  }

  async leave(venueAddress: string): Promise<void> {
    const channel = channelOfVenue(venueAddress);
    if (!channel) return;
    const key = ircLower(channel);
    this.wanted.delete(key);
    if (this.joined.delete(key) && this.registered) this.client?.part(channel);
  }

  onPrivateMessage(listener: PrivateMessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onCounterpartLeft(listener: DepartureListener): () => void {
    this.departureListeners.add(listener);
    return () => this.departureListeners.delete(listener);
  }

  status(): ConnectorStatus {
    return this.current;
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Writes persona words to a counterpart. Resolves once every line went to the socket; while
   * the connection is down the words wait (up to `sendDeadlineMs`) and go out after reconnecting;
   * past that they are withdrawn and the promise rejects, so the outbox records `failed`.
   */
  send(target: PrivateMessageTarget, text: string): Promise<void> {
    if (this.stopped) {
      return Promise.reject(new ConnectorError("not_connected", "The IRC connection is closed."));
    }
    const id = ircLower(target.counterpartId);
    if (Date.now() < this.faultUntil || Date.now() < (this.silenced.get(id) ?? 0)) {
      return Promise.reject(
        new ConnectorError("faulted", "The connection is down (simulated technical problem)."),
      );
    }
    const lines = splitText(text);
    return new Promise<void>((resolve, reject) => {
      const pending: PendingSend = {
        nickId: id,
        lines,
        resolve,
        reject,
        deadline: setTimeout(() => this.expire(pending), this.options.sendDeadlineMs),
      };
      this.waiting.push(pending);
      this.flush();
    });
  }

  async fault(seconds: number, target?: PrivateMessageTarget): Promise<void> {
    const until = Date.now() + seconds * 1000;
    if (target) {
      this.silenced.set(ircLower(target.counterpartId), until);
      return;
    }
    this.faultUntil = until;
    this.setStatus({
      state: "faulted",
      retryAt: new Date(until),
      detail: "Simulated technical problem.",
    });
    this.dropConnection();
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.reclaimTimer);
    for (const pending of this.waiting.splice(0)) {
      clearTimeout(pending.deadline);
      pending.reject(new ConnectorError("not_connected", "The IRC connection was closed."));
    }
    const client = this.client;
    if (client && client.connection.connected) {
      const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
      client.quit("");
      await Promise.race([closed, delay(2_000)]);
    }
    this.transport?.disposeSocket();
    this.client?.removeAllListeners();
    this.client = null;
    this.registered = false;
    this.setStatus({ state: "disconnected", retryAt: null, detail: null });
  }

  private open(): void {
    this.client?.removeAllListeners();
    this.transport?.disposeSocket();
    this.writing = null;
    this.registered = false;
    this.joined.clear();
    this.nickIndex = 0;
    this.setStatus({
      state: this.attempt === 0 ? "connecting" : "reconnecting",
      retryAt: null,
      detail: this.current.detail,
    });
    const client = new Client();
    this.client = client;
    const adopt = (transport: RecordingTransport) => {
      this.transport = transport;
    };
    const Transport = recordingTransport({
      flood: this.options.flood,
      onLine: (bytes) => {
        this.currentLine = bytes;
      },
    });
    client.connect({
      host: this.account.host,
      port: this.account.port,
      tls: this.account.tls,
      rejectUnauthorized: this.options.tlsRejectUnauthorized,
      nick: this.candidates[0]!,
      username: usernameOf(this.account.accountName, this.candidates[0]!),
      gecos: this.candidates[0]!,
      ...(this.account.secret
        ? { account: { account: this.account.accountName, password: this.account.secret } }
        : {}),
      version: "",
      auto_reconnect: false,
      ping_interval: 30,
      ping_timeout: 120,
      transport: class extends Transport {
        constructor(options: Record<string, unknown>) {
          super(options);
          adopt(this);
        }
      },
    });
    client.on("registered", () => this.handleRegistered(client));
    client.on("nick in use", () => this.handleNickRefused(client));
    client.on("nick invalid", () => this.handleNickRefused(client));
    client.on("privmsg", (event: IrcMessageEvent) => this.handleMessage(client, event));
    client.on("action", (event: IrcMessageEvent) => this.handleMessage(client, event));
    client.on("join", (event: IrcUserEvent & { channel: string }) =>
      this.handleJoin(client, event),
    );
    client.on("part", (event: IrcUserEvent & { channel: string }) => this.forgetIn(client, event));
    client.on("kick", (event: IrcUserEvent & { kicked: string; channel: string }) =>
      this.handleKick(client, event),
    );
    client.on("quit", (event: IrcUserEvent) => this.handleQuit(client, event));
    client.on("nick", (event: { nick: string; new_nick: string }) =>
      this.handleNick(client, event),
    );
    client.on("userlist", (event: { channel: string; users: { nick: string }[] }) => {
      for (const user of event.users) this.see(user.nick, event.channel);
    });
    client.on("close", () => this.handleClose(client));
  }

  private handleRegistered(client: Client): void {
    if (client !== this.client) return;
    this.registered = true;
    this.attempt = 0;
    this.serverName = client.network.server || null;
    this.setStatus({ state: "connected", retryAt: null, detail: null });
    for (const { channel } of this.wanted.values()) client.join(channel);
    clearInterval(this.reclaimTimer);
    this.reclaimTimer = setInterval(() => this.reclaimNick(), this.options.reclaimEveryMs);
    this.flush();
    for (const waiter of this.registrationWaiters.splice(0)) waiter();
  }

  private readonly registrationWaiters: (() => void)[] = [];
  private onceRegistered(callback: () => void): void {
    this.registrationWaiters.push(callback);
  }

  /** 433/432 while registering: the next display name, then a bounded suffix, then give up. */
  private handleNickRefused(client: Client): void {
    if (client !== this.client || this.registered) return;
    this.nickIndex += 1;
    const next = this.candidates[this.nickIndex];
    if (next) {
      client.changeNick(next);
      return;
    }
    this.setStatus({
      state: "faulted",
      retryAt: null,
      detail: `Every nick the persona may use is taken or refused on ${this.account.host}; add a display name.`,
    });
    this.faultUntil = Date.now() + this.options.reconnect.maxMs;
    this.dropConnection();
  }

  private reclaimNick(): void {
    const client = this.client;
    if (!client || !this.registered) return;
    const preferred = this.candidates[0]!;
    if (ircLower(client.user.nick) !== ircLower(preferred)) client.changeNick(preferred);
  }

  private handleMessage(client: Client, event: IrcMessageEvent): void {
    if (client !== this.client || !event.nick) return;
    if (ircLower(event.target) !== ircLower(client.user.nick)) {
      // Channel talk is not recorded; it only tells where the sender is.
      if (/^[#&]/.test(event.target)) this.see(event.nick, event.target);
      return;
    }
    const raw = this.currentLine;
    const lower = ircLower(event.nick);
    let id = this.aliases.get(lower);
    if (!id) {
      id = lower;
      this.aliases.set(lower, id);
    }
    this.counterparts.set(id, event.nick);
    const venue = this.venueOf(lower);
    if (!venue) return;
    const bytes = raw ? lastParamBytes(raw) : new TextEncoder().encode(event.message);
    const message = {
      venueAddress: venue,
      counterpartId: id,
      counterpartHandle: event.nick,
      bytes: new Uint8Array(bytes),
      receivedAt: event.time ? new Date(event.time) : new Date(),
      origin: {
        network: this.account.host,
        server: this.serverName,
        sender: `${event.nick}!${event.ident}@${event.hostname}`,
      },
      ...(raw ? { wire: [raw] } : {}),
    };
    for (const listener of this.listeners) listener(message);
  }

  /** The venue a private message belongs to: a wanted channel the sender was seen in, else the first. */
  private venueOf(lowerNick: string): string | null {
    const channels = this.seenIn.get(lowerNick);
    for (const [key, venue] of this.wanted) {
      if (channels?.has(key)) return venue.venueAddress;
    }
    return this.wanted.values().next().value?.venueAddress ?? null;
  }

  private see(nick: string, channel: string): void {
    const lower = ircLower(nick.replace(/^[~&@%+]+/, ""));
    const channels = this.seenIn.get(lower) ?? new Set<string>();
    channels.add(ircLower(channel));
    this.seenIn.set(lower, channels);
  }

  private handleJoin(client: Client, event: IrcUserEvent & { channel: string }): void {
    if (client !== this.client) return;
    const key = ircLower(event.channel);
    if (ircLower(event.nick) === ircLower(client.user.nick)) {
      this.joined.add(key);
      this.joinWaiters.get(key)?.();
      return;
    }
    this.see(event.nick, event.channel);
  }

  private forgetIn(client: Client, event: IrcUserEvent & { channel: string }): void {
    if (client !== this.client) return;
    if (ircLower(event.nick) === ircLower(client.user.nick))
      this.joined.delete(ircLower(event.channel));
    else this.seenIn.get(ircLower(event.nick))?.delete(ircLower(event.channel));
  }

  private handleKick(client: Client, event: IrcUserEvent & { kicked: string; channel: string }) {
    if (client !== this.client || ircLower(event.kicked) !== ircLower(client.user.nick)) return;
    const key = ircLower(event.channel);
    this.joined.delete(key);
    const wanted = this.wanted.get(key);
    if (wanted)
      setTimeout(() => this.registered && this.client?.join(wanted.channel), 5_000).unref();
  }

  private handleQuit(client: Client, event: IrcUserEvent): void {
    if (client !== this.client) return;
    const lower = ircLower(event.nick);
    this.seenIn.delete(lower);
    if (lower === ircLower(this.candidates[0]!)) this.reclaimNick();
    const id = this.aliases.get(lower);
    if (!id) return;
    const venue = this.venueOf(lower);
    if (!venue) return;
    for (const listener of this.departureListeners) {
      listener({ venueAddress: venue, counterpartId: id, at: new Date() });
    }
  }

  private handleNick(client: Client, event: { nick: string; new_nick: string }): void {
    if (client !== this.client) return;
    const from = ircLower(event.nick);
    const to = ircLower(event.new_nick);
    // The nick the persona wanted came free: take it back now.
    if (from === ircLower(this.candidates[0]!)) this.reclaimNick();
    const seen = this.seenIn.get(from);
    if (seen) {
      this.seenIn.delete(from);
      this.seenIn.set(to, seen);
    }
    const id = this.aliases.get(from);
    if (id) {
      this.aliases.delete(from);
      this.aliases.set(to, id);
      this.counterparts.set(id, event.new_nick);
    }
  }

  private handleClose(client: Client): void {
    if (client !== this.client) return;
    this.registered = false;
    this.joined.clear();
    clearInterval(this.reclaimTimer);
    if (this.stopped) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    const { baseMs, maxMs } = this.options.reconnect;
    const backoff = Math.min(maxMs, baseMs * 2 ** Math.min(this.attempt, 20));
    const wait = Math.max(backoff + Math.random() * backoff * 0.2, this.faultUntil - Date.now());
    this.attempt += 1;
    const retryAt = new Date(Date.now() + wait);
    if (Date.now() >= this.faultUntil) {
      this.setStatus({
        state: "reconnecting",
        retryAt,
        detail: `The connection to ${this.account.host} was lost; trying again.`,
      });
    }
    this.reconnectTimer = setTimeout(() => {
      if (!this.stopped) this.open();
    }, wait);
  }

  private dropConnection(): void {
    const client = this.client;
    if (!client) return;
    this.registered = false;
    const socket = this.transport?.socket;
    // The library reports the close (and the retry is scheduled then); without a socket, now.
    if (socket) socket.destroy();
    else this.handleClose(client);
  }

  /**
   * Writes the waiting persona lines, in order, one at a time, once registered. A line is taken
   * off only once it went to the socket; one the connection lost first goes out after reconnecting.
   */
  private flush(): void {
    const client = this.client;
    const transport = this.transport;
    const pending = this.waiting[0];
    if (!client || !transport || !this.registered || !pending || this.writing) return;
    this.writing = pending;
    const nick = this.counterparts.get(pending.nickId) ?? pending.nickId;
    transport.queue.push(`PRIVMSG ${nick} :${pending.lines[0]}`, (error) => {
      this.writing = null;
      if (error) return;
      pending.lines.shift();
      if (pending.lines.length === 0) {
        this.waiting.shift();
        clearTimeout(pending.deadline);
        pending.resolve();
      }
      this.flush();
    });
  }

  /**
   * A send that waited too long is withdrawn and fails. One whose line is in the flood queue at
   * that moment is about to be written: it is given a moment more rather than failed and then
   * written after all.
   */
  private expire(pending: PendingSend): void {
    if (this.writing === pending) {
      pending.deadline = setTimeout(() => this.expire(pending), 1_000);
      return;
    }
    const index = this.waiting.indexOf(pending);
    if (index >= 0) this.waiting.splice(index, 1);
    pending.reject(
      new ConnectorError(
        "not_connected",
        `The IRC network was unreachable for ${Math.round(this.options.sendDeadlineMs / 1000)} seconds; the message was not sent.`,
      ),
    );
  }

  private setStatus(change: Pick<ConnectorStatus, "state" | "retryAt" | "detail">): void {
    this.current = { ...change, attempt: this.attempt, at: new Date() };
    for (const listener of this.statusListeners) listener(this.current);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The ident part of the persona's address: letters and digits of the account name. */
function usernameOf(accountName: string, nick: string): string {
  const cleaned = accountName.replace(/[^A-Za-z0-9]/g, "").slice(0, 10);
  return cleaned || nick.replace(/[^A-Za-z0-9]/g, "").slice(0, 10) || "persona";
}

/** Persona text as PRIVMSG payloads: one per line, each cut at a code point under the limit. */
export function splitText(text: string): string[] {
  const lines: string[] = [];
  const encoder = new TextEncoder();
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.length === 0) continue;
    let chunk = "";
    let size = 0;
    for (const char of line) {
      const bytes = encoder.encode(char).length;
      if (size + bytes > MAX_TEXT_BYTES) {
        lines.push(chunk);
        chunk = "";
        size = 0;
      }
      chunk += char;
      size += bytes;
    }
    if (chunk) lines.push(chunk);
  }
  return lines.length ? lines : [" "];
}

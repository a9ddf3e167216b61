/** Chat protocols Sweetie speaks; the training range is one of them. */
export type ConnectorProtocol = "training" | "irc" | "xmpp";

/**
 * Where on the network a counterpart's message came from: identification and country signals,
 * kept with the conversation as evidence. Everything in it is untrusted text (S7).
 */
export interface NetworkOrigin {
  /** The network the account connects to, as configured (host name). */
  network: string;
  /** The name the server gave itself (IRC `001` prefix, XMPP domain), when it gave one. */
  server: string | null;
  /** The sender as the network shows it: `nick!ident@host` on IRC, the occupant JID on XMPP. */
  sender: string;
  /** XMPP XEP-0421 occupant-id: a stable per-room pseudonym across nick changes. */
  occupantId?: string;
  /** XMPP: the occupant's real JID when the room shows it. */
  realJid?: string;
  /** XMPP: the server's archive id for this message (XEP-0359 stanza-id, XEP-0313). */
  archiveId?: string;
}

/** A private message a counterpart sent to the persona. Everything in it is untrusted (S7). */
export interface IncomingPrivateMessage {
  venueAddress: string;
  /** Stable id of the counterpart on the network (e.g. a nick or a JID). */
  counterpartId: string;
  /** The name the counterpart shows; chosen by them, so untrusted text. */
  counterpartHandle: string;
  /** The message text's bytes exactly as received, even when they are not valid UTF-8. */
  bytes: Uint8Array;
  /** Receipt time, or the server's own time when the protocol carries one (IRCv3 server-time). */
  receivedAt: Date;
  /** Real networks only: where the message came from (the training range has no origin). */
  origin?: NetworkOrigin;
  /**
   * Real networks only: the protocol units exactly as read off the socket (IRC lines with their
   * CR LF, XMPP stanzas), in order; the message's `bytes` are a part of them.
   */
  wire?: Uint8Array[];
  /** The network's own id for the message (an XMPP archive id), so it is stored only once. */
  networkMessageId?: string;
}

export interface PrivateMessageTarget {
  venueAddress: string;
  counterpartId: string;
}

export interface PresenceRequest {
  venueAddress: string;
  /** The persona's display name in the venue. */
  displayName: string;
}

export type PrivateMessageListener = (message: IncomingPrivateMessage) => void;

/** A counterpart left of their own accord (logged off, closed the chat, went away). */
export interface CounterpartDeparture {
  venueAddress: string;
  counterpartId: string;
  at: Date;
}

export type DepartureListener = (departure: CounterpartDeparture) => void;

/** The connection's state as the console shows it per venue. */
export interface ConnectorStatus {
  state: "connecting" | "connected" | "reconnecting" | "faulted" | "disconnected";
  /** Reconnection attempt number (0 while connected). */
  attempt: number;
  /** When the next attempt is due, while reconnecting. */
  retryAt: Date | null;
  /** What went wrong last, in the operator's words (never a secret). */
  detail: string | null;
  at: Date;
}

export type StatusListener = (status: ConnectorStatus) => void;

/**
 * What every chat connector does. Connectors never decide whether presence is authorized: the
 * caller checks the operation's authorization (core/venues/venueGate) before `goPresent`.
 */
export interface Connector {
  readonly protocol: ConnectorProtocol;
  connect(): Promise<void>;
  /** Join a public venue as the persona, so counterparts can approach. */
  goPresent(request: PresenceRequest): Promise<void>;
  leave(venueAddress: string): Promise<void>;
  /** Subscribe to private messages; returns the unsubscribe function. */
  onPrivateMessage(listener: PrivateMessageListener): () => void;
  /** Subscribe to counterparts leaving (not the persona breaking off); returns the unsubscribe. */
  onCounterpartLeft(listener: DepartureListener): () => void;
  /**
   * Send persona words (already recorded, S2) to a counterpart. Resolves once the network took
   * them (written to the connection); rejects when they could not be, so the outbox records
   * `failed` and never shows an undelivered message as sent.
   */
  send(target: PrivateMessageTarget, text: string): Promise<void>;
  /**
   * Simulate a technical problem for `seconds`: with a target, that contact sees the persona drop
   * (the break-off move); without one, the whole connection goes down.
   */
  fault(seconds: number, target?: PrivateMessageTarget): Promise<void>;
  /** The connection's current state. */
  status(): ConnectorStatus;
  /** Subscribe to state changes; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void;
  disconnect(): Promise<void>;
  /**
   * Connectors that acknowledge receipt to the server (XMPP stream management) take a store that
   * resolves once a message is committed, and acknowledge only then; a rejected store makes the
   * server send the message again. Messages then go to the store instead of the listeners'
   * routing (listeners are still told, after the store).
   */
  useStore?(store: (message: IncomingPrivateMessage) => Promise<void>): void;
}

/** Raised when a connector cannot do what was asked; `code` is stable, `message` says what to do. */
export class ConnectorError extends Error {
  constructor(
    readonly code:
      | "not_connected"
      | "not_present"
      | "faulted"
      | "unknown_counterpart"
      | "unknown_venue"
      | "unknown_protocol"
      | "refused",
    message: string,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

/** Chat protocols Sweetie speaks; the training range is one of them. */
export type ConnectorProtocol = "training" | "irc" | "xmpp";

/** A private message a counterpart sent to the persona. Everything in it is untrusted (S7). */
export interface IncomingPrivateMessage {
  venueAddress: string;
  /** Stable id of the counterpart on the network (e.g. a nick or a JID). */
  counterpartId: string;
  /** The name the counterpart shows; chosen by them, so untrusted text. */
  counterpartHandle: string;
  /** The bytes exactly as received, even when they are not valid UTF-8. */
  bytes: Uint8Array;
  receivedAt: Date;
  /**
   * Where the message came from on the network, as the network told it (untrusted, S7): e.g. an
   * XMPP occupant id, a real JID or an IRC hostmask. Identification signals.
   */
  origin?: Readonly<Record<string, string>>;
  /** The whole unit as it arrived on the wire (an XMPP stanza, an IRC line), when it has one. */
  wire?: Uint8Array;
  /** The network's own id for the message (an XMPP archive id), to store it only once. */
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
  /** Send persona words (already recorded, S2) to a counterpart. */
  send(target: PrivateMessageTarget, text: string): Promise<void>;
  /**
   * Simulate a technical problem for `seconds`: with a target, that contact sees the persona drop
   * (the break-off move); without one, the whole connection goes down.
   */
  fault(seconds: number, target?: PrivateMessageTarget): Promise<void>;
  disconnect(): Promise<void>;
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
      | "refused",
    message: string,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

import type { Element } from "@xmpp/xml";
import { ConnectorError } from "../connector";
import { joinPresence, nickCandidates, parseJid, type OccupantPresence } from "./stanzas";

interface Occupant {
  occupantId?: string;
  realJid?: string;
}

type JoinOutcome = { joined: string } | { conflict: true };

export interface Room {
  jid: string;
  venueAddress: string;
  candidates: string[];
  /** The nick the persona holds, once joined. */
  nick: string | undefined;
  lastTrafficAt: Date | undefined;
  occupants: Map<string, Occupant>;
  pending?: {
    nick: string;
    settle(outcome: JoinOutcome): void;
    fail(error: Error): void;
  };
}

/**
 * The rooms the persona is in and who is in them, from the rooms' presence (XEP-0045), with each
 * occupant's XEP-0421 id and real JID when the room shows it.
 */
export class RoomRoster {
  private readonly rooms = new Map<string, Room>();

  add(jid: string, venueAddress: string, names: readonly string[]): Room {
    const existing = this.rooms.get(jid);
    if (existing) return existing;
    const room: Room = {
      jid,
      venueAddress,
      candidates: nickCandidates(names),
      nick: undefined,
      lastTrafficAt: undefined,
      occupants: new Map(),
    };
    this.rooms.set(jid, room);
    return room;
  }

  get(jid: string): Room | undefined {
    return this.rooms.get(jid);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  remove(jid: string): void {
    const room = this.rooms.get(jid);
    room?.pending?.fail(
      new ConnectorError("not_present", `The persona left ${room.venueAddress}.`),
    );
    this.rooms.delete(jid);
  }

  clear(): void {
    for (const jid of [...this.rooms.keys()]) this.remove(jid);
  }

  /** The connection dropped: joins under way will not be answered on this stream. */
  connectionLost(): void {
    for (const room of this.rooms.values()) {
      room.pending?.fail(
        new ConnectorError(
          "not_connected",
          `The connection dropped while joining ${room.venueAddress}; it is rejoined on reconnect.`,
        ),
      );
    }
  }

  sawRoomTraffic(from: string | undefined): void {
    const room = this.rooms.get(parseJid(from)?.bare().toString() ?? "");
    if (room) room.lastTrafficAt = new Date();
  }

  occupant(room: Room, nick: string, occupantId: string | undefined): Occupant | undefined {
    const byNick = room.occupants.get(nick);
    if (byNick) {
      if (occupantId && !byNick.occupantId) byNick.occupantId = occupantId;
      return byNick;
    }
    return undefined;
  }

  nickOfOccupantId(room: Room, occupantId: string): string | undefined {
    for (const [nick, occupant] of room.occupants) {
      if (occupant.occupantId === occupantId) return nick;
    }
    return undefined;
  }

  roomWithRealJid(bareJid: string): Room | undefined {
    for (const room of this.rooms.values()) {
      for (const occupant of room.occupants.values()) {
        if (occupant.realJid && parseJid(occupant.realJid)?.bare().toString() === bareJid) {
          return room;
        }
      }
    }
    return undefined;
  }

  /** Applies an occupant presence; says who changed nick or left (not the persona). */
  applyPresence(
    room: Room,
    presence: OccupantPresence,
  ): { renamed?: { from: string; to: string }; left?: string } {
    const pending = room.pending;
    if (pending && presence.error && presence.nick === pending.nick) {
      if (presence.error.condition === "conflict") pending.settle({ conflict: true });
      else {
        pending.fail(
          new ConnectorError(
            "refused",
            `${room.venueAddress} refused the persona (${presence.error.condition}${presence.error.text ? `: ${presence.error.text}` : ""}); check the room's settings or the account's rights.`,
          ),
        );
      }
      return {};
    }
    if (presence.error) return {};
    if (presence.self || (pending && presence.nick === pending.nick && presence.available)) {
      if (pending && presence.available) pending.settle({ joined: presence.nick });
      if (!presence.available && !presence.newNick) room.nick = undefined;
      return {};
    }
    if (presence.nick === room.nick) return {};
    if (!presence.available) {
      const occupant = room.occupants.get(presence.nick);
      room.occupants.delete(presence.nick);
      if (presence.newNick) {
        room.occupants.set(presence.newNick, occupant ?? {});
        return { renamed: { from: presence.nick, to: presence.newNick } };
      }
      return { left: presence.nick };
    }
    const occupant = room.occupants.get(presence.nick) ?? {};
    if (presence.occupantId) occupant.occupantId = presence.occupantId;
    if (presence.realJid) occupant.realJid = presence.realJid;
    room.occupants.set(presence.nick, occupant);
    return {};
  }

  /**
   * Joins with the first free nick among the room's candidates (409 conflict: the next one).
   * Resolves with the nick the room gave the persona.
   */
  async join(
    room: Room,
    send: (presence: Element) => Promise<void>,
    historySince: Date | undefined,
    timeoutMs: number,
  ): Promise<string> {
    room.occupants.clear();
    for (const nick of room.candidates) {
      const outcome = await new Promise<JoinOutcome>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new ConnectorError(
                "not_connected",
                `${room.venueAddress} did not answer the join in time; try again.`,
              ),
            ),
          timeoutMs,
        );
        const finish = () => {
          clearTimeout(timer);
          room.pending = undefined;
        };
        room.pending = {
          nick,
          settle: (value) => {
            finish();
            resolve(value);
          },
          fail: (error) => {
            finish();
            reject(error);
          },
        };
        send(joinPresence(room.jid, nick, historySince)).catch((error: unknown) =>
          room.pending?.fail(error instanceof Error ? error : new Error(String(error))),
        );
      });
      if ("joined" in outcome) return outcome.joined;
    }
    throw new ConnectorError(
      "refused",
      `Every nick for the persona is taken in ${room.venueAddress} (${room.candidates.join(", ")}); add another display name to the persona.`,
    );
  }
}

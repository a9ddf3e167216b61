// The parts of irc-framework 4.14 (CommonJS, untyped) the IRC connector uses.
declare module "irc-framework" {
  import { EventEmitter } from "node:events";

  export interface IrcUserEvent {
    nick: string;
    ident: string;
    hostname: string;
  }
  export interface IrcMessageEvent extends IrcUserEvent {
    target: string;
    message: string;
    /** Milliseconds since the epoch from IRCv3 server-time, when the server sent it. */
    time?: number;
    tags: Record<string, string>;
  }
  export interface IrcParsedLine {
    prefix: string;
    nick: string;
    command: string;
    params: string[];
  }
  export interface IrcConnection extends EventEmitter {
    connected: boolean;
    write(line: string, callback?: () => void): boolean;
    end(data?: string): void;
  }
  export interface ClientOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    account?: { account: string; password: string };
    version?: string | null;
    auto_reconnect?: boolean;
    ping_interval?: number;
    ping_timeout?: number;
    message_max_length?: number;
    transport?: new (options: Record<string, unknown>) => unknown;
  }
  export class Client extends EventEmitter {
    constructor(options?: Partial<ClientOptions>);
    user: { nick: string };
    network: { server: string };
    connection: IrcConnection;
    connect(options: ClientOptions): void;
    quit(message?: string): void;
    join(channel: string): void;
    part(channel: string, message?: string): void;
    changeNick(nick: string): void;
    say(target: string, message: string): void;
    ping(message?: string): void;
    ctcpRequest(target: string, type: string, ...params: string[]): void;
    rawString(...args: string[]): string;
  }
}

declare module "irc-framework/src/transports/net.js" {
  import { EventEmitter } from "node:events";
  import type { Socket } from "node:net";
  /** The TCP/TLS transport irc-framework connects through. */
  export default class NetTransport extends EventEmitter {
    constructor(options: Record<string, unknown>);
    socket: Socket | null;
    incoming_buffer: Buffer;
    isConnected(): boolean;
    writeLine(line: string, callback?: () => void): void;
    onSocketData(data: Buffer): void;
    onSocketClose(): void;
    disposeSocket(): void;
  }
}

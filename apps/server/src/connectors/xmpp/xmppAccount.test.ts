import { describe, expect, it } from "vitest";
import { xmppAccountOf } from "./xmppAccount";

describe("XMPP account of a network row", () => {
  it("uses direct TLS when asked and never sends a password in the clear off this machine", () => {
    const base = { port: 5222, accountName: "ana@chat.example", secret: "s3cret" };
    expect(xmppAccountOf({ ...base, host: "xmpp.example", tls: true })).toEqual({
      service: "xmpps://xmpp.example:5222",
      domain: "chat.example",
      username: "ana",
      password: "s3cret",
    });
    expect(xmppAccountOf({ ...base, host: "xmpp.example", tls: false }).plainWithoutTls).toBe(
      undefined,
    );
    expect(xmppAccountOf({ ...base, host: "127.0.0.1", tls: false }).plainWithoutTls).toBe(true);
    expect(() => xmppAccountOf({ ...base, host: "h", tls: true, accountName: "no-at" })).toThrow(
      /name@server/,
    );
  });
});

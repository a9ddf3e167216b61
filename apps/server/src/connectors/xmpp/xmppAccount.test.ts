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

  it("signs in with one resource per network account, the same in every process", () => {
    const base = {
      host: "h",
      port: 5222,
      tls: true,
      accountName: "ana@chat.example",
      secret: null,
    };
    const first = xmppAccountOf({ ...base, key: "network-1" }).resource;
    expect(first).toMatch(/^sweetie-[0-9a-f]{8}$/);
    expect(xmppAccountOf({ ...base, key: "network-1" }).resource).toBe(first);
    expect(xmppAccountOf({ ...base, key: "network-2" }).resource).not.toBe(first);
    expect(
      xmppAccountOf({ ...base, accountName: "ana@chat.example/mine", key: "n" }).resource,
    ).toBe("mine");
  });
});

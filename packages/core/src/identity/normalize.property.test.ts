import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IDENTIFIER_KINDS } from "./entities";
import { normalizeIdentifier } from "./normalize";

const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/);
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const domain = fc
  .tuple(label, fc.constantFrom("com", "ph", "de", "co.uk", "org"))
  .map(([l, tld]) => `${l}.${tld}`);
const randomCase = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join("");

describe("normalizeIdentifier", () => {
  it("is idempotent for every kind", () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDENTIFIER_KINDS), fc.string({ maxLength: 40 }), (kind, v) => {
        const once = normalizeIdentifier(kind, v, { region: "PH", platform: "kik" });
        if (!once.ok) return;
        // A normalized account keeps its platform as a prefix: normalize the handle part again.
        const again =
          kind === "account"
            ? normalizeIdentifier(kind, once.normalized.slice("kik:".length), { platform: "kik" })
            : normalizeIdentifier(kind, once.normalized, { region: "PH" });
        expect(again).toEqual(once);
      }),
    );
  });

  it("folds the case and surrounding space of emails", () => {
    fc.assert(
      fc.property(localPart, domain, fc.array(fc.boolean(), { minLength: 1 }), (l, d, flips) => {
        const plain = normalizeIdentifier("email", `${l}@${d}`);
        const typed = normalizeIdentifier("email", `  ${randomCase(`${l}@${d}`, flips)} `);
        expect(plain.ok).toBe(true);
        expect(typed).toEqual(plain);
      }),
    );
  });

  it("gives Unicode domains their punycode form", () => {
    expect(normalizeIdentifier("email", "Jöhn@Bücher.DE")).toEqual({
      ok: true,
      normalized: "jöhn@xn--bcher-kva.de",
    });
    expect(normalizeIdentifier("url", "https://bücher.de/Path?q=1#frag")).toEqual({
      ok: true,
      normalized: "https://xn--bcher-kva.de/Path?q=1",
    });
  });

  it("reads phone numbers typed many ways as one E.164 number", () => {
    const forms = ["+63 917 123 4567", "0917-123-4567", "(0917) 1234567", "+639171234567"];
    for (const form of forms) {
      expect(normalizeIdentifier("phone", form, { region: "PH" })).toEqual({
        ok: true,
        normalized: "+639171234567",
      });
    }
    expect(normalizeIdentifier("phone", "12", { region: "PH" }).ok).toBe(false);
  });

  it("canonicalizes URLs: scheme and host case, default port, fragment, root slash", () => {
    fc.assert(
      fc.property(domain, fc.array(fc.boolean(), { minLength: 1 }), (d, flips) => {
        const plain = normalizeIdentifier("url", `https://${d}`);
        for (const variant of [
          `HTTPS://${randomCase(d, flips)}/`,
          `https://${d}:443/#top`,
          `${d}`,
          `https://user:pw@${d}/`,
        ]) {
          expect(normalizeIdentifier("url", variant)).toEqual(plain);
        }
      }),
    );
    expect(normalizeIdentifier("url", "javascript:alert(1)").ok).toBe(false);
  });

  it("makes handles case- and @-insensitive, scoped by platform", () => {
    fc.assert(
      fc.property(localPart, fc.array(fc.boolean(), { minLength: 1 }), (h, flips) => {
        const plain = normalizeIdentifier("account", h, { platform: "Snapchat" });
        expect(
          normalizeIdentifier("account", `@${randomCase(h, flips)}`, { platform: "snapchat" }),
        ).toEqual(plain);
        expect(normalizeIdentifier("account", h, { platform: "kik" })).not.toEqual(plain);
      }),
    );
  });

  it("folds compatibility forms and spacing of names", () => {
    expect(normalizeIdentifier("name", "  Ｊｏｈｎ   SMITH ")).toEqual({
      ok: true,
      normalized: "john smith",
    });
  });

  it("reads network origins: IPs, IRC ident@host, bare JIDs", () => {
    expect(normalizeIdentifier("network_origin", "203.0.113.7")).toEqual({
      ok: true,
      normalized: "ip:203.0.113.7",
    });
    expect(normalizeIdentifier("network_origin", "ip:2001:DB8:0:0::1")).toEqual({
      ok: true,
      normalized: "ip:2001:db8::1",
    });
    expect(normalizeIdentifier("network_origin", "irc:~Tom@Host.Example.NET")).toEqual({
      ok: true,
      normalized: "irc:tom@host.example.net",
    });
    expect(normalizeIdentifier("network_origin", "xmpp:Tom@Chat.Example/phone")).toEqual({
      ok: true,
      normalized: "xmpp:tom@chat.example",
    });
    expect(normalizeIdentifier("network_origin", "999.1.1.1").ok).toBe(false);
  });
});

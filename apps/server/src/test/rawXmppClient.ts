import { connect, type Socket } from "node:net";
import { randomUUID } from "node:crypto";
import type { ProsodyServer } from "./prosody";
import { waitUntil } from "./loopback";

/**
 * A counterpart that writes bytes straight to the server's socket (after logging in), for input
 * no XMPP library would ever send: forged ids, invalid UTF-8, odd but legal XML.
 */
export interface RawXmppClient {
  jid: string;
  /** Everything the server sent, as text. */
  received(): string;
  write(bytes: string | Uint8Array): Promise<void>;
  closed(): boolean;
  close(): void;
}

export async function connectRaw(server: ProsodyServer, username: string): Promise<RawXmppClient> {
  const password = randomUUID();
  await server.register(username, password);
  const socket: Socket = connect({ host: "127.0.0.1", port: server.port });
  let input = "";
  let closed = false;
  socket.on("data", (chunk: Buffer) => (input += chunk.toString("utf8")));
  socket.on("close", () => (closed = true));
  socket.on("error", () => (closed = true));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const write = (bytes: string | Uint8Array) =>
    new Promise<void>((resolve, reject) =>
      socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  const expectInput = async (marker: string, what: string) => {
    await waitUntil(() => input.includes(marker) || closed, { what });
    if (!input.includes(marker)) throw new Error(`raw client: ${what} failed: ${input}`);
  };
  const header = `<?xml version='1.0'?><stream:stream to='${server.domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
  await write(header);
  await expectInput("</stream:features>", "stream features");
  const token = Buffer.from(`\u0000${username}\u0000${password}`).toString("base64");
  await write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
  await expectInput("<success", "login");
  input = "";
  await write(header);
  await expectInput("</stream:features>", "stream features after login");
  await write(
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>`,
  );
  await expectInput("</jid>", "resource binding");
  await write("<presence/>");
  return {
    jid: `${username}@${server.domain}`,
    received: () => input,
    write,
    closed: () => closed,
    close: () => socket.destroy(),
  };
}

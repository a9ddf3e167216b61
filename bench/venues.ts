/**
 * `npm run bench -- venues [seconds] [counterparts]`: the real IRC and XMPP paths under load.
 * For each protocol, Debian's server on loopback (ngircd, then prosody); the app (PGlite, fresh
 * data directory) with the persona present in a room through the protocol's connector; 50
 * counterparts in the room send private messages to the persona as fast as the server accepts
 * from each (a message, then a round trip to the server — IRC PING/PONG, XMPP iq ping — so the
 * next message goes once the server took both) for 60 s. Every message must be stored exactly
 * once. Reports messages/s stored and the receipt → console latency. Load generator, chat
 * server, app and console share the machine's 2 cores, so the figures are a floor. Prints the
 * figures and writes bench/results/venues.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { randomUUID } from "node:crypto";
import { xml } from "@xmpp/client";
import { Client } from "irc-framework";
import { NgircdServer } from "../apps/server/src/test/chatServers";
import { startProsody } from "../apps/server/src/test/prosody";
import { connectCounterpart, type XmppCounterpart } from "../apps/server/src/test/xmppCounterpart";
import { measureVenue, type VenueLoad } from "./venues/harness";

const seconds = Number(process.argv[2] ?? 60);
const counterparts = Number(process.argv[3] ?? 50);
const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

async function ircLoad(): Promise<VenueLoad> {
  const ircd = await NgircdServer.start();
  const clients: Client[] = [];
  return {
    protocol: "irc",
    chatServer: "ngircd (Debian), loopback",
    venueAddress: `irc://127.0.0.1:${ircd.port}/#bench`,
    displayName: "ana_bench",
    network: {
      protocol: "irc",
      host: "127.0.0.1",
      port: ircd.port,
      tls: false,
      accountName: "ana_bench",
      rooms: ["#bench"],
    },
    async connect() {
      for (let k = 0; k < counterparts; k += 1) {
        const client = new Client();
        clients.push(client);
        const registered = new Promise<void>((resolve) =>
          client.once("registered", () => resolve()),
        );
        client.connect({ host: ircd.host, port: ircd.port, nick: `cp${k}`, auto_reconnect: false });
        await registered;
        const joined = new Promise<void>((resolve) => client.once("join", () => resolve()));
        client.join("#bench");
        await joined;
      }
    },
    run: (running, sent) =>
      clients.map(async (client, k) => {
        for (let i = 0; running(); i += 1) {
          const token = `t${k}-${i}`;
          const ponged = new Promise<void>((resolve) => {
            const onPong = (event: { message: string }) => {
              if (event.message !== token) return;
              client.off("pong", onPong);
              resolve();
            };
            client.on("pong", onPong);
          });
          client.say("ana_bench", `cp${k} message ${i} 🙂`);
          client.ping(token);
          await ponged;
          sent();
        }
      }),
    async close() {
      for (const client of clients) client.quit("");
      await ircd.close();
    },
  };
}

async function xmppLoad(): Promise<VenueLoad> {
  const prosody = await startProsody();
  const password = randomUUID();
  await prosody.register("ana-bench", password);
  const room = `bench@${prosody.mucDomain}`;
  const people: XmppCounterpart[] = [];
  return {
    protocol: "xmpp",
    chatServer: "prosody (Debian), loopback",
    venueAddress: `xmpp:${room}`,
    displayName: "ana_bench",
    network: {
      protocol: "xmpp",
      host: "127.0.0.1",
      port: prosody.port,
      tls: false,
      accountName: `ana-bench@${prosody.domain}`,
      secret: password,
      rooms: [room],
    },
    async connect() {
      for (let k = 0; k < counterparts; k += 1) {
        const person = await connectCounterpart(prosody, `cp${k}-${randomUUID().slice(0, 4)}`);
        people.push(person);
        await person.join(room, `cp${k}`);
      }
    },
    run: (running, sent) =>
      people.map(async (person, k) => {
        for (let i = 0; running(); i += 1) {
          await person.say(`${room}/ana_bench`, `cp${k} message ${i} 🙂`);
          // The server answers a ping after it handled the message before it on this stream.
          await person.client.iqCaller.request(
            xml("iq", { type: "get", to: prosody.domain }, xml("ping", { xmlns: "urn:xmpp:ping" })),
            60_000,
          );
          sent();
        }
      }),
    async close() {
      for (const person of people) await person.stop();
      await prosody.dispose();
    },
  };
}

async function main() {
  const loadBefore = load();
  const irc = await measureVenue(await ircLoad(), seconds, counterparts);
  console.log(JSON.stringify({ irc }, null, 2));
  const xmpp = await measureVenue(await xmppLoad(), seconds, counterparts);
  console.log(JSON.stringify({ xmpp }, null, 2));
  const figures = {
    benchmark: "venues",
    at: new Date().toISOString(),
    store: "pglite",
    irc,
    xmpp,
    everyMessageStoredOnce: irc.everyMessageStoredOnce && xmpp.everyMessageStoredOnce,
    machine: { cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: load() },
    note: "load generator, chat server, app and console share one machine (shared with other work); loadAverage is os.loadavg() (1, 5, 15 min)",
  };
  console.log(JSON.stringify(figures.machine));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/venues.json", `${JSON.stringify(figures, null, 2)}\n`);
}

await main();

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows keyed by it are
 * appended at the right edge of their primary key's b-tree instead of on a random page, which
 * keeps insert cost flat as a table grows (the ledger appends one entry per message).
 *
 * The random part comes from crypto.randomUUID, which draws from a cached entropy pool: asking
 * the system for 16 fresh bytes per id cost more than the rest of an append (bench/ledger.ts).
 */
export function timeOrderedId(now = Date.now()): string {
  const random = crypto.randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx (V: variant bits)
  const millis = now.toString(16).padStart(12, "0");
  return `${millis.slice(0, 8)}-${millis.slice(8, 12)}-7${random.slice(15)}`;
}

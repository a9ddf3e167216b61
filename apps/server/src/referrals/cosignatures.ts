import type { SignedHeadView } from "@sweetie/core/api/referralSchemas";
import { verifyCosignature } from "@sweetie/core/referral/index";
import { recordAudit } from "../audit/recordAudit";
import type { DbOrTrx } from "../db/database";
import { AppError } from "../errors";
import { headFromRow } from "../ledger/headIssuer";
import type { Actor } from "../policies/authorize";
import { requireAgency } from "./agencyRepository";

// An agency's witness cosignature of one of the operation's signed heads (what
// `sweetie verify --witness … --key …` prints), checked against the key the agency registered
// before it is kept. A recorded cosignature shows that this agency saw this history.

const LINE = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u;

interface Parsed {
  line: string;
  witness: string;
  time: number;
  claimed: { operation?: string; size?: number; root?: string; witnessPublicKey?: string };
}

const rejected = (detail: string) => new AppError("cosignature_rejected", { detail });

/** The cosignature line (and the JSON record, when pasted) from what the agency sent. */
export function parseCosignature(text: string): Parsed {
  let line: string | null = null;
  let claimed: Parsed["claimed"] = {};
  for (const raw of text.split(/\r?\n/u)) {
    const trimmed = raw.trim();
    if (trimmed.startsWith("{")) {
      try {
        const record = JSON.parse(trimmed) as Record<string, unknown>;
        if (typeof record.cosignature === "string") {
          line = record.cosignature.trim();
          claimed = {
            ...(typeof record.operation === "string" ? { operation: record.operation } : {}),
            ...(typeof record.size === "number" ? { size: record.size } : {}),
            ...(typeof record.root === "string" ? { root: record.root } : {}),
            ...(typeof record.witnessPublicKey === "string"
              ? { witnessPublicKey: record.witnessPublicKey.toLowerCase() }
              : {}),
          };
        }
      } catch {
        // Not the JSON record: the line alone may still be there.
      }
    } else if (line === null && LINE.test(trimmed)) line = trimmed;
  }
  const match = line ? LINE.exec(line) : null;
  if (!line || !match) {
    throw rejected(
      'No cosignature found. Paste what `sweetie verify --witness` printed: the line that starts with "—" (or the line of JSON after it).',
    );
  }
  let blob: Uint8Array;
  try {
    blob = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
  } catch {
    throw rejected(
      "The cosignature line is damaged (it is not base64). Paste it again, unchanged.",
    );
  }
  if (blob.length !== 76) {
    throw rejected("The cosignature line is cut short or too long. Paste it again, unchanged.");
  }
  const time = Number(new DataView(blob.buffer, 4, 8).getBigUint64(0));
  return { line, witness: match[1]!, time, claimed };
}

/** Verifies and records an agency's cosignature of the operation's head of `headSize` entries. */
export async function recordCosignature(
  trx: DbOrTrx,
  actor: Actor,
  input: { operationId: string; headSize: number; agencyId: string; text: string },
): Promise<{ id: string }> {
  const headRow = await trx
    .selectFrom("ledger_heads")
    .selectAll()
    .where("operation_id", "=", input.operationId)
    .where("size", "=", input.headSize)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!headRow) throw new AppError("head_not_found");
  const head = headFromRow(headRow);
  const agency = await requireAgency(trx, input.agencyId);
  if (!agency.public_key) {
    throw rejected(
      `${agency.name} has no public key in the agency registry, so its cosignature cannot be checked. Ask a system administrator to register the agency's key first.`,
    );
  }
  const parsed = parseCosignature(input.text);
  const { claimed } = parsed;
  if (claimed.operation && claimed.operation !== input.operationId) {
    throw rejected("This cosignature is for another operation's log, not this one.");
  }
  if (claimed.size !== undefined && claimed.size !== head.head.size) {
    throw rejected(
      `This cosignature is for the head of ${claimed.size} entries, not this one (${head.head.size} entries). Record it against that head.`,
    );
  }
  if (claimed.root && claimed.root !== head.head.root) {
    throw rejected(
      "This cosignature names another root for this size: the agency saw a different history. Keep the agency's output and tell your supervisor and the agency at once.",
    );
  }
  if (claimed.witnessPublicKey && claimed.witnessPublicKey !== agency.public_key) {
    throw rejected(
      `This cosignature was made with another key than the one registered for ${agency.name}. Check with the agency which key it uses; do not record it until the registry has the right one.`,
    );
  }
  if (!verifyCosignature(head, parsed.line, parsed.witness, agency.public_key)) {
    throw rejected(
      `The cosignature does not verify against ${agency.name}'s registered key for this head: it was made with another key, for another head, or was changed. Nothing was recorded.`,
    );
  }
  const exists = await trx
    .selectFrom("head_cosignatures")
    .select("id")
    .where("operation_id", "=", input.operationId)
    .where("head_size", "=", head.head.size)
    .where("agency_id", "=", agency.id)
    .executeTakeFirst();
  if (exists) throw new AppError("cosignature_exists");
  const row = await trx
    .insertInto("head_cosignatures")
    .values({
      operation_id: input.operationId,
      head_size: head.head.size,
      head_root: head.head.root,
      agency_id: agency.id,
      witness_name: parsed.witness,
      witness_public_key: agency.public_key,
      cosigned_at: new Date(parsed.time * 1000),
      line: parsed.line,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "head.cosignature.record",
    operationId: input.operationId,
    targetType: "ledger_head",
    targetId: String(head.head.size),
    details: { agencyId: agency.id, witness: parsed.witness, root: head.head.root },
  });
  return { id: row.id };
}

/** The operation's signed heads, newest first, each with the cosignatures recorded for it. */
export async function signedHeadsWithCosignatures(
  db: DbOrTrx,
  operationId: string,
  limit: number,
): Promise<SignedHeadView[]> {
  const heads = await db
    .selectFrom("ledger_heads")
    .selectAll()
    .where("operation_id", "=", operationId)
    .orderBy("size", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const cosignatures = await db
    .selectFrom("head_cosignatures as c")
    .innerJoin("agencies as a", "a.id", "c.agency_id")
    .leftJoin("users as u", "u.id", "c.recorded_by")
    .select([
      "c.id",
      "c.head_size",
      "c.witness_name",
      "c.witness_public_key",
      "c.cosigned_at",
      "c.line",
      "c.created_at",
      "a.id as agency_id",
      "a.name as agency_name",
      "a.country as agency_country",
      "u.display_name as recorded_by",
    ])
    .where("c.operation_id", "=", operationId)
    .orderBy("c.created_at")
    .execute();
  const seen = new Set<number>();
  return heads.flatMap((row) => {
    // A size signed twice (same root) is one head to an agency: show it once.
    if (seen.has(row.size)) return [];
    seen.add(row.size);
    const head = headFromRow(row);
    return [
      {
        size: head.head.size,
        root: head.head.root,
        time: head.head.time,
        publicKey: head.publicKey,
        cosignatures: cosignatures
          .filter((c) => c.head_size === row.size)
          .map((c) => ({
            id: c.id,
            agency: { id: c.agency_id, name: c.agency_name, country: c.agency_country },
            witnessName: c.witness_name,
            witnessPublicKey: c.witness_public_key,
            cosignedAt: c.cosigned_at.toISOString(),
            line: c.line,
            recordedBy: c.recorded_by ?? "a former member",
            createdAt: c.created_at.toISOString(),
          })),
      },
    ];
  });
}

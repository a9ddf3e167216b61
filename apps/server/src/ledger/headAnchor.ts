import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  createFrontier,
  fromHex,
  signedTreeHeadSchema,
  toHex,
  type Frontier,
  type SignedTreeHead,
  type SigningKey,
} from "@sweetie/core/ledger/index";
import { z } from "zod";

/**
 * The last head this signer signed for each operation, with the compact range (frontier) of the
 * tree it covered, kept OUTSIDE the database: in a file in the data directory, or where
 * SWEETIE_HEAD_ANCHOR_FILE says (for PostgreSQL deployments too). Before signing, the signer
 * extends the kept frontier by the leaves added since and refuses unless that reaches the
 * stored root: whoever can rewrite the database cannot have a rewritten history signed.
 */
export interface AnchoredHead {
  head: SignedTreeHead;
  frontier: Frontier;
}

const anchorFileSchema = z.object({
  format: z.literal("sweetie.ledger.anchor"),
  version: z.literal(1),
  operations: z.record(
    z.string(),
    z.object({
      head: signedTreeHeadSchema,
      frontier: z.object({
        size: z.number().int().nonnegative(),
        hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
      }),
    }),
  ),
});
type AnchorFile = z.infer<typeof anchorFileSchema>;

export class HeadAnchor {
  // Writes from one process go one at a time (read, change, write, rename).
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** The last head signed for the operation, or null before the first. */
  async last(operationId: string): Promise<AnchoredHead | null> {
    const file = await this.read();
    const kept = file.operations[operationId];
    if (!kept) return null;
    return {
      head: kept.head,
      frontier: createFrontier(kept.frontier.size, kept.frontier.hashes.map(fromHex)),
    };
  }

  /** Every head kept, by operation. */
  async all(): Promise<SignedTreeHead[]> {
    return Object.values((await this.read()).operations).map((kept) => kept.head);
  }

  /** Records a newly signed head (after its transaction committed). */
  async record(signed: SignedTreeHead, frontier: Frontier): Promise<void> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      const kept = file.operations[signed.head.operation];
      // Never move the anchor backwards (two signings of one process finishing out of order).
      if (kept && kept.head.head.size > signed.head.size) return;
      file.operations[signed.head.operation] = {
        head: signed,
        frontier: { size: frontier.size, hashes: frontier.hashes.map(toHex) },
      };
      await this.write(file);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<AnchorFile> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return { format: "sweetie.ledger.anchor", version: 1, operations: {} };
      }
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = anchorFileSchema.safeParse(json);
    if (!parsed.success) {
      // Refuse rather than start over: starting over would let a rewritten history be signed.
      throw new Error(
        `the ledger head anchor ${this.path} is damaged; restore it from a backup (the signer will not sign without it)`,
      );
    }
    return parsed.data;
  }

  private async write(file: AnchorFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temporary, "w", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
  }
}

/** Where the anchor lives: SWEETIE_HEAD_ANCHOR_FILE, else `<data dir>/ledger-head-anchor.json`. */
export function headAnchorPath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.SWEETIE_HEAD_ANCHOR_FILE || join(dataDir, "ledger-head-anchor.json");
}

/** What signs tree heads: the Ed25519 key and the anchor of the heads it signed. */
export interface LedgerSigner extends SigningKey {
  anchor: HeadAnchor;
}

export function ledgerSigner(key: SigningKey, anchorPath: string): LedgerSigner {
  return { secretKey: key.secretKey, publicKey: key.publicKey, anchor: new HeadAnchor(anchorPath) };
}

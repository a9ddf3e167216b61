import { MerkleTree, type SignedTreeHead } from "@sweetie/core/ledger/index";
import {
  CONSISTENCY_PATH,
  consistencyFile,
  entriesFileBytes,
  HEAD_PATH,
  jsonBytes,
  LOG_KEY_PATH,
  MANIFEST_PATH,
  manifestBytes,
  MANIFEST_VERSION,
  PACKAGE_FORMAT,
  batchProofFile,
  subtreeHasher,
  SIGNATURE_PATH,
  signManifest,
  type PackageManifest,
} from "@sweetie/core/referral/index";
import "../ledger/nativeSha256";
import type { Db } from "../db/database";
import type { LedgerSigner } from "../ledger/headAnchor";
import { headFromRow, headsOf, issueTreeHead } from "../ledger/headIssuer";
import { digestConversation, transcriptText, type ConversationDigest } from "./conversationDigest";
import { loadConversationEvidence } from "./packageEvidence";
import { addSubjectIdentification } from "./identificationFiles";
import type {
  ClosingFile,
  ConversationFile,
  ConversationFiles,
  PackageContext,
  PackageInput,
  PackageProgress,
} from "./packageFiles";
import { PackageZip } from "./zipWriter";

const CHUNK = 25;
const LEAF_BYTES = 32;

/**
 * Streams a package to `output`: per conversation its ledger entries (evidence/…/entries.jsonl),
 * their batch inclusion proof against one signed head (proofs/…), a readable transcript and the
 * capture bytes; per subject its identification entries with their proof and its findings'
 * files (evidence/subjects/…); then the closing files, the head, consistency proofs from every earlier head,
 * the log key, the manifest and its detached signature. The database is read a chunk of
 * conversations at a time while the ZIP writes the previous chunk.
 */
export async function assemblePackage(
  db: Db,
  input: PackageInput,
  output: NodeJS.WritableStream,
  options: {
    closing?: readonly ClosingFile[];
    onProgress?: (p: PackageProgress) => void;
    conversationFiles?: ConversationFiles;
  } = {},
): Promise<{ manifest: PackageManifest; head: SignedTreeHead }> {
  const operationId = input.operation.id;
  const head = await currentHead(db, input.signer, operationId);
  const leaves = packedLeaves(
    await db
      .selectFrom("ledger_entries")
      .select("leaf_hash")
      .where("operation_id", "=", operationId)
      .where("idx", "<", head.head.size)
      .orderBy("idx")
      .execute(),
  );
  const tree = new MerkleTree(leaves);
  const rangeHash = subtreeHasher(leaves);
  const zip = new PackageZip(output, input.now);

  const conversations = input.subjects.flatMap((s) =>
    s.conversationIds.map((id) => ({ subjectId: s.id, id })),
  );
  const digests = new Map<string, ConversationDigest[]>(input.subjects.map((s) => [s.id, []]));
  const closing = options.closing ?? [];
  const started = closing.map((file) => file.start?.(input, head) ?? null);
  try {
    return await streamPackage();
  } catch (error) {
    await Promise.all(started.map((s) => s?.abort()));
    throw error;
  }

  async function streamPackage() {
    // The position after each subject's last conversation: it is ready once the ZIP got that far.
    let position = 0;
    const readyAt = input.subjects.map((s) => (position += s.conversationIds.length));
    let nextReady = 0;
    const announceReady = (doneConversations: number) => {
      while (nextReady < input.subjects.length && readyAt[nextReady]! <= doneConversations) {
        const subject = input.subjects[nextReady++]!;
        for (const file of started) file?.subjectReady(subject, digests.get(subject.id) ?? []);
      }
    };
    announceReady(0);
    let done = 0;
    let previous: Promise<void> = Promise.resolve();
    for (let from = 0; from < conversations.length; from += CHUNK) {
      const chunk = conversations.slice(from, from + CHUNK);
      const evidence = await loadConversationEvidence(
        db,
        operationId,
        chunk.map((c) => c.id),
        head.head.size,
        ...(input.blobs ? [input.blobs] : []),
      );
      // Wait until the ZIP has reached the previous chunk before queueing this one.
      await previous;
      let first: Promise<void> | null = null;
      for (const [i, conversation] of evidence.entries()) {
        const base = `evidence/conversations/${conversation.conversationId}`;
        const entriesPath = `${base}/entries.jsonl`;
        const proofsPath = `proofs/conversations/${conversation.conversationId}.proof`;
        const capturePath = (id: string) => {
          const capture = conversation.captures.find((c) => c.id === id);
          return `${base}/capture-${id}${extensionOf(capture?.mediaType ?? "")}`;
        };
        const indices = conversation.entries.map((e) => e.index);
        const started = zip.add(entriesPath, "entries", entriesFileBytes(conversation.entries), {
          proofs: proofsPath,
          leafIndices: indices,
        });
        first ??= started;
        void zip.add(proofsPath, "proofs", batchProofFile(rangeHash, head, indices), {});
        const digest = digestConversation(conversation, {
          entries: entriesPath,
          capture: capturePath,
        });
        const files: ConversationFile[] = options.conversationFiles?.(
          conversation,
          digest,
          base,
        ) ?? [
          {
            path: `${base}/transcript.txt`,
            role: "transcript",
            bytes: new TextEncoder().encode(transcriptText(digest)),
          },
        ];
        for (const file of files) {
          void zip.add(file.path, file.role, file.bytes);
        }
        for (const capture of conversation.captures) {
          void zip.add(capturePath(capture.id), "capture", capture.bytes, {
            leafIndices: [capture.entryIndex],
          });
        }
        digests.get(chunk[i]!.subjectId)!.push(digest);
      }
      previous = first ?? Promise.resolve();
      done += chunk.length;
      announceReady(done);
      options.onProgress?.({
        conversationsDone: done,
        conversations: conversations.length,
        stage: "evidence",
      });
    }

    // Each subject's identification: its entries with their proof, and its findings' files.
    await previous;
    const scope = input.identification ?? (input.kind === "referral" ? "established" : "none");
    for (const subject of input.subjects) {
      if (scope === "none") break;
      await addSubjectIdentification(db, zip, {
        operationId,
        subjectId: subject.id,
        head,
        rangeHash,
        scope,
        ...(input.blobs ? { blobs: input.blobs } : {}),
      });
    }

    options.onProgress?.({
      conversationsDone: done,
      conversations: conversations.length,
      stage: "closing",
    });
    const context: PackageContext = { input, head, digests };
    for (const [i, file] of closing.entries()) {
      const early = started[i];
      const body = early ? await early.finish(context) : await file.build(context);
      if (body instanceof Uint8Array) {
        void zip.add(file.path, file.role, body);
      } else {
        void zip.addStream(file.path, file.role, () => body.chunks);
      }
    }
    const earlier = (await headsOf(db, operationId)).map(headFromRow);
    void zip.add(HEAD_PATH, "head", jsonBytes(head));
    void zip.add(LOG_KEY_PATH, "key", new TextEncoder().encode(`${head.publicKey}\n`), {});
    void zip.add(
      CONSISTENCY_PATH,
      "consistency",
      jsonBytes(
        consistencyFile(
          tree,
          earlier.filter((h) => h.head.size < head.head.size),
          head,
        ),
      ),
    );
    // Streamed files' manifest lines are complete once the ZIP has read them to their end.
    await zip.settled();
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      version: MANIFEST_VERSION,
      kind: input.kind,
      packageId: input.packageId,
      createdAt: input.now.toISOString(),
      operation: { id: operationId, name: input.operation.name },
      country: input.country,
      agency: input.agency,
      head,
      files: [...zip.files],
    };
    const bytes = manifestBytes(manifest);
    void zip.add(MANIFEST_PATH, "head", bytes, { listed: false });
    void zip.add(
      SIGNATURE_PATH,
      "head",
      new TextEncoder().encode(signManifest(bytes, input.signer)),
      {
        listed: false,
      },
    );
    await zip.end();
    options.onProgress?.({
      conversationsDone: done,
      conversations: conversations.length,
      stage: "done",
    });
    return { manifest, head };
  }
}

/**
 * The log's leaf hashes as views of one buffer: the Merkle trees hold them for the whole build,
 * and a buffer per 32-byte hash (an ArrayBuffer and its backing store each) costs several
 * times the hash (about 15 MB more for the 58,000 entries of the 1,000-subject benchmark).
 */
function packedLeaves(rows: readonly { leaf_hash: Uint8Array }[]): Uint8Array[] {
  const packed = new Uint8Array(rows.length * LEAF_BYTES);
  return rows.map((row, i) => {
    if (row.leaf_hash.length !== LEAF_BYTES) {
      throw new Error(`ledger entry ${i} has a leaf hash of ${row.leaf_hash.length} bytes`);
    }
    packed.set(row.leaf_hash, i * LEAF_BYTES);
    return packed.subarray(i * LEAF_BYTES, (i + 1) * LEAF_BYTES);
  });
}

/** The latest signed head, signing one first when entries were appended after it. */
async function currentHead(
  db: Db,
  signer: LedgerSigner,
  operationId: string,
): Promise<SignedTreeHead> {
  const state = await db
    .selectFrom("ledger_state")
    .select("size")
    .where("operation_id", "=", operationId)
    .executeTakeFirst();
  const last = (await headsOf(db, operationId)).at(-1);
  if (!state || state.size === 0)
    throw new Error("the operation has no evidence in its ledger yet");
  if (last && last.size === state.size) return headFromRow(last);
  return issueTreeHead(db, signer, operationId);
}

function extensionOf(mediaType: string): string {
  const known: Record<string, string> = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "video/webm": ".webm",
    "video/mp4": ".mp4",
  };
  return known[mediaType] ?? ".bin";
}

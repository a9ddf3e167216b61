import { generateSigningKey, toHex } from "@sweetie/core/ledger/index";
import { cosignHead } from "@sweetie/core/referral/index";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import type { Role } from "../db/tables/operations";
import { issueTreeHead } from "../ledger/headIssuer";
import { draftReferral } from "../referrals/referralLifecycle";
import { actorOf, stageBytes } from "./identityScenario";
import type { RouteCase, RouteWorld } from "./routeTable";
import { testSigner } from "./testSigner";

// Rows of the route table for agencies (system administrators), referrals and signed heads.
// Analysts and supervisors build, legal reviewers read, supervisors release (never their own),
// download and track; heads are read by administrators, supervisors and legal reviewers.

const reading: Role[] = ["supervisor", "analyst", "legal"];
const building: Role[] = ["supervisor", "analyst"];
const tracking: Role[] = ["supervisor"];
const rule = (roles: Role[]) => ({ kind: "roles" as const, roles, systemAdmin: false });
const unique = () => Math.random().toString(36).slice(2, 10);

const agencyBody = () => ({
  country: "nl",
  name: `Police ${unique()}`,
  unit: "Child exploitation unit",
  contactChannel: "Secure exchange: cases@police.example",
  contactPerson: "Duty officer",
  publicKey: toHex(generateSigningKey().publicKey),
});

async function newAgency(world: RouteWorld, publicKey = toHex(generateSigningKey().publicKey)) {
  return world.db
    .insertInto("agencies")
    .values({
      country: "NL",
      name: `Police ${unique()}`,
      unit: "",
      contact_channel: "Secure exchange",
      contact_person: "Duty officer",
      public_key: publicKey,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function newSubject(world: RouteWorld) {
  return world.db
    .insertInto("subjects")
    .values({ operation_id: world.operation.id, label: `Subject ${unique()}`, country: "NL" })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A draft the analyst built (so a supervisor may release it), of one subject, for NL. */
async function newDraft(world: RouteWorld) {
  const [agency, subject] = await Promise.all([newAgency(world), newSubject(world)]);
  return world.db.transaction().execute((trx) =>
    draftReferral(
      trx,
      { evidence: ledgerEvidence },
      {
        actor: actorOf(world.callers.analyst.user),
        operationId: world.operation.id,
        country: "NL",
        agencyId: agency.id,
        subjectIds: [subject.id],
      },
    ),
  );
}

/** A referral at `status`, its package a small file in the blob store (routes only read it). */
async function referralAt(world: RouteWorld, status: string) {
  const draft = await newDraft(world);
  const staged = await stageBytes(databaseBlobStore(world.db), new TextEncoder().encode(unique()));
  await staged.commit();
  await world.db
    .updateTable("referrals")
    .set({
      status,
      released_by: world.callers.supervisor.user.id,
      package_sha256: staged.sha256,
      package_size_bytes: staged.sizeBytes,
      package_head_size: 1,
      package_head_root: "00".repeat(32),
    })
    .where("id", "=", draft.id)
    .execute();
  return { operationId: world.operation.id, referralId: draft.id };
}

const referralParams = async (world: RouteWorld) => ({
  operationId: world.operation.id,
  referralId: (await newDraft(world)).id,
});

/** A signed head of the world's operation and an agency whose key cosigned it. */
async function cosignedHead(world: RouteWorld) {
  await newDraft(world);
  const head = await issueTreeHead(world.db, testSigner(), world.operation.id);
  const key = generateSigningKey();
  const agency = await newAgency(world, toHex(key.publicKey));
  const cosignature = cosignHead(head, "nl-police", key, new Date());
  return { head, agency, line: cosignature.line };
}

const cosigned = new WeakMap<object, Awaited<ReturnType<typeof cosignedHead>>>();

export const referralRouteCases: Record<string, RouteCase> = {
  "GET /api/agencies": { access: { kind: "system" } },
  "POST /api/agencies": { access: { kind: "system" }, body: agencyBody, audit: "agency.create" },
  "PUT /api/agencies/{agencyId}": {
    access: { kind: "system" },
    params: async (world) => ({ agencyId: (await newAgency(world)).id }),
    body: agencyBody,
    audit: "agency.update",
  },
  "GET /api/operations/{operationId}/referrals": {
    access: rule(reading),
    params: (world) => ({ operationId: world.operation.id }),
  },
  "GET /api/operations/{operationId}/referrals/candidates/{country}": {
    access: rule(reading),
    params: (world) => ({ operationId: world.operation.id, country: "NL" }),
  },
  "POST /api/operations/{operationId}/referrals": {
    access: rule(building),
    params: (world) => ({ operationId: world.operation.id }),
    body: async (world) => ({
      country: "NL",
      agencyId: (await newAgency(world)).id,
      subjectIds: [(await newSubject(world)).id],
    }),
    audit: "referral.drafted",
  },
  "GET /api/operations/{operationId}/referrals/{referralId}": {
    access: rule(reading),
    params: referralParams,
  },
  "PUT /api/operations/{operationId}/referrals/{referralId}": {
    access: rule(building),
    params: referralParams,
    body: async (world) => ({ agencyId: null, subjectIds: [(await newSubject(world)).id] }),
    audit: "referral.change",
  },
  "GET /api/operations/{operationId}/referrals/{referralId}/preview": {
    access: rule(reading),
    params: referralParams,
    readAudit: { action: "referral.preview", perView: false },
  },
  "POST /api/operations/{operationId}/referrals/{referralId}/release": {
    access: rule(tracking),
    params: referralParams,
    audit: "referral.released",
  },
  "GET /api/operations/{operationId}/referrals/{referralId}/package": {
    access: rule(tracking),
    params: (world) => referralAt(world, "released"),
    readAudit: { action: "referral.download", perView: false },
  },
  "POST /api/operations/{operationId}/referrals/{referralId}/sent": {
    access: rule(tracking),
    params: (world) => referralAt(world, "released"),
    body: () => ({ occurredOn: "2026-12-02", note: "Through the secure exchange." }),
    audit: "referral.sent",
  },
  "POST /api/operations/{operationId}/referrals/{referralId}/acknowledged": {
    access: rule(tracking),
    params: (world) => referralAt(world, "sent"),
    body: () => ({ occurredOn: "2026-12-03", agencyReference: "NL-2026-0042", note: "" }),
    audit: "referral.acknowledged",
  },
  "POST /api/operations/{operationId}/referrals/{referralId}/outcome": {
    access: rule(tracking),
    params: (world) => referralAt(world, "acknowledged"),
    body: () => ({ occurredOn: "2026-12-20", outcome: "charged", note: "" }),
    audit: "referral.outcome",
  },
  "GET /api/operations/{operationId}/heads": {
    access: rule(["admin", "supervisor", "legal"]),
    params: (world) => ({ operationId: world.operation.id }),
  },
  "POST /api/operations/{operationId}/heads/{size}/cosignatures": {
    access: rule(tracking),
    params: async (world) => {
      const made = await cosignedHead(world);
      cosigned.set(world, made);
      return { operationId: world.operation.id, size: String(made.head.head.size) };
    },
    body: (world) => {
      const made = cosigned.get(world)!;
      return { agencyId: made.agency.id, cosignature: made.line };
    },
    audit: "head.cosignature.record",
  },
};

import type { Role } from "../db/tables/operations";
import { createClaim } from "../identity/claimCommands";
import { recordFinding } from "../identity/recordFinding";
import { recordImageComparison } from "../identity/recordImageComparison";
import { PNG } from "./evidenceScenario";
import { actorOf, stageBytes, testIdentityPorts } from "./identityScenario";
import { MULTIPART_BOUNDARY, multipartBody } from "./multipart";
import type { RouteCase, RouteWorld } from "./routeTable";

// Rows of the route table for the identification workspace. Analysts record and propose,
// supervisors also sign off, legal reviewers read; operators' work does not need it.

const reading: Role[] = ["supervisor", "analyst", "legal"];
const recording: Role[] = ["supervisor", "analyst"];
const signing: Role[] = ["supervisor"];
const rule = (roles: Role[]) => ({ kind: "roles" as const, roles, systemAdmin: false });

async function newSubject(world: RouteWorld) {
  return world.db
    .insertInto("subjects")
    .values({
      operation_id: world.operation.id,
      label: `Subject ${Math.random().toString(36).slice(2, 6)}`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

const subjectParams = async (world: RouteWorld) => ({
  operationId: world.operation.id,
  subjectId: (await newSubject(world)).id,
});

async function newFinding(world: RouteWorld, subjectId: string) {
  const ports = testIdentityPorts(world.db);
  return recordFinding(world.db, ports, {
    actor: actorOf(world.callers.analyst.user),
    operationId: world.operation.id,
    subjectId,
    title: "Profile page",
    sourceUrl: null,
    seenAt: new Date(),
    note: "",
    derivedFrom: null,
    identifiers: [],
    file: { fileName: "page.png", staged: await stageBytes(ports.blobs, PNG) },
  });
}

/** A claim written by the analyst, so a supervisor may sign it off. */
async function newClaim(world: RouteWorld) {
  const subject = await newSubject(world);
  return world.db.transaction().execute((trx) =>
    createClaim(trx, testIdentityPorts(world.db), {
      actor: actorOf(world.callers.analyst.user),
      operationId: world.operation.id,
      subjectId: subject.id,
      predicate: "is_named",
      value: "Tom Example",
      reliability: "C",
      credibility: "3",
      gradingReason: "seen on a profile",
      citations: [],
    }),
  );
}

const claimParams = async (world: RouteWorld) => ({
  operationId: world.operation.id,
  claimId: (await newClaim(world)).id,
});

/** Every caller has revealed these finding pictures (reveals last minutes; these are fresh). */
async function revealedByEveryone(world: RouteWorld, findingIds: readonly string[]) {
  await world.db
    .insertInto("reveals")
    .values(
      Object.values(world.callers).flatMap((caller) =>
        findingIds.map((id) => ({
          operation_id: world.operation.id,
          user_id: caller.user.id,
          target_type: "finding" as const,
          target_id: id,
        })),
      ),
    )
    .execute();
}

/** A subject with two finding pictures, both revealed, for the side-by-side comparison. */
async function comparisonWorld(world: RouteWorld) {
  const subject = await newSubject(world);
  const left = await newFinding(world, subject.id);
  const right = await newFinding(world, subject.id);
  await revealedByEveryone(world, [left.id, right.id]);
  return {
    params: { operationId: world.operation.id, subjectId: subject.id },
    left: { kind: "finding", id: left.id },
    right: { kind: "finding", id: right.id },
  };
}

/** An analyst's recorded opinion on two pictures of a fresh subject, to retract. */
async function newComparison(world: RouteWorld) {
  const { params, left, right } = await comparisonWorld(world);
  return recordImageComparison(world.db, testIdentityPorts(world.db), {
    actor: actorOf(world.callers.analyst.user),
    operationId: params.operationId,
    subjectId: params.subjectId,
    left: { kind: "finding", id: left.id },
    right: { kind: "finding", id: right.id },
    opinion: "same_person",
    reason: "same room and clothing",
  });
}

// Each case's params and body are built separately: the body names the pictures of the subject
// the params made last.
let lastComparison: Awaited<ReturnType<typeof comparisonWorld>> | null = null;
const comparisonParams = async (world: RouteWorld) => {
  lastComparison = await comparisonWorld(world);
  return lastComparison.params;
};
const comparisonPictures = () => ({ left: lastComparison!.left, right: lastComparison!.right });

const upload = multipartBody(
  { title: "Profile photo", seenAt: "2026-11-30T10:00:00Z", note: "" },
  { name: "file", fileName: "photo.png", type: "image/png", bytes: PNG },
  MULTIPART_BOUNDARY,
);

export const identityRouteCases: Record<string, RouteCase> = {
  // Every signed-in person may ask; the answer holds only operations they may read (its own test).
  "GET /api/subjects": { access: { kind: "self" } },
  "GET /api/operations/{operationId}/subjects": {
    access: rule(reading),
    params: (world) => ({ operationId: world.operation.id }),
  },
  "GET /api/operations/{operationId}/subjects/{subjectId}": {
    access: rule(reading),
    params: subjectParams,
  },
  "GET /api/operations/{operationId}/subjects/{subjectId}/graph": {
    access: rule(reading),
    params: subjectParams,
  },
  "GET /api/operations/{operationId}/subjects/{subjectId}/country": {
    access: rule(reading),
    params: subjectParams,
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/country": {
    access: rule(recording),
    params: subjectParams,
    body: () => ({ country: "PH", note: "phone and stated city agree" }),
    audit: "subject.countryConfirmed",
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/merges": {
    access: rule(recording),
    params: subjectParams,
    body: async (world) => ({
      otherSubjectId: (await newSubject(world)).id,
      decision: "not_same",
      reason: "different ages stated",
    }),
    audit: "subject.notSame",
  },
  "GET /api/operations/{operationId}/deconfliction": {
    access: rule(signing),
    params: (world) => ({ operationId: world.operation.id }),
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/claims": {
    access: rule(recording),
    params: subjectParams,
    body: () => ({
      predicate: "uses_email",
      value: "tom@example.net",
      reliability: "B",
      credibility: "2",
      gradingReason: "shown on the profile",
      citations: [],
    }),
    audit: "claim.created",
  },
  "POST /api/operations/{operationId}/claims/{claimId}/citations": {
    access: rule(recording),
    params: claimParams,
    body: async (world) => {
      const subject = await newSubject(world);
      return { citations: [{ findingId: (await newFinding(world, subject.id)).id }] };
    },
    audit: "claim.cited",
  },
  "POST /api/operations/{operationId}/claims/{claimId}/gradings": {
    access: rule(recording),
    params: claimParams,
    body: () => ({ reliability: "A", credibility: "1", reason: "confirmed by the register" }),
    audit: "claim.graded",
  },
  "POST /api/operations/{operationId}/claims/{claimId}/sign-offs": {
    access: rule(signing),
    params: claimParams,
    body: () => ({ note: "checked both captures" }),
    audit: "claim.signedOff",
  },
  "GET /api/operations/{operationId}/claims/awaiting-sign-off": {
    access: rule(signing),
    params: (world) => ({ operationId: world.operation.id }),
  },
  "POST /api/operations/{operationId}/retractions": {
    access: rule(recording),
    params: (world) => ({ operationId: world.operation.id }),
    body: async (world) => ({
      target: "claim",
      targetId: (await newClaim(world)).id,
      reason: "recorded on the wrong subject",
    }),
    audit: "evidence.retracted",
  },
  // An image-comparison opinion is retracted by those who may record one.
  "POST /api/operations/{operationId}/retractions (imageComparison)": {
    access: rule(recording),
    params: (world) => ({ operationId: world.operation.id }),
    body: async (world) => ({
      target: "imageComparison",
      targetId: (await newComparison(world)).id,
      reason: "compared the wrong pictures",
    }),
    audit: "evidence.retracted",
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/findings": {
    access: rule(recording),
    params: subjectParams,
    headers: upload.headers,
    body: () => upload.payload,
    audit: "finding.recorded",
  },
  "GET /api/operations/{operationId}/findings/{findingId}/file": {
    access: rule(reading),
    params: async (world) => {
      const subject = await newSubject(world);
      const finding = await newFinding(world, subject.id);
      // A picture's bytes need a reveal (S8; tested on its own): here, who may read it at all.
      await revealedByEveryone(world, [finding.id]);
      return { operationId: world.operation.id, findingId: finding.id };
    },
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/comparison": {
    access: rule(reading),
    params: comparisonParams,
    body: comparisonPictures,
    audit: "image_comparison.opened",
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/comparison/reveals": {
    access: rule(reading),
    params: comparisonParams,
    body: () => lastComparison!.left,
    audit: "evidence.reveal",
  },
  "POST /api/operations/{operationId}/subjects/{subjectId}/image-comparisons": {
    access: rule(recording),
    params: comparisonParams,
    body: () => ({
      ...comparisonPictures(),
      opinion: "cannot_tell",
      reason: "the second picture is too dark",
    }),
    audit: "image_comparison.recorded",
  },
  "GET /api/operations/{operationId}/findings/{findingId}/image": {
    access: rule(reading),
    params: async (world) => {
      const subject = await newSubject(world);
      const finding = await newFinding(world, subject.id);
      await revealedByEveryone(world, [finding.id]);
      return { operationId: world.operation.id, findingId: finding.id };
    },
    readAudit: { action: "finding.file.read", perView: false },
  },
};

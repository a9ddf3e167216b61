import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { captureBytesIn } from "../blobs/captureBytes";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { addCapture } from "../commands/addCapture";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import { buildEvidenceScenario } from "../test/evidenceScenario";
import { actorOf, stageBytes, testIdentityPorts } from "../test/identityScenario";
import { useTestStore } from "../test/testHooks";
import { recordFinding } from "./recordFinding";
import { subjectDetail } from "./workspaceRepository";

// "Same image" suggestions between a webcam capture and a finding's image (issue 11, build 7):
// the capture is hashed when it is taken, the finding when it is recorded; a mirrored, smaller
// copy is suggested, a different picture is not.

const store = useTestStore();
let scenario: Awaited<ReturnType<typeof buildEvidenceScenario>>;

const picture = (fill: string, shape: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
        <rect width="320" height="240" fill="${fill}"/>${shape}</svg>`,
    ),
  )
    .png()
    .toBuffer();

beforeAll(async () => {
  scenario = await buildEvidenceScenario(store.db);
});

describe("same image suggestions", () => {
  it("suggest a capture for a finding showing a mirrored, resized copy of it, and not for another picture", async () => {
    const original = await picture(
      "rgb(30,90,160)",
      `<circle cx="80" cy="80" r="60" fill="rgb(240,200,40)"/><rect x="170" y="120" width="120" height="90" fill="rgb(200,40,60)"/>`,
    );
    const other = await picture(
      "rgb(220,220,200)",
      `<rect x="20" y="140" width="280" height="60" fill="rgb(20,120,40)"/><circle cx="250" cy="60" r="40" fill="rgb(90,20,120)"/>`,
    );
    const capture = await addCapture(
      store.db,
      { evidence: ledgerEvidence, captures: captureBytesIn(databaseBlobStore(store.db)) },
      {
        actor: actorOf(scenario.operator),
        operationId: scenario.operation.id,
        conversationId: scenario.conversationId,
        fileName: "cam.png",
        mediaType: "image/png",
        bytes: original,
      },
    );
    const ports = testIdentityPorts(store.db);
    const record = async (title: string, bytes: Buffer, fileName: string) =>
      recordFinding(store.db, ports, {
        actor: actorOf(scenario.analyst),
        operationId: scenario.operation.id,
        subjectId: scenario.subjectId,
        title,
        sourceUrl: null,
        seenAt: new Date(),
        note: "",
        derivedFrom: null,
        identifiers: [],
        file: { fileName, staged: await stageBytes(ports.blobs, bytes) },
      });
    const copy = await record(
      "Profile photo",
      await sharp(original).flop().resize(160, 120).jpeg({ quality: 60 }).toBuffer(),
      "profile.jpg",
    );
    const unrelated = await record("Another photo", other, "other.png");

    const detail = await subjectDetail(store.db, scenario.operation.id, scenario.subjectId);
    const found = detail.findings.find((f) => f.id === copy.id)!;
    expect(found.similarImages).toContainEqual(
      expect.objectContaining({ kind: "capture", id: capture.id, mirrored: true }),
    );
    const apart = detail.findings.find((f) => f.id === unrelated.id)!;
    expect(apart.similarImages.map((s) => s.id)).not.toContain(capture.id);
  });
});

import type { ConversationDigest, DigestMessage } from "../conversationDigest";
import { maskExplicit } from "../maskExplicit";
import {
  boolean,
  dateTime,
  hexBinary,
  integer,
  iri,
  nonNegativeInteger,
  positiveInteger,
  ref,
  refs,
  type JsonNode,
} from "./jsonldTerms";
import type { OperationIris } from "./operationNodes";
import type { PackageFileFacts, ReferralJsonldInput } from "./referralJsonldInput";

// One conversation as observables: the two accounts on the venue's application, each message
// with exactly one sent time, the thread in order, the transcript and captures as files with
// their SHA-256, and the chain of custody: the recording and each capture as an investigative
// action whose result is a provenance record of what it produced. Message text is masked as in
// the report (S8); the ledger entries in the package hold the exact bytes.

export interface ConversationGraph {
  nodes: JsonNode[];
  /** The evidence the investigation lists (observables). */
  objects: string[];
  /** What the operation produced: the thread and the files. */
  results: string[];
  /** The recording, capture and review actions. */
  actions: string[];
}

export function conversationNodes(
  input: ReferralJsonldInput,
  ids: OperationIris,
  personIri: string,
  c: ConversationDigest,
): ConversationGraph {
  const address = c.venue?.address ?? c.venue?.name ?? "unknown venue";
  const application = iri("application", address);
  const persona = input.operation.personas.find((p) => p.name === c.persona?.name);
  const personaAccount = iri("account", "persona", address, c.persona?.name ?? "persona");
  // Per subject: two subjects may have used one handle on one venue (at different times).
  const counterpart = iri("account", "counterpart", address, c.counterpartHandle, personIri);
  const thread = iri("conversation", c.id);
  const nodes: JsonNode[] = [
    {
      "@id": application,
      "@type": "uco-observable:Application",
      "rdfs:label": address,
      "uco-core:name": c.venue?.protocol ? `${c.venue.protocol} venue ${address}` : address,
    },
    ...account(personaAccount, c.persona?.name ?? "persona", application, {
      owner: persona ? iri("persona", persona.id) : null,
      label: `Persona account "${c.persona?.name ?? "persona"}" on ${address}`,
    }),
    ...account(counterpart, c.counterpartHandle, application, {
      owner: personIri,
      label: `Counterpart account "${c.counterpartHandle}" on ${address}`,
    }),
  ];
  const messages = c.messages.map((m) =>
    messageNode(m, c, {
      from: m.direction === "in" ? counterpart : personaAccount,
      to: m.direction === "in" ? personaAccount : counterpart,
      application,
    }),
  );
  for (const m of messages) nodes.push(...m);
  nodes.push(...threadNodes(c, thread, [personaAccount, counterpart]));

  const transcript = input.transcripts.get(c.id);
  const files = [
    ...(transcript ? [fileNodes(iri("file", transcript.path), "Transcript", transcript)] : []),
  ];
  const captureFiles = c.captures.map((k) => {
    const file = iri("file", "capture", k.id);
    files.push(
      fileNodes(file, `Webcam capture "${k.fileName}"`, {
        path: k.path,
        mediaType: k.mediaType,
        sizeBytes: k.sizeBytes,
        sha256: k.sha256,
      }),
    );
    nodes.push({
      "@id": iri("capture-related-to", k.id),
      "@type": "uco-observable:ObservableRelationship",
      "rdfs:label": `Capture "${k.fileName}" is related to conversation ${c.id}`,
      "uco-core:kindOfRelationship": "Related_To",
      "uco-core:isDirectional": boolean(false),
      "uco-core:source": ref(file),
      "uco-core:target": ref(thread),
    });
    return { capture: k, file };
  });
  for (const f of files) nodes.push(...f);

  const recording = iri("recording", c.id);
  const recordingRecord = iri("recording-provenance", c.id);
  const messageIds = c.messages.map((m) => iri("message", m.id));
  const transcriptId = transcript ? [iri("file", transcript.path)] : [];
  const last = c.messages.at(-1)?.createdAt;
  nodes.push(
    action(recording, `Chat recording of conversation ${c.id}`, ids, {
      object: [thread],
      start: c.createdAt,
      end: last ?? null,
      result: [recordingRecord],
    }),
    {
      "@id": recordingRecord,
      "@type": "case-investigation:ProvenanceRecord",
      "rdfs:label": `Recorded conversation ${c.id}`,
      "case-investigation:exhibitNumber": c.entriesPath,
      "uco-core:description": `Ledger entries in ${c.entriesPath}, each proved against the signed tree head of ${input.head.size} entries (root ${input.head.root}).`,
      "uco-core:object": refs([thread, ...messageIds, ...transcriptId]),
    },
  );
  const actions = [recording];
  for (const { capture, file } of captureFiles) {
    const act = iri("capture", capture.id);
    const record = iri("capture-provenance", capture.id);
    actions.push(act);
    nodes.push(
      action(act, `Webcam capture "${capture.fileName}" (ledger entry ${capture.index})`, ids, {
        object: [thread],
        start: capture.createdAt,
        end: null,
        result: [record],
      }),
      {
        "@id": record,
        "@type": "case-investigation:ProvenanceRecord",
        "rdfs:label": `Capture ${capture.path}`,
        "case-investigation:exhibitNumber": capture.path,
        "uco-core:description": `Its SHA-256 is recorded in ledger entry ${capture.index}.`,
        "uco-core:object": ref(file),
      },
    );
  }
  for (const d of c.decisions) {
    const act = iri("review", c.id, d.index);
    actions.push(act);
    nodes.push({
      ...action(act, `Review of conversation ${c.id}: ${d.decision}`, ids, {
        object: [thread],
        start: d.createdAt,
        end: null,
        result: [],
      }),
      "uco-core:description": `${d.decision}: ${d.reason} (ledger entry ${d.index})`,
    });
  }
  const fileIds = files.map((f) => f[0]!["@id"]);
  return {
    nodes,
    objects: [application, personaAccount, counterpart, thread, ...messageIds, ...fileIds],
    results: [thread, ...fileIds],
    actions,
  };
}

function account(
  id: string,
  handle: string,
  application: string,
  facts: { owner: string | null; label: string },
): JsonNode[] {
  const accountFacet: JsonNode = {
    "@id": iri("account-facet", id),
    "@type": "uco-observable:AccountFacet",
    "uco-observable:accountIdentifier": handle,
  };
  if (facts.owner) accountFacet["uco-observable:owner"] = ref(facts.owner);
  const facets: JsonNode[] = [
    accountFacet,
    {
      "@id": iri("application-account-facet", id),
      "@type": "uco-observable:ApplicationAccountFacet",
      "uco-observable:application": ref(application),
    },
    {
      "@id": iri("digital-account-facet", id),
      "@type": "uco-observable:DigitalAccountFacet",
      "uco-observable:displayName": handle,
    },
  ];
  return [
    {
      "@id": id,
      "@type": "uco-observable:ApplicationAccount",
      "rdfs:label": facts.label,
      "uco-core:hasFacet": refs(facets.map((f) => f["@id"])),
    },
    ...facets,
  ];
}

function messageNode(
  m: DigestMessage,
  c: ConversationDigest,
  links: { from: string; to: string; application: string },
): JsonNode[] {
  const id = iri("message", m.id);
  const facet = iri("message-facet", m.id);
  const how =
    m.direction === "in"
      ? "sent by the counterpart"
      : m.moveId
        ? `sent as the persona: library move "${m.moveId}" (library ${m.moveLibraryVersion ?? "?"}), chosen by an operator`
        : "sent as the persona: typed by an operator";
  return [
    {
      "@id": id,
      "@type": "uco-observable:Message",
      "rdfs:label": `Message #${m.seq} of conversation ${c.id}`,
      "uco-core:description": `${how}; ledger entry ${m.index}; explicit terms masked`,
      "uco-core:hasFacet": ref(facet),
    },
    {
      "@id": facet,
      "@type": "uco-observable:MessageFacet",
      "uco-observable:messageID": m.id,
      "uco-observable:sessionID": c.id,
      "uco-observable:sentTime": dateTime(m.createdAt),
      "uco-observable:from": ref(links.from),
      "uco-observable:to": ref(links.to),
      "uco-observable:application": ref(links.application),
      "uco-observable:messageText": maskExplicit(m.body),
    },
  ];
}

function threadNodes(c: ConversationDigest, id: string, participants: string[]): JsonNode[] {
  const thread = iri("thread", c.id);
  const items = c.messages.map((m) => iri("thread-item", m.id));
  const nodes: JsonNode[] = [
    {
      "@id": id,
      "@type": ["uco-observable:MessageThread", "cacontology-undercover:UndercoverCommunication"],
      "rdfs:label": `Conversation ${c.id} with "${c.counterpartHandle}", opened ${c.createdAt} by the ${c.initiator === "persona" ? "persona" : "counterpart"}`,
      "uco-core:hasFacet": ref(iri("message-thread-facet", c.id)),
    },
    {
      "@id": iri("message-thread-facet", c.id),
      "@type": "uco-observable:MessageThreadFacet",
      "uco-observable:participant": refs(participants),
      "uco-observable:messageThread": ref(thread),
    },
    {
      "@id": thread,
      "@type": "uco-types:Thread",
      "co:size": nonNegativeInteger(c.messages.length),
      "co:element": refs(c.messages.map((m) => iri("message", m.id))),
      "co:item": refs(items),
    },
  ];
  c.messages.forEach((m, i) => {
    const item: JsonNode = {
      "@id": items[i]!,
      "@type": "uco-types:ThreadItem",
      "co:index": positiveInteger(i + 1),
      "co:itemContent": ref(iri("message", m.id)),
    };
    if (i + 1 < items.length) item["uco-types:threadNextItem"] = ref(items[i + 1]!);
    if (i > 0) item["uco-types:threadPreviousItem"] = ref(items[i - 1]!);
    nodes.push(item);
  });
  return nodes;
}

/** A file of the package with its name, size, media type and SHA-256 (a Hash node, never blank). */
export function fileNodes(id: string, label: string, file: PackageFileFacts): JsonNode[] {
  const name = file.path.split("/").at(-1) ?? file.path;
  const hash = iri("hash", id);
  return [
    {
      "@id": id,
      "@type": "uco-observable:File",
      "rdfs:label": `${label} (${file.path})`,
      "uco-core:hasFacet": refs([iri("file-facet", id), iri("content-data-facet", id)]),
    },
    {
      "@id": iri("file-facet", id),
      "@type": "uco-observable:FileFacet",
      "uco-observable:fileName": name,
      "uco-observable:filePath": file.path,
      "uco-observable:sizeInBytes": integer(file.sizeBytes),
    },
    {
      "@id": iri("content-data-facet", id),
      "@type": "uco-observable:ContentDataFacet",
      "uco-observable:mimeType": file.mediaType,
      "uco-observable:sizeInBytes": integer(file.sizeBytes),
      "uco-observable:hash": ref(hash),
    },
    {
      "@id": hash,
      "@type": "uco-types:Hash",
      "uco-types:hashMethod": "SHA256",
      "uco-types:hashValue": hexBinary(file.sha256),
    },
  ];
}

function action(
  id: string,
  label: string,
  ids: OperationIris,
  facts: { object: string[]; start: string; end: string | null; result: string[] },
): JsonNode {
  const node: JsonNode = {
    "@id": id,
    "@type": "case-investigation:InvestigativeAction",
    "rdfs:label": label,
    "uco-action:performer": ref(ids.alertingPartner),
    "uco-action:instrument": ref(ids.tool),
    "uco-action:object": refs(facts.object),
    "uco-action:startTime": dateTime(facts.start),
  };
  if (facts.end) node["uco-action:endTime"] = dateTime(facts.end);
  if (facts.result.length) node["uco-action:result"] = refs(facts.result);
  return node;
}
